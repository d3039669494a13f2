// tunewright-cli dataset: inspect a dataset source, list the built-in datasets.
#include "CliCommand.h"

#include "io/BuiltinDatasets.h"
#include "io/DataError.h"
#include "data/SyntheticData.h"
#include "io/DatasetSource.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <algorithm>
#include <cmath>

namespace tw::cli {

namespace {

const char* kUsage =
    "Usage: tunewright-cli dataset inspect SOURCE [options]\n"
    "       tunewright-cli dataset list\n"
    "\n"
    "SOURCE is builtin:NAME, csv:PATH (relative to the current folder) or synthetic:KIND.\n"
    "Prints rows, features, task, column types, class balance and missing counts: the\n"
    "missing values of each column and the lines of the first few.\n"
    "\n"
    "Options:\n"
    "  --target COL           target column, by name or 0-based index (default: the last)\n"
    "  --ignore COL[,COL...]  columns to leave out\n"
    "  --categorical COL[,..] columns to one-hot encode even when numeric\n"
    "  --delimiter D          , ; tab | or auto (default: sniffed)\n"
    "  --missing POLICY       count (default): count missing values, read the rest as mean\n"
    "                         does; or error (stop at the first, a study's default), drop,\n"
    "                         mean or mode\n"
    "  --task TASK            auto (default), classification or regression\n"
    "  --header H             auto (default), yes or no\n"
    "  --max-field-bytes N    longest field accepted (default 1048576)\n"
    "  --format F             table (default) or json\n"
    "\n"
    "Exit codes: 0 success, 2 bad input (message on stderr).\n";

// Synthetic sources on the command line use the generators' default options.
DatasetSource::SyntheticGenerator syntheticGenerator()
{
    return [](const std::string& kind) {
        tw::SyntheticOptions o;
        o.kind = kind;
        if (kind == "friedman1")
            o.features = 10;  // as scikit-learn's make_friedman1
        return tw::SyntheticData::generate(o);
    };
}

QString qs(const std::string& s) { return QString::fromStdString(s); }

QString percent(long long part, long long whole)
{
    return QString::number(whole > 0 ? 100.0 * double(part) / double(whole) : 0.0, 'f', 1) + "%";
}

QString describeTask(const Dataset& d)
{
    if (d.task == Task::Regression)
        return "regression";
    return "classification";
}

QJsonArray classesJson(const Dataset& d)
{
    QJsonArray out;
    const auto counts = d.classCounts();
    for (size_t i = 0; i < counts.size(); ++i)
        out.append(QJsonObject{{"label", qs(d.classLabels[i])}, {"count", qint64(counts[i])}});
    return out;
}

struct TargetStats {
    double min = 0, max = 0, mean = 0, stddev = 0;
};

TargetStats targetStats(const Dataset& d)
{
    TargetStats s;
    if (d.y.size() == 0)
        return s;
    double sum = 0, sumSquares = 0;
    s.min = s.max = d.y(0);
    for (Eigen::Index i = 0; i < d.y.size(); ++i) {
        const double v = d.y(i);
        s.min = std::min(s.min, v);
        s.max = std::max(s.max, v);
        sum += v;
        sumSquares += v * v;
    }
    const double n = double(d.y.size());
    s.mean = sum / n;
    s.stddev = std::sqrt(std::max(0.0, sumSquares / n - s.mean * s.mean));
    return s;
}

long long totalMissing(const LoadedDataset& r)
{
    long long n = 0;
    for (const auto& c : r.columns)
        n += c.missing;
    return n;
}

QString linesText(const ColumnSummary& c)
{
    QStringList lines;
    for (long long l : c.missingLines)
        lines << QString::number(l);
    QString text = (c.missingLines.size() == 1 ? "line " : "lines ") + lines.join(", ");
    if (c.missing > qint64(c.missingLines.size()))
        text += ", ...";
    return text;
}

QJsonObject toJson(const QString& source, const LoadedDataset& r, const QString& policy)
{
    const Dataset& d = r.data;
    QJsonObject o;
    o["source"] = source;
    o["format"] = qs(r.format);
    o["rows"] = qint64(d.rows());
    o["features"] = qint64(d.features());
    o["task"] = describeTask(d);
    o["target"] = qs(d.targetName);
    if (d.task == Task::Classification) {
        o["class_count"] = d.classCount();
        o["classes"] = classesJson(d);
    } else {
        const auto s = targetStats(d);
        o["target_stats"] =
            QJsonObject{{"min", s.min}, {"max", s.max}, {"mean", s.mean}, {"stddev", s.stddev}};
    }
    if (d.imageShape)
        o["image_shape"] = QJsonArray{d.imageShape->channels, d.imageShape->height,
                                      d.imageShape->width};
    else
        o["image_shape"] = QJsonValue::Null;
    o["missing_values"] = qint64(totalMissing(r));
    o["missing_policy"] = policy;
    o["dropped_rows"] = qint64(r.droppedRows);
    o["imputed_values"] = qint64(r.imputedValues);
    if (r.officialTest) {
        o["test_rows"] = qint64(r.officialTest->rows());
        if (r.officialTest->task == Task::Classification)
            o["test_classes"] = classesJson(*r.officialTest);
    }
    QJsonArray columns;
    for (const auto& c : r.columns) {
        QJsonObject col{{"name", qs(c.name)},
                        {"role", ColumnSummary::roleName(c.role)},
                        {"type", ColumnSummary::typeName(c.type)},
                        {"missing", qint64(c.missing)},
                        {"missing_lines", [&] {
                             QJsonArray lines;
                             for (long long l : c.missingLines)
                                 lines.append(qint64(l));
                             return lines;
                         }()},
                        {"feature_count", c.featureCount}};
        if (c.type == ColumnSummary::Type::Text)
            col["categories"] = c.categories;
        if (c.firstFeature >= 0)
            col["first_feature"] = c.firstFeature;
        columns.append(col);
    }
    o["columns"] = columns;
    return o;
}

void printTable(QTextStream& out, const QString& source, const LoadedDataset& r, bool counting)
{
    const Dataset& d = r.data;
    auto line = [&](const QString& key, const QString& value) {
        out << key.leftJustified(10) << ' ' << value << '\n';
    };
    line("source", source);
    line("format", qs(r.format));
    line("rows", QString::number(d.rows()));
    line("features", QString::number(d.features()));
    if (d.task == Task::Classification)
        line("task", QString("classification: target '%1', %2 classes")
                         .arg(qs(d.targetName))
                         .arg(d.classCount()));
    else {
        const auto s = targetStats(d);
        line("task", QString("regression: target '%1', min %2, mean %3, max %4, std %5")
                         .arg(qs(d.targetName))
                         .arg(s.min, 0, 'g', 6)
                         .arg(s.mean, 0, 'g', 6)
                         .arg(s.max, 0, 'g', 6)
                         .arg(s.stddev, 0, 'g', 6));
    }
    if (d.imageShape)
        line("images", QString("%1 x %2 x %3 (channels x height x width)")
                           .arg(d.imageShape->channels)
                           .arg(d.imageShape->height)
                           .arg(d.imageShape->width));
    if (r.officialTest)
        line("test", QString("%1 rows in the official test split (kept apart)")
                         .arg(r.officialTest->rows()));
    if (counting)
        line("missing", totalMissing(r) == 0
                            ? QString("0 values")
                            : QString("%1 values, counted (read as --missing mean reads them: %2 "
                                      "rows dropped, %3 values imputed); a study's default, "
                                      "missing error, stops at the first")
                                  .arg(totalMissing(r))
                                  .arg(r.droppedRows)
                                  .arg(r.imputedValues));
    else
        line("missing", QString("%1 values; %2 rows dropped, %3 values imputed")
                            .arg(totalMissing(r))
                            .arg(r.droppedRows)
                            .arg(r.imputedValues));

    out << "\ncolumns\n";
    int nameWidth = 6;
    for (const auto& c : r.columns)
        nameWidth = std::max(nameWidth, int(std::min<size_t>(c.name.size(), 40)));
    out << "  " << QString("name").leftJustified(nameWidth) << "  role     type     missing  encoded as\n";
    const size_t n = r.columns.size();
    const size_t shown = n > 40 ? 20 : n;
    auto row = [&](const ColumnSummary& c) {
        QString encoded;
        if (c.role == ColumnSummary::Role::Target)
            encoded = d.task == Task::Classification ? QString("%1 classes").arg(d.classCount())
                                                     : QString("target value");
        else if (c.type == ColumnSummary::Type::Text)
            encoded = QString("one-hot, %1 features").arg(c.featureCount);
        else if (c.featureCount == 1)
            encoded = QString("feature %1").arg(c.firstFeature);
        else
            encoded = "-";
        out << "  " << qs(c.name).left(40).leftJustified(nameWidth) << "  "
            << QString(ColumnSummary::roleName(c.role)).leftJustified(7) << "  "
            << QString(ColumnSummary::typeName(c.type)).leftJustified(7) << "  "
            << QString::number(c.missing).rightJustified(7) << "  " << encoded << '\n';
    };
    for (size_t i = 0; i < shown; ++i)
        row(r.columns[i]);
    if (shown < n) {
        size_t hiddenMissing = 0;
        for (size_t i = shown; i < n; ++i)
            hiddenMissing += size_t(r.columns[i].missing);
        out << "  ... " << (n - shown - 1) << " more columns (" << hiddenMissing
            << " missing values among them; --format json lists every column)\n";
        for (size_t i = shown; i < n; ++i)
            if (r.columns[i].role == ColumnSummary::Role::Target)
                row(r.columns[i]);
    }
    if (totalMissing(r) > 0) {
        out << "\nmissing values\n";
        for (const auto& c : r.columns)
            if (c.missing > 0)
                out << "  " << qs(c.name).left(40).leftJustified(nameWidth) << "  "
                    << QString::number(c.missing).rightJustified(7) << "  " << linesText(c) << '\n';
    }
    if (d.task == Task::Classification) {
        out << "\nclass balance\n";
        const auto counts = d.classCounts();
        int width = 5;
        for (const auto& l : d.classLabels)
            width = std::max(width, int(std::min<size_t>(l.size(), 40)));
        for (size_t i = 0; i < counts.size(); ++i)
            out << "  " << qs(d.classLabels[i]).left(40).leftJustified(width) << "  "
                << QString::number(counts[i]).rightJustified(8) << "  "
                << percent(counts[i], d.rows()).rightJustified(6) << '\n';
    }
}

int inspect(const QStringList& args)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    auto badInput = [&](const QString& message) {
        err << "tunewright-cli dataset inspect: " << message << '\n';
        return ExitBadInput;
    };
    CsvOptions options;
    // inspect counts missing values unless told otherwise (#13): it reads like mean, which
    // keeps every row whose target is there, and reports where the values are missing.
    options.missing = MissingPolicy::Mean;
    bool counting = true;
    QString source;
    QString format = "table";
    for (int i = 0; i < args.size(); ++i) {
        QString arg = args[i];
        if (arg == "--help" || arg == "-h") {
            out << kUsage;
            return ExitOk;
        }
        if (!arg.startsWith("--")) {
            if (!source.isEmpty())
                return badInput("unexpected argument '" + arg + "'; expected one SOURCE");
            source = arg;
            continue;
        }
        QString key = arg.mid(2);
        QString value;
        const int eq = key.indexOf('=');
        if (eq >= 0) {
            value = key.mid(eq + 1);
            key = key.left(eq);
        } else {
            if (i + 1 >= args.size())
                return badInput("--" + key + " needs a value");
            value = args[++i];
        }
        if (key == "format") {
            if (value != "table" && value != "json")
                return badInput("--format: expected table or json, got '" + value + "'");
            format = value;
            continue;
        }
        if (key == "missing" && value == "count") {
            options.missing = MissingPolicy::Mean;
            counting = true;
            continue;
        }
        if (key == "missing")
            counting = false;
        const std::string problem = options.set(key.toStdString(), value.toStdString());
        if (!problem.empty() && key == "missing")
            return badInput("--missing: expected count, error, drop, mean or mode, got '" + value + "'");
        if (!problem.empty())
            return badInput("--" + qs(problem));
    }
    if (source.isEmpty())
        return badInput("expected a SOURCE (builtin:NAME, csv:PATH or synthetic:KIND)\n\n" +
                        QString(kUsage));
    try {
        const DatasetSource parsed = DatasetSource::parse(source, QDir::currentPath());
        const auto generator = syntheticGenerator();
        if (parsed.kind() == DatasetSource::Kind::Synthetic && !generator)
            return badInput(source + ": synthetic sources need SyntheticData, which this build "
                                     "does not include yet");
        const LoadedDataset loaded = parsed.load(options, generator);
        if (format == "json")
            out << QJsonDocument(toJson(source, loaded,
                                        counting ? QString("count")
                                                 : qs(CsvOptions::toString(options.missing))))
                       .toJson(QJsonDocument::Indented);
        else
            printTable(out, source, loaded, counting);
    } catch (const DataError& e) {
        return badInput(QString::fromStdString(e.what()));
    }
    return ExitOk;
}

int list()
{
    QTextStream out(stdout);
    for (const auto& name : BuiltinDatasets::knownNames()) {
        const bool available = BuiltinDatasets::isAvailable(name);
        out << QString("builtin:" + qs(name)).leftJustified(22) << ' '
            << qs(BuiltinDatasets::description(name))
            << (available ? "" : " [not installed: apt-get install dataset-fashion-mnist]")
            << '\n';
    }
    return ExitOk;
}

int run(const QStringList& args)
{
    if (args.isEmpty()) {
        QTextStream(stderr) << kUsage;
        return ExitBadInput;
    }
    const QString sub = args.first();
    if (sub == "--help" || sub == "-h") {
        QTextStream(stdout) << kUsage;
        return ExitOk;
    }
    if (sub == "inspect")
        return inspect(args.mid(1));
    if (sub == "list" && args.size() == 1)
        return list();
    QTextStream(stderr) << "tunewright-cli dataset: unknown subcommand '" << sub
                        << "'; expected inspect or list\n\n"
                        << kUsage;
    return ExitBadInput;
}

const CliCommand::Registrar registrar(
    {"dataset", "inspect a dataset source (rows, columns, classes); list built-in datasets", run});

} // namespace

} // namespace tw::cli
