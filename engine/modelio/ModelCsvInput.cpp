#include "modelio/ModelCsvInput.h"

#include "io/CsvReader.h"
#include "io/CsvTokenizer.h"
#include "io/CsvValue.h"
#include "io/DataError.h"

#include <QFile>

#include <algorithm>
#include <map>

namespace tw {

namespace {

constexpr std::size_t kSniffBytes = 64 * 1024;
constexpr std::size_t kMaxFieldBytes = std::size_t(1) << 20;

std::string quoted(std::string_view s)
{
    return "'" + CsvValue::excerpt(s) + "'";
}

std::string joined(const std::vector<std::string>& names, std::size_t limit = 12)
{
    std::string out;
    for (std::size_t i = 0; i < names.size() && i < limit; ++i)
        out += (out.empty() ? "" : ", ") + names[i];
    if (names.size() > limit)
        out += ", ... (" + std::to_string(names.size()) + " in all)";
    return out;
}

} // namespace

FeatureMatrix ModelCsvInput::read(QIODevice& device, const QString& sourceName, const SavedModel& model)
{
    const std::string source = sourceName.toStdString();
    const auto& columns = model.inputs;
    const auto features = static_cast<Eigen::Index>(model.featureNames.size());
    CsvTokenizer tok(device, source, kMaxFieldBytes);
    tok.setDelimiter(CsvReader::sniffDelimiter(tok.peek(kSniffBytes)));

    std::vector<CsvField> f;
    if (!tok.next(f))
        throw DataError(source, 1, 1, "empty file; expected a header row naming the model's columns (" +
                                          [&] {
                                              std::vector<std::string> n;
                                              for (const auto& c : columns)
                                                  n.push_back(c.name);
                                              return joined(n);
                                          }() +
                                          ") and data rows");

    // Where each model column is in the file's rows.
    std::vector<std::size_t> at(columns.size());
    std::map<std::string, std::size_t> byName;
    for (std::size_t j = 0; j < f.size(); ++j)
        byName.emplace(std::string(f[j].view()), j);
    std::vector<std::string> missing;
    for (std::size_t c = 0; c < columns.size(); ++c) {
        const auto it = byName.find(columns[c].name);
        if (it == byName.end())
            missing.push_back(columns[c].name);
        else
            at[c] = it->second;
    }
    bool header = missing.empty();
    if (!header) {
        // No header: rows must hold exactly the model's columns, and the first row must
        // read as data (a number where a numeric column is).
        bool data = f.size() == columns.size();
        for (std::size_t c = 0; data && c < columns.size(); ++c)
            if (columns[c].type == ModelInputColumn::Type::Numeric && !CsvValue::isNumber(f[c].view()))
                data = false;
        if (!data)
            throw DataError(source, tok.recordLine(), 1,
                            "expected a header row naming the model's columns; missing: " + joined(missing));
        for (std::size_t c = 0; c < columns.size(); ++c)
            at[c] = c;
    }
    const std::size_t needed = columns.empty() ? 0 : *std::max_element(at.begin(), at.end()) + 1;

    std::vector<float> values;
    Eigen::Index rows = 0;
    bool have = !header;  // the first record is already a data row when there is no header
    while (have || tok.next(f)) {
        have = false;
        if (f.size() < needed)
            throw DataError(source, tok.recordLine(), 1,
                            "expected at least " + std::to_string(needed) + " fields, got " + std::to_string(f.size()));
        for (std::size_t c = 0; c < columns.size(); ++c) {
            const ModelInputColumn& col = columns[c];
            const CsvField& field = f[at[c]];
            if (CsvValue::isMissing(field.view()))
                throw DataError(source, field.line, field.column,
                                "missing value in column '" + col.name + "'; the model needs every input");
            if (col.type == ModelInputColumn::Type::Numeric) {
                float v = 0.0f;
                switch (CsvValue::parse(field.view(), v)) {
                case CsvValue::Parse::Ok: break;
                case CsvValue::Parse::NotANumber:
                    throw DataError(source, field.line, field.column,
                                    "expected a number in column '" + col.name + "', got " + quoted(field.view()));
                case CsvValue::Parse::OutOfRange:
                    throw DataError(source, field.line, field.column,
                                    quoted(field.view()) + " in column '" + col.name + "' is outside the range of float");
                }
                values.push_back(v);
            } else {
                const auto it = std::find(col.categories.begin(), col.categories.end(), field.view());
                if (it == col.categories.end())
                    throw DataError(source, field.line, field.column,
                                    "unknown category " + quoted(field.view()) + " in column '" + col.name +
                                        "'; the model knows " + joined(col.categories));
                for (auto k = col.categories.begin(); k != col.categories.end(); ++k)
                    values.push_back(k == it ? 1.0f : 0.0f);
            }
        }
        ++rows;
    }
    if (static_cast<Eigen::Index>(values.size()) != rows * features)
        throw std::logic_error("ModelCsvInput::read(): the model's columns make " +
                               std::to_string(values.size() / std::max<Eigen::Index>(rows, 1)) +
                               " features per row, it has " + std::to_string(features));
    FeatureMatrix x(rows, features);
    if (rows > 0)
        std::copy(values.begin(), values.end(), x.data());
    return x;
}

FeatureMatrix ModelCsvInput::readFile(const QString& path, const SavedModel& model)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw DataError(path.toStdString(), 0, 0, "cannot read: " + file.errorString().toStdString());
    return read(file, path, model);
}

} // namespace tw
