#include "io/CsvOptions.h"

#include <charconv>

namespace tw {

namespace {

std::vector<ColumnRef> splitColumns(std::string_view text)
{
    std::vector<ColumnRef> out;
    size_t start = 0;
    while (start <= text.size()) {
        const size_t comma = text.find(',', start);
        const size_t end = comma == std::string_view::npos ? text.size() : comma;
        if (end > start)
            out.push_back(ColumnRef::fromText(std::string(text.substr(start, end - start))));
        if (comma == std::string_view::npos)
            break;
        start = comma + 1;
    }
    return out;
}

} // namespace

std::optional<MissingPolicy> CsvOptions::parseMissingPolicy(std::string_view text)
{
    if (text == "error")
        return MissingPolicy::Error;
    if (text == "drop")
        return MissingPolicy::Drop;
    if (text == "mean")
        return MissingPolicy::Mean;
    if (text == "mode")
        return MissingPolicy::Mode;
    return std::nullopt;
}

std::optional<char> CsvOptions::parseDelimiter(std::string_view text)
{
    if (text == "auto" || text.empty())
        return '\0';
    if (text == "," || text == "comma")
        return ',';
    if (text == ";" || text == "semicolon")
        return ';';
    if (text == "\t" || text == "\\t" || text == "tab")
        return '\t';
    if (text == "|" || text == "pipe")
        return '|';
    return std::nullopt;
}

std::string CsvOptions::toString(MissingPolicy policy)
{
    switch (policy) {
    case MissingPolicy::Error: return "error";
    case MissingPolicy::Drop: return "drop";
    case MissingPolicy::Mean: return "mean";
    case MissingPolicy::Mode: return "mode";
    }
    return "error";
}

std::string CsvOptions::delimiterName(char delimiter)
{
    switch (delimiter) {
    case ',': return "comma";
    case ';': return "semicolon";
    case '\t': return "tab";
    case '|': return "pipe";
    case '\0': return "auto";
    }
    return std::string(1, delimiter);
}

std::string CsvOptions::set(std::string_view key, std::string_view value)
{
    if (key == "target") {
        if (value.empty())
            return "target: expected a column name or index";
        target = ColumnRef::fromText(std::string(value));
    } else if (key == "ignore") {
        for (auto& c : splitColumns(value))
            ignore.push_back(std::move(c));
    } else if (key == "categorical") {
        for (auto& c : splitColumns(value))
            categorical.push_back(std::move(c));
    } else if (key == "delimiter") {
        const auto d = parseDelimiter(value);
        if (!d)
            return "delimiter: expected one of , ; tab | auto, got '" + std::string(value) + "'";
        delimiter = *d;
    } else if (key == "missing") {
        const auto p = parseMissingPolicy(value);
        if (!p)
            return "missing: expected error, drop, mean or mode, got '" + std::string(value) + "'";
        missing = *p;
    } else if (key == "task") {
        if (value == "auto")
            task = TaskChoice::Auto;
        else if (value == "classification")
            task = TaskChoice::Classification;
        else if (value == "regression")
            task = TaskChoice::Regression;
        else
            return "task: expected auto, classification or regression, got '" +
                   std::string(value) + "'";
    } else if (key == "header") {
        if (value == "auto")
            header = HeaderMode::Auto;
        else if (value == "yes" || value == "true")
            header = HeaderMode::Present;
        else if (value == "no" || value == "false")
            header = HeaderMode::Absent;
        else
            return "header: expected auto, yes or no, got '" + std::string(value) + "'";
    } else if (key == "max-field-bytes") {
        std::size_t bytes = 0;
        const auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), bytes);
        if (ec != std::errc() || ptr != value.data() + value.size() || bytes == 0 ||
            bytes > (std::size_t(1) << 30))
            return "max-field-bytes: expected a whole number from 1 to 1073741824, got '" +
                   std::string(value) + "'";
        maxFieldBytes = bytes;
    } else {
        return "unknown CSV option '" + std::string(key) +
               "': expected target, ignore, categorical, delimiter, missing, task, header or "
               "max-field-bytes";
    }
    return {};
}

} // namespace tw
