#include "SessionRunner.h"

#include "CliCommand.h"
#include "CliProgress.h"
#include "ParallelCap.h"
#include "TrialTable.h"
#include "spec/SpecSearchSpace.h"

#include <QJsonDocument>
#include <QTextStream>

#include <atomic>
#include <csignal>
#include <thread>

namespace tw::cli {

namespace {

std::atomic<int> g_interrupts{0};

void onInterrupt(int)
{
    g_interrupts.fetch_add(1);
}

} // namespace

int SessionRunner::run(StudySession& session, std::optional<int> maxTrialsThisRun,
                       std::optional<int> parallel)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    const StudyRecord& record = session.record();
    const QString metric = QString::fromStdString(record.metric);
    int done = 0;
    for (const auto& t : session.study().trials())
        if (isFinished(t.state) && StudyStorage::countsTowardBudget(t))
            ++done;
    err << (session.resumed() ? "Resuming" : "Running") << " study '" << QString::fromStdString(record.name)
        << "': " << done << " of " << session.trialBudget() << " trials done\n" << Qt::flush;

    CliProgress progress(session.trialBudget(), metric, done);
    OptimizerOptions options;
    const auto cap = ParallelCap::apply(parallel.value_or(session.spec().budget.parallel),
                                        session.trialBudget() - done, maxTrialsThisRun);
    if (!cap.note.isEmpty())
        err << "note: " << cap.note << "\n" << Qt::flush;
    options.parallel = cap.parallel;
    options.maxTrialsThisRun = maxTrialsThisRun;
    options.onEvent = [&progress](const TrialEvent& e) { progress.onEvent(e); };

    g_interrupts = 0;
    auto previous = std::signal(SIGINT, onInterrupt);
    std::atomic<bool> running{true};
    std::thread watcher([&] {
        int handled = 0;
        while (running.load()) {
            const int n = g_interrupts.load();
            if (n > handled) {
                handled = n;
                if (n == 1) {
                    QTextStream(stderr) << "\nPausing: the running trials finish first (Ctrl+C again cancels them)\n";
                    session.pause();
                } else {
                    QTextStream(stderr) << "\nCancelling the running trials\n";
                    session.cancel();
                }
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    });
    OptimizeSummary summary;
    try {
        summary = session.run(options);
    } catch (...) {
        running = false;
        watcher.join();
        std::signal(SIGINT, previous);
        progress.finish();
        throw;
    }
    running = false;
    watcher.join();
    std::signal(SIGINT, previous);
    progress.finish();

    err << QString("This run: %1 trials (%2 complete, %3 pruned, %4 failed)")
               .arg(summary.started).arg(summary.complete).arg(summary.pruned).arg(summary.failed);
    if (summary.reason != StopReason::None)
        err << "; stopped: " << QString::fromUtf8(toString(summary.reason).data());
    if (summary.paused)
        err << "; paused, run the same command again to resume";
    err << "\n" << Qt::flush;

    auto trials = TrialTable::ranked(session.study().trials(), record.direction);
    out << TrialTable::render(trials, metric, 10);
    if (auto best = session.study().bestTrial()) {
        out << QString("\nBest: trial #%1, %2 = %3\n").arg(best->number).arg(metric.isEmpty() ? "value" : metric)
                   .arg(*best->value, 0, 'g', 6);
        out << QJsonDocument(SpecSearchSpace::toJson(best->params, best->distributions)).toJson(QJsonDocument::Indented);
    }
    out << Qt::flush;
    // 130: stopped by Ctrl+C, as shells report SIGINT; the study resumes on the next run.
    return g_interrupts.load() > 0 ? 130 : ExitOk;
}

} // namespace tw::cli
