#include "io/CsvReader.h"

#include "io/CellBuffer.h"
#include "io/CsvLayout.h"
#include "io/CsvTokenizer.h"
#include "io/CsvValue.h"
#include "io/DataError.h"

#include <QBuffer>
#include <QFile>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <unordered_map>

namespace tw {

namespace {

// Text lookups with a string_view key, without building a std::string per field.
struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
template <typename V>
using TextMap = std::unordered_map<std::string, V, TextHash, std::equal_to<>>;

std::string quote(std::string_view text)
{
    std::string out(1, '\'');
    out.append(CsvValue::excerpt(text));
    out.push_back('\'');
    return out;
}

struct Category {
    int id = 0;  // order of first appearance
    long long count = 0;
};

struct Column {
    std::string name;
    long long headerLine = 0;  // where the column's first cell is, for messages
    long long headerColumn = 0;
    ColumnSummary::Role role = ColumnSummary::Role::Feature;
    bool forceText = false;
    bool forceNumber = false;  // the target of a regression
    bool typed = false;
    ColumnSummary::Type type = ColumnSummary::Type::Unknown;
    long long typeLine = 0;
    std::string firstValue;
    long long missing = 0;      // in all data rows
    long long missingKept = 0;  // in the rows that are kept, i.e. to impute
    std::vector<long long> missingLines;  // where the first few are
    TextMap<Category> counts;   // text values of kept rows
    std::vector<const std::string*> byId;
    // Numeric target: distinct values while few enough to be classes.
    std::vector<float> distinct;
    bool distinctOverflow = false;
    bool allIntegers = true;
    // Layout decided after parsing.
    std::vector<std::string> categories;  // sorted
    std::vector<int> sortedIndexOfId;
    int modeCategory = -1;
    int firstFeature = -1;
    int featureCount = 0;
};

std::string columnLabel(const Column& c)
{
    return (c.role == ColumnSummary::Role::Target ? "target column '" : "column '") + c.name + "'";
}

float mostFrequent(std::vector<float>& values)
{
    std::sort(values.begin(), values.end());
    float best = values.empty() ? 0.0f : values.front();
    size_t bestRun = 0;
    for (size_t i = 0; i < values.size();) {
        size_t j = i;
        while (j < values.size() && values[j] == values[i])
            ++j;
        if (j - i > bestRun) {
            bestRun = j - i;
            best = values[i];
        }
        i = j;
    }
    return best;
}

class Reading {
public:
    Reading(const CsvOptions& options, QIODevice& device, std::string source)
        : m_options(options)
        , m_device(device)
        , m_source(std::move(source))
    {
    }

    LoadedDataset run()
    {
        parseAll();
        decideLayout();
        LoadedDataset out;
        build(out.data);
        impute(out.data);
        finish(out);
        return out;
    }

private:
    [[noreturn]] void fail(long long line, long long column, const std::string& detail) const
    {
        throw DataError(m_source, line, column, detail);
    }

    // Counts the row's missing values; true when the row is to be dropped.
    bool rowIsDropped(const std::vector<CsvField>& f)
    {
        bool drop = false;
        for (int j : m_used) {
            const CsvField& field = f[size_t(j)];
            if (!CsvValue::isMissing(field.view()))
                continue;
            Column& c = m_columns[size_t(j)];
            ++c.missing;
            if (c.missingLines.size() < ColumnSummary::kMissingLinesKept)
                c.missingLines.push_back(field.line);
            if (m_options.missing == MissingPolicy::Error)
                fail(field.line, field.column,
                     "missing value " +
                         (field.size == 0 ? std::string("(empty field)") : quote(field.view())) +
                         " in " + columnLabel(c) +
                         "; expected a value (the missing policy is error; choose drop, mean or "
                         "mode to accept missing values)");
            if (m_options.missing == MissingPolicy::Drop || j == m_target)
                drop = true;
        }
        return drop;
    }

    void parseAll()
    {
        CsvTokenizer tok(m_device, m_source, m_options.maxFieldBytes);
        std::vector<CsvField> f;
        f.reserve(64);
        m_layout = CsvLayout::start(tok, m_options, f);
        m_columnCount = m_layout.columnCount();
        setUpColumns(m_layout.names);
        for (size_t j = 0; j < m_columnCount; ++j) {
            m_columns[j].headerLine = f[j].line;
            m_columns[j].headerColumn = f[j].column;
        }
        m_sums.assign(m_columnCount, 0.0);

        bool pending = !m_layout.header;  // without a header the first record is data
        while (pending || tok.next(f)) {
            pending = false;
            parseRow(f);
        }
        m_lastLine = tok.lineCount();
    }

    void parseRow(const std::vector<CsvField>& f)
    {
        ++m_dataRows;
        m_layout.checkFieldCount(f);
        const bool drop = rowIsDropped(f);
        for (int j : m_used) {
            const CsvField& field = f[size_t(j)];
            const std::string_view v = field.view();
            Column& c = m_columns[size_t(j)];
            if (CsvValue::isMissing(v)) {
                if (!drop) {
                    ++c.missingKept;
                    m_cells.push(std::numeric_limits<float>::quiet_NaN());
                }
                continue;
            }
            float value = 0.0f;
            CsvValue::Parse parsed = CsvValue::Parse::NotANumber;
            if (c.type != ColumnSummary::Type::Text)
                parsed = CsvValue::parse(v, value);
            if (!c.typed) {
                c.typed = true;
                c.typeLine = field.line;
                c.firstValue = CsvValue::excerpt(v);
                c.type = !c.forceNumber && (c.forceText || parsed == CsvValue::Parse::NotANumber)
                             ? ColumnSummary::Type::Text
                             : ColumnSummary::Type::Numeric;
            }
            if (c.type == ColumnSummary::Type::Numeric) {
                if (parsed == CsvValue::Parse::NotANumber)
                    fail(field.line, field.column,
                         "expected a number in " + columnLabel(c) +
                             (c.forceNumber ? std::string(" (the task is regression)")
                                            : " (its first value, at line " +
                                                  std::to_string(c.typeLine) + ", is a number)") +
                             ", found " + quote(v));
                if (parsed == CsvValue::Parse::OutOfRange)
                    fail(field.line, field.column,
                         "expected a number within float range (about +-3.4e38) in " +
                             columnLabel(c) + ", found " + quote(v));
                if (drop)
                    continue;
                m_cells.push(value);
                m_sums[size_t(j)] += value;
                if (j == m_target)
                    trackTarget(c, field, value);
            } else if (!drop) {
                auto it = c.counts.find(v);
                if (it == c.counts.end()) {
                    if (int(c.counts.size()) >= m_options.maxCategories) {
                        const std::string limit = std::to_string(m_options.maxCategories);
                        const std::string first = "its first value, '" + c.firstValue +
                                                  "' at line " + std::to_string(c.typeLine) +
                                                  ", is not a number: if the column should be "
                                                  "numeric, fix that value";
                        fail(field.line, field.column,
                             columnLabel(c) + " has more than " + limit +
                                 " distinct text values; " +
                                 (j == m_target
                                      ? "a classification target has at most " + limit +
                                            " classes (" + first +
                                            "; otherwise choose another target column)"
                                      : "a text column becomes one feature per value, at most " +
                                            limit + " (" + first +
                                            "; if it is an id or free text, leave it out with "
                                            "columns.ignore in a spec, --ignore for dataset inspect)"));
                    }
                    it = c.counts.emplace(std::string(v), Category{int(c.counts.size()), 0}).first;
                    c.byId.push_back(&it->first);
                }
                ++it->second.count;
                m_cells.push(float(it->second.id));
            }
        }
        if (drop)
            ++m_dropped;
        else
            ++m_kept;
    }

    void setUpColumns(const std::vector<std::string>& names)
    {
        m_columns.resize(m_columnCount);
        for (size_t j = 0; j < m_columnCount; ++j)
            m_columns[j].name = names[j];
        const std::string hint = m_layout.header ? "" : " (the file has no header row, so columns are "
                                                 "named column_0, column_1, ...)";
        auto resolve = [&](const ColumnRef& ref, const char* what) -> int {
            std::optional<int> j;
            try {
                j = ref.resolve(names);
            } catch (const std::invalid_argument& e) {
                fail(m_layout.headerLine, 0, std::string(what) + ": " + e.what());
            }
            if (!j) {
                std::string list;
                for (size_t i = 0; i < names.size() && i < 30; ++i)
                    list += (i ? ", " : "") + names[i];
                if (names.size() > 30)
                    list += ", ...";
                fail(m_layout.headerLine, 0,
                     std::string(what) + " " + ref.toString() + " not found; expected one of " +
                         std::to_string(names.size()) + " columns: " + list + hint);
            }
            return *j;
        };
        m_target = m_options.target ? resolve(*m_options.target, "target column")
                                    : int(m_columnCount) - 1;
        for (const auto& ref : m_options.ignore) {
            const int j = resolve(ref, "ignored column");
            if (j == m_target)
                fail(m_layout.headerLine, 0, "column '" + names[size_t(j)] +
                                          "' is both the target and ignored; expected one or "
                                          "the other");
            m_columns[size_t(j)].role = ColumnSummary::Role::Ignored;
        }
        for (const auto& ref : m_options.categorical)
            m_columns[size_t(resolve(ref, "categorical column"))].forceText = true;
        Column& t = m_columns[size_t(m_target)];
        t.role = ColumnSummary::Role::Target;
        if (m_options.task == TaskChoice::Regression) {
            t.forceNumber = true;
            t.forceText = false;
        }
        for (size_t j = 0; j < m_columnCount; ++j)
            if (m_columns[j].role != ColumnSummary::Role::Ignored)
                m_used.push_back(int(j));
    }

    void trackTarget(Column& c, const CsvField& field, float v)
    {
        if (m_options.task == TaskChoice::Regression || c.distinctOverflow)
            return;
        if (v != std::floor(v))
            c.allIntegers = false;
        auto it = std::lower_bound(c.distinct.begin(), c.distinct.end(), v);
        if (it != c.distinct.end() && *it == v)
            return;
        const int cap = m_options.task == TaskChoice::Classification ? m_options.maxCategories
                                                                       : m_options.maxAutoClasses;
        if (int(c.distinct.size()) >= cap) {
            if (m_options.task == TaskChoice::Classification)
                fail(field.line, field.column,
                     columnLabel(c) + " has more than " + std::to_string(cap) +
                         " distinct values; expected class labels: a classification target has "
                         "at most " + std::to_string(cap) +
                         " classes (is the task regression? then say so: --task regression)");
            c.distinctOverflow = true;
            c.distinct = {};
            return;
        }
        c.distinct.insert(it, v);
    }

    void decideLayout()
    {
        if (m_dataRows == 0)
            fail(m_lastLine, 0,
                 "the header at line " + std::to_string(m_layout.headerLine) +
                     " is followed by no data rows; expected at least one row");
        if (m_kept == 0)
            fail(0, 0,
                 "no rows left: all " + std::to_string(m_dataRows) +
                     " data rows have a missing value (missing policy " +
                     CsvOptions::toString(m_options.missing) +
                     "); expected at least one complete row");
        for (int j : m_used) {
            const Column& c = m_columns[size_t(j)];
            if (!c.typed)
                fail(c.headerLine, c.headerColumn,
                     columnLabel(c) + " has only missing values; expected at least one value "
                                      "(ignore the column)");
        }
        Column& t = m_columns[size_t(m_target)];
        if (t.type == ColumnSummary::Type::Text) {
            m_task = Task::Classification;
        } else if (m_options.task != TaskChoice::Auto) {
            m_task = m_options.task == TaskChoice::Classification ? Task::Classification
                                                                  : Task::Regression;
        } else {
            const bool fewIntegers = !t.distinctOverflow && t.allIntegers &&
                                     (long long)(t.distinct.size()) * 2 <= m_kept;
            m_task = fewIntegers ? Task::Classification : Task::Regression;
        }
        if (m_task == Task::Classification) {
            if (t.type == ColumnSummary::Type::Text) {
                sortCategories(t);
            } else {
                for (float v : t.distinct)
                    t.categories.push_back(CsvValue::format(v));
            }
            if (t.categories.size() < 2)
                fail(t.headerLine, t.headerColumn,
                     columnLabel(t) + " has a single class" +
                         (t.categories.empty() ? std::string()
                                               : " '" + CsvValue::excerpt(t.categories[0]) + "'") +
                         " in all " + std::to_string(m_kept) +
                         " rows; expected at least 2 classes for classification");
        }
        int next = 0;
        for (int j : m_used) {
            Column& c = m_columns[size_t(j)];
            if (j == m_target)
                continue;
            c.firstFeature = next;
            if (c.type == ColumnSummary::Type::Numeric) {
                c.featureCount = 1;
                m_featureNames.push_back(c.name);
            } else {
                sortCategories(c);
                long long best = -1;
                for (size_t i = 0; i < c.categories.size(); ++i) {
                    m_featureNames.push_back(c.name + "=" + c.categories[i]);
                    const long long n = c.counts.find(c.categories[i])->second.count;
                    if (n > best) {
                        best = n;
                        c.modeCategory = int(i);
                    }
                }
                c.featureCount = int(c.categories.size());
            }
            next += c.featureCount;
        }
        m_featureCount = next;
        if (m_featureCount == 0)
            fail(t.headerLine, t.headerColumn,
                 "no feature columns; expected at least one column besides the target '" +
                     t.name + "'");
    }

    // Categories in byte order, and where each first-appearance id went.
    static void sortCategories(Column& c)
    {
        for (const auto& kv : c.counts)
            c.categories.push_back(kv.first);
        std::sort(c.categories.begin(), c.categories.end());
        c.sortedIndexOfId.assign(c.byId.size(), -1);
        for (size_t i = 0; i < c.categories.size(); ++i)
            c.sortedIndexOfId[size_t(c.counts.find(c.categories[i])->second.id)] = int(i);
    }

    void build(Dataset& d)
    {
        const Eigen::Index rows = Eigen::Index(m_kept);
        d.x.resize(rows, m_featureCount);
        d.y.resize(rows);
        const Column& t = m_columns[size_t(m_target)];
        const bool numericClasses =
            m_task == Task::Classification && t.type == ColumnSummary::Type::Numeric;
        struct Slot {
            const Column* column;
            bool target;
        };
        std::vector<Slot> plan;
        for (int j : m_used)
            plan.push_back({&m_columns[size_t(j)], j == m_target});
        std::size_t cell = 0;
        for (Eigen::Index row = 0; row < rows; ++row) {
            float* out = d.x.data() + row * m_featureCount;
            for (const Slot& s : plan) {
                const Column& c = *s.column;
                const float v = m_cells.at(cell++);
                if (s.target) {
                    if (m_task == Task::Regression)
                        d.y(row) = v;
                    else if (numericClasses)
                        d.y(row) = float(
                            std::lower_bound(c.distinct.begin(), c.distinct.end(), v) -
                            c.distinct.begin());
                    else
                        d.y(row) = float(c.sortedIndexOfId[size_t(v)]);
                } else if (c.type == ColumnSummary::Type::Numeric) {
                    out[c.firstFeature] = v;  // NaN when missing: imputed below
                } else {
                    std::fill(out + c.firstFeature, out + c.firstFeature + c.featureCount, 0.0f);
                    const int k = std::isnan(v) ? c.modeCategory : c.sortedIndexOfId[size_t(v)];
                    if (k >= 0)
                        out[c.firstFeature + k] = 1.0f;
                }
            }
            if ((row & 4095) == 0)
                m_cells.releaseBefore(cell);
        }
        m_cells.clear();
        d.task = m_task;
        d.featureNames = m_featureNames;
        d.targetName = t.name;
        if (m_task == Task::Classification)
            d.classLabels = t.categories;
    }

    void impute(Dataset& d)
    {
        if (m_options.missing != MissingPolicy::Mean && m_options.missing != MissingPolicy::Mode)
            return;
        const Eigen::Index rows = d.x.rows();
        for (int j : m_used) {
            Column& c = m_columns[size_t(j)];
            if (j == m_target || c.missingKept == 0)
                continue;
            m_imputed += c.missingKept;
            if (c.type != ColumnSummary::Type::Numeric)
                continue;  // text columns took their mode in build()
            float fillValue = 0.0f;
            if (m_options.missing == MissingPolicy::Mean) {
                fillValue = float(m_sums[size_t(j)] / double(m_kept - c.missingKept));
            } else {
                std::vector<float> values;
                values.reserve(size_t(m_kept - c.missingKept));
                for (Eigen::Index r = 0; r < rows; ++r)
                    if (!std::isnan(d.x(r, c.firstFeature)))
                        values.push_back(d.x(r, c.firstFeature));
                fillValue = mostFrequent(values);
            }
            for (Eigen::Index r = 0; r < rows; ++r)
                if (std::isnan(d.x(r, c.firstFeature)))
                    d.x(r, c.firstFeature) = fillValue;
        }
    }

    void finish(LoadedDataset& out)
    {
        for (const Column& c : m_columns) {
            ColumnSummary s;
            s.name = c.name;
            s.role = c.role;
            s.type = c.role == ColumnSummary::Role::Ignored ? ColumnSummary::Type::Unknown : c.type;
            s.missing = c.missing;
            s.missingLines = c.missingLines;
            s.categories = c.type == ColumnSummary::Type::Text ? int(c.counts.size()) : 0;
            s.firstFeature = c.featureCount > 0 ? c.firstFeature : -1;
            s.featureCount = c.featureCount;
            out.columns.push_back(std::move(s));
        }
        out.droppedRows = m_dropped;
        out.imputedValues = m_imputed;
        out.format = m_layout.describe();
    }

    const CsvOptions& m_options;
    QIODevice& m_device;
    std::string m_source;
    CsvLayout m_layout;
    long long m_lastLine = 1;
    size_t m_columnCount = 0;
    std::vector<Column> m_columns;
    std::vector<int> m_used;  // not ignored, in file order
    int m_target = -1;
    long long m_dataRows = 0;
    long long m_kept = 0;
    long long m_dropped = 0;
    long long m_imputed = 0;
    Task m_task = Task::Regression;
    int m_featureCount = 0;
    std::vector<std::string> m_featureNames;
    std::vector<double> m_sums;  // of the kept values, for mean imputation
    // The kept rows' used cells, row by row: numbers, category ids, NaN when missing.
    CellBuffer m_cells;
};

} // namespace

CsvReader::CsvReader(CsvOptions options)
    : m_options(std::move(options))
{
    if (m_options.maxFieldBytes == 0 || m_options.maxFieldBytes > (std::size_t(1) << 30))
        throw std::invalid_argument("CsvReader::CsvReader(): maxFieldBytes must be in [1, 2^30]");
    if (m_options.maxCategories < 2 || m_options.maxAutoClasses < 2)
        throw std::invalid_argument(
            "CsvReader::CsvReader(): maxCategories and maxAutoClasses must be at least 2");
    const char d = m_options.delimiter;
    if (d == '"' || d == '\n' || d == '\r' || d == ' ' || (d < 0))
        throw std::invalid_argument("CsvReader::CsvReader(): the delimiter must be an ASCII "
                                    "character other than a quote, a space or a line end");
}

LoadedDataset CsvReader::readFile(const QString& path) const
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Unbuffered))
        throw DataError(path.toStdString(), 0, 0,
                        "cannot open: " + file.errorString().toStdString() +
                            "; expected a readable CSV file");
    return read(file, path);
}

LoadedDataset CsvReader::read(QIODevice& device, const QString& sourceName) const
{
    Reading reading(m_options, device, sourceName.toStdString());
    return reading.run();
}

LoadedDataset CsvReader::readBytes(const QByteArray& bytes, const QString& sourceName) const
{
    QByteArray copy = bytes;
    QBuffer buffer(&copy);
    buffer.open(QIODevice::ReadOnly);
    Reading reading(m_options, buffer, sourceName.toStdString());
    return reading.run();
}

char CsvReader::sniffDelimiter(std::string_view sample)
{
    static constexpr char kCandidates[] = {',', ';', '\t', '|'};
    // Split the sample into lines outside quotes; count each candidate per line.
    std::vector<std::array<int, 4>> lines;
    std::array<int, 4> counts{};
    bool inQuotes = false;
    bool content = false;
    for (size_t i = 0; i < sample.size() && lines.size() < 20; ++i) {
        const char c = sample[i];
        if (c == '"') {
            inQuotes = !inQuotes;
        } else if (!inQuotes && (c == '\n' || c == '\r')) {
            if (content)
                lines.push_back(counts);
            counts = {};
            content = false;
            continue;
        } else if (!inQuotes) {
            for (int k = 0; k < 4; ++k)
                counts[size_t(k)] += c == kCandidates[k];
        }
        content = content || (c != ' ' && c != '\t') || c == kCandidates[2];
    }
    if (lines.empty() && content)
        lines.push_back(counts);  // a single line without its end
    if (lines.empty())
        return ',';
    int best = -1;
    for (int k = 0; k < 4; ++k) {
        const int n = lines[0][size_t(k)];
        bool consistent = n > 0;
        for (const auto& l : lines)
            consistent = consistent && l[size_t(k)] == n;
        if (consistent && (best < 0 || n > lines[0][size_t(best)]))
            best = k;
    }
    if (best >= 0)
        return kCandidates[best];
    for (int k = 0; k < 4; ++k)
        if (lines[0][size_t(k)] > 0 && (best < 0 || lines[0][size_t(k)] > lines[0][size_t(best)]))
            best = k;
    return best >= 0 ? kCandidates[best] : ',';
}

} // namespace tw
