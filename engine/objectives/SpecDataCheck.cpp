#include "objectives/SpecDataCheck.h"

#include "io/CsvReader.h"
#include "io/CsvSample.h"
#include "io/DataError.h"
#include "objectives/SpecDataLoader.h"

#include <QDateTime>
#include <QFileInfo>

#include <cmath>
#include <mutex>
#include <optional>

namespace tw {

namespace {

// What the sample says of the data. An error is "PATH: message".
struct Probe {
    QString error;
    std::optional<Task> task; // when the sample decides it for the whole file
    int classes = 0;          // with a task from the whole file
    QString target;           // the target column's name, for messages
};

// Errors that the first rows alone may show although the file is fine.
bool sampleDependent(const std::string& detail)
{
    for (const char* s : {"has a single class", "has only missing values", "no rows left"})
        if (detail.find(s) != std::string::npos)
            return true;
    return false;
}

QString pathOf(const std::string& detail)
{
    if (detail.rfind("target column", 0) == 0)
        return QStringLiteral("objective.dataset.target");
    if (detail.rfind("ignored column", 0) == 0 || detail.find("is both the target and ignored") != std::string::npos)
        return QStringLiteral("objective.dataset.columns.ignore");
    return QStringLiteral("objective.dataset.source");
}

Probe probe(const DatasetSpec& dataset)
{
    Probe p;
    const QString file = dataset.sourceName;
    CsvSample sample;
    try {
        sample = CsvSample::read(file);
    } catch (const DataError& e) {
        p.error = QStringLiteral("objective.dataset.source: ") + QString::fromStdString(e.what());
        return p;
    }
    if (sample.bytes.isEmpty() && !sample.whole)
        return p; // a first row longer than the sample: the trials will say
    LoadedDataset loaded;
    try {
        loaded = CsvReader(SpecDataLoader::csvOptions(dataset)).readBytes(sample.bytes, file);
    } catch (const DataError& e) {
        if (!sample.whole && sampleDependent(e.detail()))
            return p;
        p.error = pathOf(e.detail()) + QStringLiteral(": ") + QString::fromStdString(e.what());
        return p;
    } catch (const std::invalid_argument& e) {
        p.error = QStringLiteral("objective.dataset: ") + QString::fromUtf8(e.what());
        return p;
    }
    const Dataset& data = loaded.data;
    p.target = QString::fromStdString(data.targetName);
    bool textTarget = false;
    for (const auto& c : loaded.columns)
        if (c.role == ColumnSummary::Role::Target)
            textTarget = c.type == ColumnSummary::Type::Text;
    bool fractional = false;
    if (data.task == Task::Regression)
        for (Eigen::Index i = 0; i < data.y.size() && !fractional; ++i)
            fractional = data.y[i] != std::floor(data.y[i]);
    if (sample.whole) {
        p.task = data.task;
        p.classes = data.classCount();
    } else if (textTarget) {
        p.task = Task::Classification; // a text target is classification, whatever follows
    } else if (fractional) {
        p.task = Task::Regression; // a fractional number is never a class label
    }
    return p;
}

QString describe(const Probe& p, const QString& source)
{
    const QString column = QStringLiteral("%1's target column '%2'").arg(source, p.target);
    return p.task == Task::Regression
               ? column + QStringLiteral(" holds numbers, not classes (a regression target)")
               : column + QStringLiteral(" holds classes (a classification target)");
}

std::mutex g_mutex;
QString g_lastKey;
Probe g_last;

} // namespace

QString SpecDataCheck::check(const StudySpec& spec)
{
    const ObjectiveSpec& o = spec.objective;
    if (!o.isTrain() || o.dataset.sourceKind != DatasetSpec::SourceKind::Csv)
        return {};
    // A search over what decides the data: each trial reads its own, and says so.
    for (const auto& param : spec.searchSpace.params)
        for (const char* k : {"dataset.source", "dataset.target", "dataset.columns", "dataset.delimiter",
                              "dataset.header", "dataset.missing", "dataset"})
            if (param.name == QLatin1String(k))
                return {};

    const QFileInfo info(o.dataset.sourceName);
    const QString key = SpecDataLoader::loadKey(o.json.value(QLatin1String("dataset")).toObject()) + u'\n' +
                        QString::number(info.size()) + u'\n' +
                        info.lastModified().toString(Qt::ISODateWithMs);
    Probe p;
    {
        std::lock_guard lock(g_mutex);
        if (key == g_lastKey) {
            p = g_last;
        } else {
            p = probe(o.dataset);
            g_lastKey = key;
            g_last = p;
        }
    }
    if (!p.error.isEmpty())
        return p.error;
    if (!p.task)
        return {};

    const QString measure = spec.metric.mid(spec.metric.indexOf(u'_') + 1);
    const bool classMetric = measure == QLatin1String("accuracy") || measure == QLatin1String("f1_macro");
    const bool regMetric = measure == QLatin1String("rmse") || measure == QLatin1String("mae") ||
                           measure == QLatin1String("r2");
    const QString source = o.dataset.source;
    if (classMetric && *p.task == Task::Regression)
        return QStringLiteral("objective.dataset.target: metric \"%1\" needs a classification target, but "
                              "%2; choose another target or a regression metric (val_rmse, val_mae, val_r2)")
            .arg(spec.metric, describe(p, source));
    if (regMetric && *p.task == Task::Classification)
        return QStringLiteral("objective.dataset.target: metric \"%1\" needs a regression target, but %2; "
                              "choose another target or a classification metric (val_accuracy, val_f1_macro)")
            .arg(spec.metric, describe(p, source));

    if (spec.searchSpace.find(QStringLiteral("model.type")))
        return {};
    const QString typePath = QStringLiteral("objective.model.type: ");
    switch (o.model.type) {
    case ModelSpec::Type::Linear:
        if (*p.task == Task::Classification)
            return typePath + QStringLiteral("\"linear\" needs a regression target, but %1; use \"softmax\", "
                                             "\"logistic\" or \"mlp\"")
                                  .arg(describe(p, source));
        break;
    case ModelSpec::Type::Logistic:
        if (*p.task == Task::Regression)
            return typePath + QStringLiteral("\"logistic\" needs a classification target with 2 classes, but "
                                             "%1; use \"linear\" or \"mlp\"")
                                  .arg(describe(p, source));
        if (p.classes > 2)
            return typePath + QStringLiteral("\"logistic\" needs a classification target with 2 classes, but "
                                             "%1's target column '%2' has %3; use \"softmax\" or \"mlp\"")
                                  .arg(source, p.target)
                                  .arg(p.classes);
        break;
    case ModelSpec::Type::Softmax:
        if (*p.task == Task::Regression)
            return typePath + QStringLiteral("\"softmax\" needs a classification target, but %1; use "
                                             "\"linear\" or \"mlp\"")
                                  .arg(describe(p, source));
        break;
    case ModelSpec::Type::Mlp:
    case ModelSpec::Type::Cnn: // either task, like the MLP; its image shape is checked elsewhere
        break;
    }
    return {};
}

} // namespace tw
