// tunewright-cli importance: how much each parameter explains of a study's objective.
#include "CliArgs.h"
#include "CliCommand.h"
#include "StorageOpener.h"
#include "StudySession.h"
#include "analysis/ParamImportance.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

namespace tw::cli {

namespace {

const char* kUsage =
    "Usage: tunewright-cli importance [--storage URL] [--study NAME] [--evaluator fanova|mdi]\n"
    "                                 [--seed N] [--max-trials N] [--format table|json]\n"
    "  Each parameter's importance over the complete trials, normalized to sum 1, highest\n"
    "  first: fANOVA (default) or mean decrease in impurity, over a random forest of 64\n"
    "  trees fitted to the trials (deterministic given --seed, default 0). --max-trials fits\n"
    "  a random subset of that many trials when there are more (default: all).\n";

QJsonObject toJson(const ParamImportanceResult& r)
{
    QJsonArray list;
    for (const auto& e : r.importances)
        list.append(QJsonObject{{"param", QString::fromStdString(e.param)}, {"importance", e.importance}});
    return QJsonObject{{"evaluator", QString::fromUtf8(toString(r.evaluator).data())},
                       {"trials", static_cast<qint64>(r.trials)},
                       {"importances", list}};
}

QString table(const ParamImportanceResult& r, quint64 seed)
{
    QString out;
    QTextStream s(&out);
    s << toString(r.evaluator).data() << " importance over " << r.trials << " complete trials";
    if (r.trials < r.eligibleTrials)
        s << " (a random subset of " << r.eligibleTrials << ")";
    s << ", seed " << seed << "\n";
    int width = 5;
    for (const auto& e : r.importances)
        width = std::max(width, static_cast<int>(e.param.size()));
    s << QString("param").leftJustified(width + 2) << "importance\n";
    for (const auto& e : r.importances) {
        const int bar = static_cast<int>(e.importance * 40 + 0.5);
        s << QString::fromStdString(e.param).leftJustified(width + 2)
          << QString::number(e.importance, 'f', 4) << "  " << QString(bar, u'#') << "\n";
    }
    return out;
}

int run(const QStringList& raw)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    CliArgs args(raw, {"storage", "study", "evaluator", "seed", "max-trials", "format"});
    if (args.wantsHelp()) {
        out << kUsage;
        return ExitOk;
    }
    const auto seed = args.intValue("seed", 0);
    const auto maxTrials = args.intValue("max-trials", 2);
    const QString format = args.value("format", "table");
    const QString evaluatorName = args.value("evaluator", "fanova");
    const auto evaluator = importanceEvaluatorFromString(evaluatorName.toStdString());
    QString problem;
    if (!args.ok())
        problem = args.error();
    else if (!args.positionals().isEmpty())
        problem = QString("unexpected argument \"%1\"").arg(args.positionals().first());
    else if (format != "table" && format != "json")
        problem = QString("--format: expected table or json, got \"%1\"").arg(format);
    else if (!evaluator)
        problem = QString("--evaluator: expected fanova or mdi, got \"%1\"").arg(evaluatorName);
    if (!problem.isEmpty()) {
        err << "tunewright-cli importance: " << problem << "\n\n" << kUsage;
        return ExitBadInput;
    }
    try {
        auto storage = StorageOpener::open(args.value("storage"));
        const StudyRecord study = StudySession::findStudy(*storage, args.value("study"));
        ParamImportanceOptions options;
        options.evaluator = *evaluator;
        options.seed = static_cast<std::uint64_t>(seed.value_or(0));
        options.maxTrials = static_cast<std::size_t>(maxTrials.value_or(0));
        const ParamImportanceResult r = ParamImportance::compute(storage->trials(study.id), options);
        if (!r.ok()) {
            err << "tunewright-cli importance: study '" << QString::fromStdString(study.name)
                << "': " << QString::fromStdString(r.error) << "\n";
            return ExitBadInput;
        }
        if (format == "json")
            out << QJsonDocument(toJson(r)).toJson(QJsonDocument::Indented);
        else
            out << table(r, options.seed);
        return ExitOk;
    } catch (const SessionError& e) {
        err << "tunewright-cli importance: " << e.what() << "\n";
    } catch (const StorageError& e) {
        err << "tunewright-cli importance: " << e.what() << "\n";
    }
    return ExitBadInput;
}

const CliCommand::Registrar registrar({"importance", "each parameter's importance (fANOVA or MDI)", run});

} // namespace

} // namespace tw::cli
