#include "objectives/SpecDataLoader.h"

#include "data/SyntheticData.h"
#include "io/DatasetSource.h"
#include "spec/CanonicalJson.h"

#include <stdexcept>

namespace tw {

CsvOptions SpecDataLoader::csvOptions(const DatasetSpec& spec)
{
    CsvOptions o;
    if (!spec.target.isEmpty())
        o.target = ColumnRef::byName(spec.target.toStdString());
    else if (spec.targetIndex >= 0)
        o.target = ColumnRef::byIndex(spec.targetIndex);
    for (const QString& name : spec.ignoreNames)
        o.ignore.push_back(ColumnRef::byName(name.toStdString()));
    for (int i : spec.ignoreIndices)
        o.ignore.push_back(ColumnRef::byIndex(i));
    switch (spec.missing) {
    case DatasetSpec::Missing::Error: o.missing = MissingPolicy::Error; break;
    case DatasetSpec::Missing::Drop: o.missing = MissingPolicy::Drop; break;
    case DatasetSpec::Missing::Mean: o.missing = MissingPolicy::Mean; break;
    case DatasetSpec::Missing::Mode: o.missing = MissingPolicy::Mode; break;
    }
    if (spec.delimiter)
        o.delimiter = spec.delimiter->toLatin1();
    if (spec.header)
        o.header = *spec.header ? HeaderMode::Present : HeaderMode::Absent;
    return o;
}

SyntheticOptions SpecDataLoader::syntheticOptions(const DatasetSpec& spec)
{
    SyntheticOptions o;
    o.kind = spec.sourceName.toStdString();
    o.samples = spec.synthetic.samples;
    o.noise = spec.synthetic.noise;
    o.factor = spec.synthetic.factor;
    o.seed = spec.synthetic.seed;
    if (spec.synthetic.classes > 0)
        o.classes = spec.synthetic.classes;
    else
        o.classes = (o.kind == "spirals" || o.kind == "blobs") ? 3 : 2;
    if (spec.synthetic.features > 0)
        o.features = spec.synthetic.features;
    else if (o.kind == "friedman1")
        o.features = 10;
    else if (o.kind == "sine")
        o.features = 1;
    else
        o.features = 2;
    return o;
}

LoadedDataset SpecDataLoader::load(const DatasetSpec& spec)
{
    const DatasetSource source = DatasetSource::parse(spec.source);
    const SyntheticOptions synthetic = syntheticOptions(spec);
    LoadedDataset loaded =
        source.load(csvOptions(spec), [&](const std::string&) { return SyntheticData::generate(synthetic); });
    if (spec.imageShape) {
        const ImageShape& shape = *spec.imageShape;
        if (shape.size() != loaded.data.features())
            throw std::invalid_argument("objective.dataset.image_shape: " + shape.toString() + " is " +
                                        std::to_string(shape.size()) + " values, but " + spec.source.toStdString() +
                                        " has " + std::to_string(loaded.data.features()) + " feature columns");
        loaded.data.imageShape = shape;
        if (loaded.officialTest)
            loaded.officialTest->imageShape = shape;
    }
    return loaded;
}

QString SpecDataLoader::loadKey(const QJsonObject& datasetJson)
{
    QJsonObject key = datasetJson;
    for (const char* k : {"split", "preprocess", "augment"})
        key.remove(QLatin1String(k));
    return CanonicalJson::write(key);
}

QString SpecDataLoader::foldKey(const QJsonObject& datasetJson, int cvFolds)
{
    QJsonObject key = datasetJson;
    key.remove(QLatin1String("augment"));
    return CanonicalJson::write(QJsonObject{{"dataset", key}, {"cv_folds", cvFolds}});
}

} // namespace tw
