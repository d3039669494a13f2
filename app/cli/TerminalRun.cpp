#include "TerminalRun.h"

#include "CliCommand.h"
#include "CliProgress.h"
#include "ParallelCap.h"
#include "TrialTable.h"
#include "runner/StudyRunner.h"
#include "spec/SpecSearchSpace.h"

#include <QJsonDocument>
#include <QTextStream>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <mutex>
#include <thread>

namespace tw::cli {

namespace {

std::atomic<int> g_interrupts{0};
std::atomic<bool> g_terminated{false};

void onInterrupt(int)
{
    g_interrupts.fetch_add(1);
}

void onTerminate(int)
{
    g_terminated = true;
}

} // namespace

int TerminalRun::run(StudySession& session, std::optional<int> maxTrialsThisRun,
                     std::optional<int> parallel)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    const StudyRecord& record = session.record();
    const QString metric = QString::fromStdString(record.metric);
    const int done = StudyRunner::finishedTowardBudget(session.study());
    err << (session.resumed() ? "Resuming" : "Running") << " study '" << QString::fromStdString(record.name)
        << "': " << done << " of " << session.trialBudget() << " trials done\n" << Qt::flush;

    CliProgress progress(session.trialBudget(), metric, done);
    StudyLoopOptions options;
    const auto cap = ParallelCap::apply(parallel.value_or(session.spec().budget.parallel),
                                        session.trialBudget() - done, maxTrialsThisRun);
    if (!cap.note.isEmpty())
        err << "note: " << cap.note << "\n" << Qt::flush;
    options.parallel = cap.parallel;
    options.maxTrialsThisRun = maxTrialsThisRun;
    StudyRunner runner;
    // Direct: the events arrive on the trial threads, one at a time, and print at once.
    QObject::connect(&runner, &StudyRunner::trialEvent, &runner, [&progress](const TrialEvent& e) {
        if (e.kind == TrialEvent::Kind::Waiting) {
            progress.finish();
            QTextStream(stderr) << "Waiting: " << QString::fromStdString(e.note) << "\n" << Qt::flush;
            return;
        }
        progress.onEvent(e);
    }, Qt::DirectConnection);
    StopRequest stop;

    g_interrupts = 0;
    g_terminated = false;
    auto previous = std::signal(SIGINT, onInterrupt);
    // SIGTERM (kill, systemd, a cluster's scheduler) cancels as a second Ctrl+C does: the
    // running trials stop and are stored as cancelled, to run again on resume.
    auto previousTerm = std::signal(SIGTERM, onTerminate);
    // The watcher turns the signal handlers' counters into the run's stop request, paused
    // or cancelled (a handler may only touch atomics). It polls them every 50 ms, but waits
    // on a condition variable so that the end of the run wakes it at once (a plain sleep
    // cost up to 50 ms per run, #14).
    std::mutex watchMutex;
    std::condition_variable watchWake;
    bool running = true;
    std::thread watcher([&, stop]() mutable {
        int handled = 0;
        bool terminated = false;
        std::unique_lock lock(watchMutex);
        while (running) {
            if (g_terminated.load() && !terminated) {
                terminated = true;
                QTextStream(stderr) << "\nTerminated (SIGTERM): cancelling the running trials\n" << Qt::flush;
                stop.cancel();
            }
            const int n = g_interrupts.load();
            if (n > handled) {
                handled = n;
                if (n == 1) {
                    QTextStream(stderr) << "\nPausing: the running trials finish first (Ctrl+C again cancels them)\n";
                    stop.pause();
                } else {
                    QTextStream(stderr) << "\nCancelling the running trials\n";
                    stop.cancel();
                }
            }
            watchWake.wait_for(lock, std::chrono::milliseconds(50), [&] { return !running; });
        }
    });
    const auto stopWatcher = [&] {
        {
            std::lock_guard lock(watchMutex);
            running = false;
        }
        watchWake.notify_all();
        watcher.join();
    };
    OptimizeSummary summary;
    try {
        summary = session.run(runner, options, stop);
    } catch (...) {
        stopWatcher();
        std::signal(SIGINT, previous);
        std::signal(SIGTERM, previousTerm);
        progress.finish();
        throw;
    }
    stopWatcher();
    std::signal(SIGINT, previous);
    std::signal(SIGTERM, previousTerm);
    progress.finish();

    err << QString("This run: %1 trials (%2 complete, %3 pruned, %4 failed)")
               .arg(summary.started).arg(summary.complete).arg(summary.pruned).arg(summary.failed);
    const bool interrupted = g_terminated.load() || g_interrupts.load() > 0;
    if (summary.reason != StopReason::None && summary.reason != StopReason::ConsecutiveFailures)
        err << "; stopped: " << QString::fromUtf8(toString(summary.reason).data());
    if (summary.cancelled)
        err << "; cancelled, the stopped trials run again when you run the same command";
    else if (summary.paused)
        err << "; paused, run the same command again to resume";
    err << "\n";
    int code = ExitOk;
    if (summary.reason == StopReason::ConsecutiveFailures) {
        const int k = session.maxConsecutiveFailures();
        const bool setup = summary.failureCause == TrialOutcome::Cause::Setup;
        err << QString("Stopped: %1 trials in a row failed with the same reason%2 "
                       "(budget.max_consecutive_failures = %1):\n  ")
                   .arg(k)
                   .arg(setup ? ", a problem with the data or the setup" : QString())
               << QString::fromStdString(summary.failureReason).replace("\n", "\n  ")
               << "\nFix it and run the same command again to go on.\n";
        code = setup ? ExitBadInput : ExitInternal;
    } else if (!interrupted && summary.started > 0 && summary.complete + summary.pruned == 0) {
        err << "No trial of this run completed: see the failed trials' reasons with "
               "`tunewright-cli trials`.\n";
        code = ExitInternal;
    }
    err << Qt::flush;

    auto trials = TrialTable::ranked(session.study().trials(), record.direction);
    out << TrialTable::render(trials, metric, 10);
    if (auto best = session.study().bestTrial()) {
        out << QString("\nBest: trial #%1, %2 = %3\n").arg(best->number).arg(metric.isEmpty() ? "value" : metric)
                   .arg(*best->value, 0, 'g', 6);
        out << QJsonDocument(SpecSearchSpace::toJson(best->params, best->distributions)).toJson(QJsonDocument::Indented);
    }
    out << Qt::flush;
    // 143 and 130: stopped by SIGTERM or Ctrl+C, as shells report those signals; the
    // study resumes on the next run.
    if (g_terminated.load())
        return 143;
    if (g_interrupts.load() > 0)
        return 130;
    return code;
}

} // namespace tw::cli
