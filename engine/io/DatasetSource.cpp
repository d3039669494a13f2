#include "io/DatasetSource.h"

#include "io/BuiltinDatasets.h"
#include "io/CsvReader.h"
#include "io/DataError.h"

#include <QDir>
#include <QFileInfo>

#include <algorithm>

namespace tw {

namespace {

std::string joined(const std::vector<std::string>& names)
{
    std::string out;
    for (const auto& n : names)
        out += (out.empty() ? "" : ", ") + n;
    return out;
}

const char* kForms = "expected builtin:NAME, csv:PATH or synthetic:KIND";

} // namespace

const std::vector<std::string>& DatasetSource::syntheticKinds()
{
    static const std::vector<std::string> kinds = {"moons", "circles",   "spirals", "blobs",
                                                   "xor",   "friedman1", "sine"};
    return kinds;
}

DatasetSource DatasetSource::parse(const QString& text, const QString& baseDir)
{
    const std::string where = "dataset.source '" + text.toStdString() + "'";
    const int colon = text.indexOf(':');
    if (colon <= 0)
        throw DataError(where + ": " + kForms);
    const QString scheme = text.left(colon);
    const QString rest = text.mid(colon + 1);
    DatasetSource s;
    if (scheme == "builtin") {
        const auto known = BuiltinDatasets::knownNames();
        if (std::find(known.begin(), known.end(), rest.toStdString()) == known.end())
            throw DataError(where + ": unknown built-in dataset '" + rest.toStdString() +
                            "'; expected one of " + joined(known));
        s.m_kind = Kind::Builtin;
        s.m_target = rest;
    } else if (scheme == "csv") {
        if (rest.trimmed().isEmpty())
            throw DataError(where + ": expected a file path after csv:");
        s.m_kind = Kind::Csv;
        const QDir base(baseDir.isEmpty() ? QDir::currentPath() : baseDir);
        s.m_target = QDir::cleanPath(base.absoluteFilePath(rest));
    } else if (scheme == "synthetic") {
        const auto& kinds = syntheticKinds();
        if (std::find(kinds.begin(), kinds.end(), rest.toStdString()) == kinds.end())
            throw DataError(where + ": unknown synthetic kind '" + rest.toStdString() +
                            "'; expected one of " + joined(kinds));
        s.m_kind = Kind::Synthetic;
        s.m_target = rest;
    } else {
        throw DataError(where + ": unknown source type '" + scheme.toStdString() + "'; " +
                        kForms);
    }
    return s;
}

QString DatasetSource::toString() const
{
    switch (m_kind) {
    case Kind::Builtin: return "builtin:" + m_target;
    case Kind::Csv: return "csv:" + m_target;
    case Kind::Synthetic: return "synthetic:" + m_target;
    }
    return {};
}

LoadedDataset DatasetSource::load(const CsvOptions& csv, const SyntheticGenerator& synthetic) const
{
    switch (m_kind) {
    case Kind::Builtin: return BuiltinDatasets::load(m_target.toStdString(), csv);
    case Kind::Csv: {
        if (!QFileInfo(m_target).isFile())
            throw DataError(m_target.toStdString(), 0, 0,
                            QFileInfo::exists(m_target)
                                ? "not a file; expected a CSV file"
                                : "no such file; expected a CSV file");
        return CsvReader(csv).readFile(m_target);
    }
    case Kind::Synthetic: {
        if (!synthetic)
            throw std::invalid_argument(
                "DatasetSource::load(): a synthetic source needs a SyntheticGenerator");
        LoadedDataset out;
        out.data = synthetic(m_target.toStdString());
        out.columns = LoadedDataset::columnsOf(out.data);
        out.format = "synthetic " + m_target.toStdString();
        return out;
    }
    }
    throw std::logic_error("DatasetSource::load(): unknown kind");
}

} // namespace tw
