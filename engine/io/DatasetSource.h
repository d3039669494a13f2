#pragma once
#include "data/Dataset.h"
#include "io/CsvOptions.h"
#include "io/LoadedDataset.h"

#include <QString>

#include <functional>
#include <string>
#include <vector>

namespace tw {

// The study spec's `dataset.source`: builtin:NAME, csv:PATH or synthetic:KIND.
class DatasetSource {
public:
    enum class Kind { Builtin, Csv, Synthetic };

    // Generates a synthetic dataset of `kind` (moons, circles, ...). The caller binds the
    // generator options of `dataset.synthetic` (SyntheticData lives in tw_core and knows
    // nothing of specs), e.g. [&](const std::string&) { return SyntheticData::generate(o); }
    using SyntheticGenerator = std::function<Dataset(const std::string& kind)>;

    // Parses `text`. A relative csv PATH resolves against `baseDir` (the spec file's folder;
    // empty: the current folder). Throws DataError saying what was expected.
    static DatasetSource parse(const QString& text, const QString& baseDir = QString());

    static const std::vector<std::string>& syntheticKinds();

    Kind kind() const { return m_kind; }
    // The built-in name, the synthetic kind, or the absolute CSV path.
    const QString& target() const { return m_target; }
    // The canonical form, with csv paths absolute: what a created study stores.
    QString toString() const;

    // Loads the data: CSV options apply to csv: and the CSV built-ins. A synthetic source
    // needs `synthetic`. Throws DataError.
    LoadedDataset load(const CsvOptions& csv = {}, const SyntheticGenerator& synthetic = {}) const;

private:
    Kind m_kind = Kind::Builtin;
    QString m_target;
};

} // namespace tw
