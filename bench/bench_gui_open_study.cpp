// A 10,000-trial study in the workbench (issue 6): the time to open it in the main window
// until the leaderboard and the Live tab's plots are drawn, and the time to sort the
// leaderboard by value and by a parameter through its sort proxy.
//
// Setup (not timed): an experiment file with one study of the digits example's spec (5
// parameters) and 10,000 finished trials written through the storage API: 88 % complete
// with 4 intermediate values, 10 % pruned after 2, 2 % failed. Then:
//   OpenStudy       openExperiment() on the file, then the events it queues, until the
//                   loss and history plots have replotted and the window has painted.
//                   all_curves_ms: until every trial's stored curve is read and drawn too
//                   (they fill in a slice at a time after the first paint).
//   SortByValue     LeaderboardProxy::sort() on the value column (alternating ascending
//   SortByParam     and descending) and a repaint of the table; by the learning rate.
//
// Build and run (the window needs no display):
//   cmake --build build/dev --target bench_gui_open_study
//   QT_QPA_PLATFORM=offscreen build/dev/bin/bench_gui_open_study [--trials N] [--file F.twx]
// --file keeps the experiment: it is written when missing and reused when there (with as
// many trials as it holds; --trials must match).
#include "CurveLoader.h"
#include "core/Random.h"
#include "MainWindow.h"
#include "SetupTab.h"
#include "StorageOpener.h"
#include "StudySession.h"
#include "leaderboard/LeaderboardModel.h"
#include "leaderboard/LeaderboardProxy.h"
#include "leaderboard/LeaderboardView.h"
#include "live/LiveView.h"
#include "plots/HistoryPlot.h"
#include "plots/LossCurvesPlot.h"
#include "spec/StudySpecParser.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>

#include <benchmark/benchmark.h>

#include <cstring>

namespace {

using namespace tw;

int g_trials = 10000;
QString g_file;
tw::gui::MainWindow* g_window = nullptr;

void populate(const QString& file, int count)
{
    QFile f(":/examples/digits-mlp-asha.json");
    if (!f.open(QIODevice::ReadOnly))
        qFatal("bench_gui_open_study: the digits example is not in the resources");
    QJsonObject json = QJsonDocument::fromJson(f.readAll()).object();
    json.insert("name", "ten-thousand");
    QJsonObject budget = json.value("budget").toObject();
    budget.insert("trials", count);
    json.insert("budget", budget);
    auto spec = StudySpecParser::parseObject(json);
    if (!spec)
        qFatal("bench_gui_open_study: %s", qPrintable(spec.error()));
    auto storage = StorageOpener::open(file);
    auto session = StudySession::createOrResume(*storage, std::move(spec).value());
    const std::int64_t study = session->record().id;
    const SearchSpace& space = session->study().searchSpace();

    Random rng(7);
    const TimePoint start = Clock::now() - std::chrono::hours(24);
    for (int i = 0; i < count; ++i) {
        FrozenTrial t;
        t.state = TrialState::Running;
        t.started = start + std::chrono::seconds(8 * i);
        for (const ParamSpec& p : space.params()) {
            t.params[p.name] = p.distribution.snap(p.distribution.fromUnit(rng.uniform01()));
            t.distributions[p.name] = p.distribution;
        }
        const auto created = storage->createTrial(study, t);
        const double r = rng.uniform01();
        const int steps = r < 0.02 ? 1 : r < 0.12 ? 2 : 4;
        double acc = 0.3 + 0.3 * rng.uniform01();
        for (int s = 1; s <= steps; ++s) {
            acc = std::min(0.995, acc + 0.15 * rng.uniform01());
            storage->reportIntermediate(created->id, s, acc);
        }
        const TimePoint end = *t.started + std::chrono::milliseconds(500 + int(4000 * rng.uniform01()));
        if (r < 0.02)
            storage->finishTrial(created->id, TrialState::Failed, std::nullopt, "diverged", end);
        else if (r < 0.12)
            storage->finishTrial(created->id, TrialState::Pruned, std::nullopt, "pruned at step 2", end);
        else
            storage->finishTrial(created->id, TrialState::Complete, acc, "", end);
    }
}

// Runs the event loop until both plots have replotted once, then paints the window.
void openAndDraw(tw::gui::MainWindow& window)
{
    bool loss = false, history = false;
    auto* lossPlot = window.liveView()->lossPlot();
    auto* historyPlot = window.liveView()->historyPlot();
    auto c1 = QObject::connect(lossPlot, &QCustomPlot::afterReplot, [&] { loss = true; });
    auto c2 = QObject::connect(historyPlot, &QCustomPlot::afterReplot, [&] { history = true; });
    if (!window.openExperiment(g_file, true))
        qFatal("bench_gui_open_study: cannot open %s", qPrintable(g_file));
    while (!loss || !history)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    window.repaint();
    QObject::disconnect(c1);
    QObject::disconnect(c2);
}

void BM_OpenStudy(benchmark::State& state)
{
    tw::gui::MainWindow& window = *g_window;
    window.tabs()->setCurrentWidget(window.liveView());
    double allCurves = 0;
    QFile other(":/examples/iris-mlp-gp.json");
    other.open(QIODevice::ReadOnly);
    const QJsonObject otherSpec = QJsonDocument::fromJson(other.readAll()).object();
    for (auto _ : state) {
        // Another spec in the Setup form, so each open rebuilds it as a first open does.
        state.PauseTiming();
        window.setupPage()->setSpec(otherSpec);
        QCoreApplication::processEvents();
        state.ResumeTiming();
        QElapsedTimer clock;
        clock.start();
        openAndDraw(window);
        state.SetIterationTime(clock.nsecsElapsed() / 1e9);
        if (window.trialRowCount() != g_trials) {
            state.SkipWithError("the leaderboard does not hold every trial");
            return;
        }
        // The stored curves go on filling in, a slice at a time, with the window responsive.
        state.PauseTiming();
        while (!window.curveLoader()->isIdle())
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        QCoreApplication::processEvents();
        allCurves += clock.nsecsElapsed() / 1e6;
        state.ResumeTiming();
    }
    state.counters["all_curves_ms"] = allCurves / static_cast<double>(state.iterations());
    state.counters["rows"] = window.trialRowCount();
    state.counters["curves"] = window.liveView()->lossPlot()->trialCount();
}
BENCHMARK(BM_OpenStudy)->Iterations(5)->UseManualTime()->Unit(benchmark::kMillisecond);

void sortBy(benchmark::State& state, int column)
{
    tw::gui::MainWindow& window = *g_window;
    if (window.trialRowCount() != g_trials)
        openAndDraw(window);
    window.tabs()->setCurrentWidget(window.leaderboardView());
    QTableView* table = window.leaderboardView()->table();
    widgets::LeaderboardProxy* proxy = window.leaderboardView()->proxy();
    window.repaint();
    int k = 0;
    for (auto _ : state) {
        QElapsedTimer clock;
        clock.start();
        proxy->sort(column, k++ % 2 ? Qt::DescendingOrder : Qt::AscendingOrder);
        QCoreApplication::processEvents();
        table->viewport()->repaint();
        state.SetIterationTime(clock.nsecsElapsed() / 1e9);
    }
    state.counters["rows"] = proxy->rowCount();
}

void BM_SortByValue(benchmark::State& state)
{
    sortBy(state, widgets::LeaderboardModel::ValueColumn);
}
BENCHMARK(BM_SortByValue)->Iterations(10)->UseManualTime()->Unit(benchmark::kMillisecond);

void BM_SortByParam(benchmark::State& state)
{
    const int column = widgets::LeaderboardModel::FirstParamColumn +
                       static_cast<int>(g_window->leaderboardModel()->paramNames().indexOf("training.learning_rate"));
    sortBy(state, column);
}
BENCHMARK(BM_SortByParam)->Iterations(10)->UseManualTime()->Unit(benchmark::kMillisecond);

} // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    std::vector<char*> rest{argv[0]};
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--trials") && i + 1 < argc)
            g_trials = std::atoi(argv[++i]);
        else if (!std::strcmp(argv[i], "--file") && i + 1 < argc)
            g_file = QString::fromLocal8Bit(argv[++i]);
        else
            rest.push_back(argv[i]);
    }
    int restc = static_cast<int>(rest.size());
    QApplication app(restc, rest.data());
    QTemporaryDir dir;
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir.filePath("settings"));
    QCoreApplication::setOrganizationName("tunewright-bench");

    g_file = g_file.isEmpty() ? dir.filePath("ten-thousand.twx") : QFileInfo(g_file).absoluteFilePath();
    if (!QFile::exists(g_file)) {
        QElapsedTimer setup;
        setup.start();
        populate(g_file, g_trials);
        fprintf(stderr, "setup: %d trials written in %.1f s\n", g_trials, setup.nsecsElapsed() / 1e9);
    }

    tw::gui::MainWindow window;
    window.setProperty("quiet", true);
    window.resize(1400, 900);
    window.show();
    QCoreApplication::processEvents();
    g_window = &window;
    benchmark::Initialize(&restc, rest.data());
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
