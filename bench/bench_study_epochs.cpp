// Epoch overhead of the study path (issue 14, item 5): the same tiny trial trained bare
// (TrainObjective::run, what `tunewright-cli train` runs) and as the one trial of a study
// (StudySession on a fresh SQLite file, and on PostgreSQL when TW_PG_URL is set: what
// `tunewright-cli run` runs), for 100 / 400 / 1,600 / 6,400 epochs of an MLP [64] on
// builtin:iris at batch 200 (one step per epoch). Prints the medians of the wall and CPU
// times, the ratio, the overhead per epoch and the target 1.1 x bare + 50 us per epoch.
// The study side includes everything a one-trial `run` does in process: opening (creating)
// the storage, the study, ask, the trial with its per-epoch reports and log lines, the
// curve, confusion matrix and model artifacts, tell. Bare and study runs alternate, so a
// busy machine slows both alike.
//
//   cmake --build build/release --target bench_study_epochs
//   build/release/bin/bench_study_epochs [--epochs 100,400,1600,6400] [--repeats 5]
//   TW_PG_URL=$(bash installer/start-postgres.sh) build/release/bin/bench_study_epochs
#include "StorageOpener.h"
#include "StudySession.h"
#include "objectives/TrainObjective.h"
#include "spec/StudySpecParser.h"
#include "storage/SqliteStorage.h"

#include <QCoreApplication>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <functional>
#include <string>
#include <vector>

namespace {

double cpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + 1e-9 * double(ts.tv_nsec);
}

double wallSeconds()
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

struct Timing {
    double wall = 0.0;
    double cpu = 0.0;
};

Timing timed(const std::function<void()>& body)
{
    const double w = wallSeconds();
    const double c = cpuSeconds();
    body();
    return {wallSeconds() - w, cpuSeconds() - c};
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

QByteArray specJson(int epochs, const QString& name)
{
    const QJsonObject spec{
        {"version", 1},
        {"name", name},
        {"metric", "val_accuracy"},
        {"objective",
         QJsonObject{
             {"type", "train"},
             {"dataset", QJsonObject{{"source", "builtin:iris"},
                                     {"split", QJsonObject{{"validation", 0.2}, {"test", 0.0}, {"seed", 0}}},
                                     {"preprocess", "standardize"}}},
             {"model", QJsonObject{{"type", "mlp"}, {"hidden", QJsonArray{64}}}},
             {"training", QJsonObject{{"optimizer", "adam"},
                                      {"learning_rate", 0.01},
                                      {"batch_size", 200},
                                      {"epochs", epochs},
                                      {"seed", 0},
                                      {"threads", 1}}},
         }},
        {"sampler", QJsonObject{{"type", "random"}, {"seed", 0}}},
        {"budget", QJsonObject{{"trials", 1}, {"parallel", 1}}},
    };
    return QJsonDocument(spec).toJson(QJsonDocument::Compact);
}

tw::StudySpec parse(const QByteArray& json)
{
    auto spec = tw::StudySpecParser::parseBytes(json, "bench spec");
    if (!spec) {
        std::fprintf(stderr, "bad bench spec: %s\n", qPrintable(spec.error()));
        std::exit(1);
    }
    return std::move(spec).value();
}

void bare(const tw::StudySpec& spec)
{
    tw::TrainObjective train;
    const auto objective = tw::TrainObjective::forTrial(spec.objective.json, {}, spec.metric);
    const auto r = train.run(objective.value(), spec.metric);
    if (r.status != tw::TrainObjectiveResult::Status::Complete) {
        std::fprintf(stderr, "bare training failed: %s\n", r.reason.c_str());
        std::exit(1);
    }
}

void inStudy(tw::StudyStorage& storage, const tw::StudySpec& spec)
{
    auto session = tw::StudySession::createOrResume(storage, spec);
    tw::StudyLoopOptions options;
    options.parallel = 1;
    tw::StudyRunner runner;
    const auto summary = session->run(runner, options);
    if (summary.complete != 1) {
        std::fprintf(stderr, "the study trial did not complete\n");
        std::exit(1);
    }
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    std::vector<int> epochCounts = {100, 400, 1600, 6400};
    int repeats = 5;
    const QStringList args = app.arguments();
    for (int i = 1; i + 1 < args.size(); ++i) {
        if (args[i] == "--epochs") {
            epochCounts.clear();
            for (const QString& e : args[i + 1].split(','))
                epochCounts.push_back(e.toInt());
        } else if (args[i] == "--repeats") {
            repeats = std::max(1, args[i + 1].toInt());
        }
    }
    const QString pgUrl = qEnvironmentVariable("TW_PG_URL");
    QTemporaryDir dir;

    std::printf("%-7s %-10s %10s %10s %10s %10s %8s %12s %10s\n", "epochs", "storage", "bare ms",
                "study ms", "bare CPU", "study CPU", "ratio", "over us/ep", "target ms");
    int serial = 0;
    for (int epochs : epochCounts) {
        std::vector<std::string> kinds = {"sqlite"};
        if (!pgUrl.isEmpty())
            kinds.push_back("postgres");
        for (const std::string& kind : kinds) {
            std::vector<double> bareWall, bareCpu, studyWall, studyCpu;
            for (int r = -1; r < repeats; ++r) {  // r = -1: warm-up, not counted
                const QString name = QString("epochs-%1-%2").arg(epochs).arg(++serial);
                const tw::StudySpec spec = parse(specJson(epochs, name));
                const Timing b = timed([&] { bare(spec); });
                Timing s;
                if (kind == "sqlite") {
                    const QString path = dir.filePath(name + ".twx");
                    s = timed([&] {
                        tw::SqliteStorage storage(path);
                        inStudy(storage, spec);
                    });
                } else {
                    auto storage = tw::StorageOpener::open(pgUrl);
                    s = timed([&] { inStudy(*storage, spec); });
                    if (auto stored = storage->findStudy(name.toStdString()))
                        storage->deleteStudy(stored->id);
                }
                if (r < 0)
                    continue;
                bareWall.push_back(b.wall);
                bareCpu.push_back(b.cpu);
                studyWall.push_back(s.wall);
                studyCpu.push_back(s.cpu);
            }
            const double bw = median(bareWall), sw = median(studyWall);
            const double target = 1.1 * bw + 50e-6 * epochs;
            std::printf("%-7d %-10s %10.2f %10.2f %10.2f %10.2f %8.2f %12.1f %10.2f%s\n", epochs, kind.c_str(),
                        1e3 * bw, 1e3 * sw, 1e3 * median(bareCpu), 1e3 * median(studyCpu), sw / bw,
                        1e6 * (sw - bw) / epochs, 1e3 * target, sw <= target ? "" : "  (over target)");
            std::fflush(stdout);
        }
    }
    return 0;
}
