#include "study/StudyLoop.h"

#include <algorithm>
#include <cmath>
#include <new>
#include <stdexcept>
#include <thread>
#include <vector>

namespace tw {

StudyLoop::StudyLoop(Study& study, Objective objective, StudyLoopOptions options)
    : m_study(study)
    , m_objective(std::move(objective))
    , m_options(std::move(options))
{
    if (!m_objective)
        throw std::invalid_argument("StudyLoop::StudyLoop(): an objective is required");
    if (m_options.parallel < 1)
        throw std::invalid_argument("StudyLoop::StudyLoop(): parallel must be >= 1");
    if (m_options.maxTrialsThisRun && *m_options.maxTrialsThisRun < 0)
        throw std::invalid_argument("StudyLoop::StudyLoop(): maxTrialsThisRun must be >= 0");
}

StudyLoop::~StudyLoop() = default;

OptimizeSummary StudyLoop::run(StopRequest stop)
{
    {
        // A new run resumes a paused or cancelled one.
        std::lock_guard lock(m_mutex);
        m_summary = OptimizeSummary();
        m_error = nullptr;
        m_reserved = 0;
        m_stop = std::move(stop);
        m_lastFailure.clear();
        m_failStreak = 0;
        m_failureStop = false;
        m_watched.clear();
        m_alive.clear();
        m_watchSince.reset();
        m_watchNoted = false;
    }
    if (m_options.failStaleOnStart) {
        m_study.reclaimDeadOwners();
        m_study.failStaleTrials();
    }

    std::jthread beats;
    if (m_options.heartbeatInterval.count() > 0)
        beats = std::jthread([this](std::stop_token stop) { heartbeatLoop(stop); });
    {
        std::vector<std::jthread> pool;
        pool.reserve(std::size_t(m_options.parallel));
        for (int i = 0; i < m_options.parallel; ++i)
            pool.emplace_back([this] { worker(); });
    }
    if (beats.joinable()) {
        beats.request_stop();
        {
            std::lock_guard lock(m_mutex);
            m_cv.notify_all();
        }
        beats.join();
    }
    std::lock_guard lock(m_mutex);
    m_summary.paused = halted() && !m_failureStop;
    m_summary.cancelled = m_stop.cancelRequested();
    if (m_failureStop)
        m_summary.reason = StopReason::ConsecutiveFailures;
    if (m_error)
        std::rethrow_exception(m_error);
    return m_summary;
}

bool StudyLoop::reserve()
{
    std::lock_guard lock(m_mutex);
    if (m_options.maxTrialsThisRun && m_reserved >= *m_options.maxTrialsThisRun) {
        m_summary.reachedRunCap = true;
        return false;
    }
    ++m_reserved;
    return true;
}

void StudyLoop::worker()
{
    while (!halted()) {
        if (!reserve())
            return;
        std::optional<FrozenTrial> trial;
        try {
            trial = m_study.ask();
        } catch (...) {
            std::lock_guard lock(m_mutex);
            if (!m_error)
                m_error = std::current_exception();
            --m_reserved;
            halt();
            return;
        }
        if (!trial) {
            const StopReason reason = m_study.stopReason();
            std::unique_lock lock(m_mutex);
            --m_reserved;
            const bool mayRetry = reason == StopReason::TrialBudget || reason == StopReason::GridExhausted;
            if (mayRetry && !m_running.empty() && !halted()) {
                const long long seen = m_finishedCount;
                m_cv.wait(lock, m_stop.pauseToken(), [&] { return m_finishedCount != seen; });
                continue;
            }
            if (mayRetry && !halted() && awaitUnproven(lock))
                continue;
            m_summary.reason = reason;
            return;
        }
        try {
            runTrial(*trial);
        } catch (...) {
            std::lock_guard lock(m_mutex);
            if (!m_error)
                m_error = std::current_exception();
            halt();
            return;
        }
    }
}

void StudyLoop::runTrial(const FrozenTrial& trial)
{
    {
        std::lock_guard lock(m_mutex);
        m_running[trial.id] = trial;
        ++m_summary.started;
    }
    notify(TrialEvent::Kind::Started, trial);

    TrialContext context(m_study, trial, m_stop.cancelToken());
    TrialOutcome outcome;
    try {
        outcome = m_objective(context);
    } catch (const std::bad_alloc&) {
        outcome = TrialOutcome::failed("out of memory", TrialOutcome::Cause::Environment);
    } catch (const StorageError& e) {
        outcome = TrialOutcome::failed(e.what(), TrialOutcome::Cause::Environment);
    } catch (const std::exception& e) {
        outcome = TrialOutcome::failed(e.what());
    } catch (...) {
        outcome = TrialOutcome::failed("the objective threw an unknown exception");
    }
    if (outcome.state == TrialState::Complete && !outcome.value)
        outcome = TrialOutcome::failed("the objective returned no value");
    if (!isFinished(outcome.state))
        outcome = TrialOutcome::failed("the objective returned an unfinished state");
    // Stopped by cancel(): run again by the next run, without using a retry.
    const bool requeued = m_stop.cancelRequested() && outcome.state != TrialState::Complete;

    auto finishBookkeeping = [&] {
        std::lock_guard lock(m_mutex);
        m_running.erase(trial.id);
        ++m_finishedCount;
        m_cv.notify_all();
    };
    FrozenTrial finished;
    try {
        bool told = false;
        if (requeued)
            m_study.requeue(trial, "cancelled");
        else if (outcome.state == TrialState::Complete)
            told = m_study.tell(trial, *outcome.value, &finished);
        else
            told = m_study.tell(trial, outcome.state, std::nullopt, outcome.reason, &finished);
        if (!told)  // requeued, or finished elsewhere first: as the storage has it
            finished = m_study.storage().trial(trial.id);
    } catch (...) {
        finishBookkeeping();
        throw;
    }
    {
        std::lock_guard lock(m_mutex);
        switch (finished.state) {
        case TrialState::Complete: ++m_summary.complete; break;
        case TrialState::Pruned: ++m_summary.pruned; break;
        default: ++m_summary.failed; break;
        }
    }
    countFailure(finished, outcome, requeued);
    finishBookkeeping();
    notify(TrialEvent::Kind::Finished, finished);
}

void StudyLoop::countFailure(const FrozenTrial& finished, const TrialOutcome& outcome, bool requeued)
{
    std::lock_guard lock(m_mutex);
    if (finished.state != TrialState::Failed) {
        m_failStreak = 0;
        m_lastFailure.clear();
        return;
    }
    if (requeued)
        return;
    const std::string first = finished.reason.substr(0, finished.reason.find('\n'));
    if (first == m_lastFailure) {
        ++m_failStreak;
    } else {
        m_lastFailure = first;
        m_failStreak = 1;
    }
    if (m_options.maxConsecutiveFailures > 0 && m_failStreak >= m_options.maxConsecutiveFailures &&
        !m_failureStop) {
        m_failureStop = true;
        m_summary.failureReason = finished.reason;
        m_summary.failureCause = outcome.state == TrialState::Failed ? outcome.cause : TrialOutcome::Cause::Trial;
        halt();
    }
}

bool StudyLoop::awaitUnproven(std::unique_lock<std::mutex>& lock)
{
    using namespace std::chrono;
    const milliseconds beat =
        m_options.heartbeatInterval.count() > 0 ? m_options.heartbeatInterval : milliseconds(1000);
    std::vector<FrozenTrial> unproven;
    lock.unlock();
    try {
        // Whatever went stale (or died here) meanwhile is queued again: ask for it. That
        // includes what the heartbeat thread failed as stale and queued between this
        // worker's ask() and now (found flaky in CI: the copy was never run).
        if (!m_study.reclaimDeadOwners().empty() || !m_study.failStaleTrials().empty() ||
            m_study.hasWaitingTrials()) {
            lock.lock();
            return true;
        }
        unproven = m_study.unprovenRunningTrials();
    } catch (...) {
        lock.lock();
        return false;  // a storage failure surfaces in ask()
    }
    lock.lock();
    std::vector<int> waitingFor;
    for (const FrozenTrial& t : unproven) {
        if (m_alive.count(t.id))
            continue;
        auto [it, first] = m_watched.try_emplace(t.id, t.heartbeat);
        if (!first && it->second != t.heartbeat) {
            m_alive.insert(t.id);  // it beats: its owner lives and finishes it
            continue;
        }
        waitingFor.push_back(t.number);
    }
    if (waitingFor.empty() || halted())
        return false;
    const auto now = steady_clock::now();
    if (!m_watchSince)
        m_watchSince = now;
    const auto grace = duration_cast<milliseconds>(m_study.options().grace);
    // Their heartbeats come from their machine's clock: past this, give up on them.
    if (now - *m_watchSince > grace + 2 * beat + seconds(5))
        return false;
    if (!m_watchNoted) {
        m_watchNoted = true;
        std::string which;
        for (int n : waitingFor)
            which += (which.empty() ? "#" : ", #") + std::to_string(n);
        const std::string note =
            "waiting up to " + std::to_string(duration_cast<seconds>(grace).count()) + " s for trial" +
            (waitingFor.size() > 1 ? "s " : " ") + which +
            ": run by a process on another machine or in another container that may have died; "
            "with no heartbeat by then, they are failed as stale and run here";
        lock.unlock();
        notify(TrialEvent::Kind::Waiting, FrozenTrial(), note);
        lock.lock();
    }
    const milliseconds poll = std::clamp(beat, milliseconds(50), milliseconds(1000));
    m_cv.wait_for(lock, m_stop.pauseToken(), poll, [] { return false; });
    return !halted();
}

void StudyLoop::notify(TrialEvent::Kind kind, const FrozenTrial& trial, const std::string& note)
{
    if (!m_options.onEvent)
        return;
    TrialEvent event;
    event.kind = kind;
    event.trial = trial;
    event.note = note;
    if (kind == TrialEvent::Kind::Finished)
        event.best = m_study.bestTrial();
    {
        std::lock_guard lock(m_mutex);
        event.startedThisRun = m_summary.started;
        event.finishedThisRun = m_summary.complete + m_summary.pruned + m_summary.failed;
    }
    std::lock_guard lock(m_eventMutex);
    m_options.onEvent(event);
}

void StudyLoop::heartbeatLoop(std::stop_token stop)
{
    std::unique_lock lock(m_mutex);
    while (!stop.stop_requested()) {
        m_cv.wait_for(lock, stop, m_options.heartbeatInterval, [] { return false; });
        if (stop.stop_requested())
            return;
        std::vector<FrozenTrial> running;
        running.reserve(m_running.size());
        for (const auto& [id, t] : m_running)
            running.push_back(t);
        lock.unlock();
        try {
            for (const FrozenTrial& t : running)
                m_study.heartbeat(t);
            m_study.reclaimDeadOwners();
            m_study.failStaleTrials();
        } catch (...) {
            // A failed heartbeat is retried at the next beat; a lasting storage failure
            // surfaces in ask() or tell().
        }
        lock.lock();
    }
}

} // namespace tw
