// tunewright-cli bench samplers: sample efficiency and suggest latency of the samplers on
// built-in test functions, as regret tables beside the peers' (docs/benchmarks.md).
#include "CliArgs.h"
#include "CliCommand.h"
#include "StudyComponents.h"
#include "functions/TestFunctions.h"
#include "io/FileWriter.h"
#include "spec/StudySpecParser.h"
#include "study/InMemoryStorage.h"
#include "study/Study.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QTextStream>

#include <algorithm>
#include <cmath>
#include <map>

namespace tw::cli {

namespace {

const char* kUsage =
    "Usage: tunewright-cli bench samplers [--functions LIST] [--samplers LIST] [--trials N]\n"
    "                                     [--seeds N] [--csv FILE] [--markdown FILE]\n"
    "  --functions  default branin,hartmann6,rosenbrock4,ackley5,rastrigin5,schwefel4,michalewicz5,griewank6\n"
    "               (a trailing number is the dimension)\n"
    "  --samplers   default random,tpe,gp,cmaes,auto (also sobol, tpe_mv, cmaes_bipop, gp_global: GP without trust region,\n"
    "                                     gp_localK: local_every K)\n"
    "  --trials     default 100; --seeds default 10 (seeds 1..N)\n"
    "Prints the median [25th, 75th percentile] simple regret at trials 10, 25, 50 and 100\n"
    "and the median suggest latency; --csv writes every trial's best-so-far regret.\n";

double quantile(std::vector<double> v, double q)
{
    if (v.empty())
        return std::nan("");
    std::sort(v.begin(), v.end());
    const double pos = q * static_cast<double>(v.size() - 1);
    const auto lo = static_cast<size_t>(std::floor(pos));
    const auto hi = static_cast<size_t>(std::ceil(pos));
    return v[lo] + (v[hi] - v[lo]) * (pos - static_cast<double>(lo));
}

QString fmt(double v)
{
    return QString::number(v, 'g', 3);
}

QJsonObject samplerJson(const QString& name, int seed)
{
    QJsonObject s{{"seed", seed}};
    if (name == "tpe_mv") {
        s.insert("type", "tpe");
        s.insert("multivariate", true);
    } else if (name == "gp_global") {
        s.insert("type", "gp");
        s.insert("local_every", 0);
    } else if (name.startsWith("gp_local")) {  // gp_local3: local_every 3
        s.insert("type", "gp");
        s.insert("local_every", name.mid(8).toInt());
    } else if (name == "cmaes_bipop") {
        s.insert("type", "cmaes");
        s.insert("restarts", "bipop");
    } else {
        s.insert("type", name);
    }
    return s;
}

int samplers(const QStringList& raw)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    CliArgs args(raw, {"functions", "samplers", "trials", "seeds", "csv", "markdown"});
    if (args.wantsHelp()) {
        out << kUsage;
        return ExitOk;
    }
    const int trials = args.intValue("trials", 1).value_or(100);
    const int seeds = args.intValue("seeds", 1).value_or(10);
    if (!args.ok() || !args.positionals().isEmpty()) {
        err << "tunewright-cli bench samplers: " << (args.ok() ? QString("unexpected argument") : args.error()) << "\n";
        return ExitBadInput;
    }
    const QStringList functions = args.value("functions", "branin,hartmann6,rosenbrock4,ackley5,rastrigin5,schwefel4,michalewicz5,griewank6").split(',', Qt::SkipEmptyParts);
    const QStringList samplerNames = args.value("samplers", "random,tpe,gp,cmaes,auto").split(',', Qt::SkipEmptyParts);
    const std::vector<int> checkpoints{10, 25, 50, 100};

    QString csv = "function,sampler,seed,trial,best_regret,suggest_ms\n";
    QString markdown;
    for (const QString& fname : functions) {
        std::unique_ptr<TestFunction> fn;
        try {
            fn = TestFunctions::byName(fname.toStdString());
        } catch (const std::exception& e) {
            err << "tunewright-cli bench samplers: --functions: " << e.what() << "\n";
            return ExitBadInput;
        }
        markdown += QString("**%1** (d=%2, f*=%3)\n\n| sampler | @10 | @25 | @50 | @100 | suggest ms (median) |\n|---|---|---|---|---|---|\n")
                        .arg(fname).arg(fn->dim()).arg(fn->optimumValue(), 0, 'g', 6);
        for (const QString& sname : samplerNames) {
            std::map<int, std::vector<double>> regretsAt;
            std::vector<double> latencies;
            for (int seed = 1; seed <= seeds; ++seed) {
                QJsonObject spec{{"version", 1}, {"name", "bench"}, {"direction", "minimize"},
                                 {"objective", QJsonObject{{"type", "function"}, {"name", fname}}},
                                 {"search_space", QJsonObject{}}, {"sampler", samplerJson(sname, seed)},
                                 {"budget", QJsonObject{{"trials", trials}}}};
                auto parsed = StudySpecParser::parseObject(spec);
                if (!parsed) {
                    err << "tunewright-cli bench samplers: " << sname << ": " << parsed.error() << "\n";
                    return ExitBadInput;
                }
                InMemoryStorage storage;
                StudyRecord record;
                record.name = "bench";
                record = storage.createStudy(record);
                std::shared_ptr<Sampler> sampler;
                SearchSpace space;
                try {
                    space = StudyComponents::searchSpace(parsed.value());
                    sampler = StudyComponents::sampler(parsed.value(), space);
                } catch (const std::exception& e) {
                    err << "tunewright-cli bench samplers: " << sname << ": " << e.what() << "\n";
                    return ExitBadInput;
                }
                StudyOptions options;
                options.maxTrials = trials;
                Study study(storage, record, space, sampler, nullptr, options);
                double best = INFINITY;
                for (int t = 1; t <= trials; ++t) {
                    QElapsedTimer clock;
                    clock.start();
                    auto trial = study.ask();
                    const double ms = clock.nsecsElapsed() / 1e6;
                    if (!trial)
                        break;
                    const double value = fn->evaluate(trial->params);
                    study.tell(*trial, value);
                    best = std::min(best, value);
                    const double regret = best - fn->optimumValue();
                    latencies.push_back(ms);
                    csv += QString("%1,%2,%3,%4,%5,%6\n").arg(fname, sname).arg(seed).arg(t).arg(regret, 0, 'g', 8).arg(ms, 0, 'f', 4);
                    if (std::find(checkpoints.begin(), checkpoints.end(), t) != checkpoints.end())
                        regretsAt[t].push_back(regret);
                }
            }
            QString row = "| " + sname + " |";
            for (int c : checkpoints) {
                const auto& v = regretsAt[c];
                row += v.empty() ? QString(" – |")
                                 : QString(" %1 [%2, %3] |").arg(fmt(quantile(v, 0.5)), fmt(quantile(v, 0.25)), fmt(quantile(v, 0.75)));
            }
            row += QString(" %1 |\n").arg(quantile(latencies, 0.5), 0, 'g', 3);
            markdown += row;
            err << fname << " / " << sname << " done\n" << Qt::flush;
        }
        markdown += "\n";
    }
    out << markdown;
    for (const auto& [key, text] : {std::pair{QString("csv"), csv}, std::pair{QString("markdown"), markdown}}) {
        if (!args.has(key))
            continue;
        const QString error = FileWriter::write(args.value(key), text.toUtf8());
        if (!error.isEmpty()) {
            err << "tunewright-cli bench: " << error << "\n";
            return ExitInternal;
        }
    }
    return ExitOk;
}

int run(const QStringList& args)
{
    if (!args.isEmpty() && args.first() == "samplers")
        return samplers(args.mid(1));
    QTextStream(args.isEmpty() || args.first() != "--help" ? stderr : stdout) << kUsage;
    return args.isEmpty() || args.first() != "--help" ? ExitBadInput : ExitOk;
}

const CliCommand::Registrar registrar({"bench", "benchmark the samplers on test functions (regret, latency)", run});

} // namespace

} // namespace tw::cli
