#pragma once
#include "study/OptimizeSummary.h"
#include "study/StopRequest.h"
#include "study/StudyLoopOptions.h"
#include "study/Study.h"
#include "study/TrialContext.h"
#include "study/TrialOutcome.h"

#include <condition_variable>
#include <exception>
#include <functional>
#include <map>
#include <set>
#include <mutex>
#include <stop_token>

namespace tw {

// Runs an objective for the trials of a Study, `parallel` at once on std::threads, one
// trial per thread: ask -> objective -> classify (complete / pruned / failed with a
// reason, an exception too) -> tell.
//
// It stops when the study's trial budget is used up, its time budget is spent, the grid
// is exhausted, this run's own cap is reached, maxConsecutiveFailures trials in a row
// failed with the same reason, or the run's StopRequest asks it to. With the trial budget
// used up, a thread whose fellows still run trials waits for them: one of them may fail and be
// retried, and the retry must run here. With none of its own left, it waits (up to the
// study's grace period, and a heartbeat more) while trials of processes whose death it
// cannot check (another machine, another pid namespace) hold the last slots and show no
// heartbeat: when such a trial goes stale it is re-queued and run here. A Waiting event
// says so.
//
// At start and at each heartbeat it reclaims the trials of dead owners on this machine
// (Study::reclaimDeadOwners) and the stale ones (Study::failStaleTrials).
//  - StopRequest::pause(): start no new trial; running trials finish normally.
//  - StopRequest::cancel(): also asks running trials to stop (TrialContext::stopToken()
//    is the request's cancel token). A cancelled trial that does not complete is Failed
//    with reason "cancelled" and re-queued (Study::requeue): the next run runs it again,
//    without using a retry.
// The loop pauses its own run (through the same request) when ask() or tell() throws and
// when the failure streak is reached.
//
// Determinism. With parallel = 1 a seeded sampler gives the same suggestions in every run.
// With parallel = N > 1 the rule is: a trial's suggestion may depend on its number and on
// the trials finished when it was asked. Samplers that depend on the number only (Random,
// Grid, Sobol) suggest exactly the same configuration for each trial number whatever N,
// the timing or the number of processes; model-based samplers (GP, TPE) and pruners see
// whichever trials had finished by then, which depends on timing, so only their N = 1
// runs are reproducible. The duplicate guard also reads finished trials, so with N > 1 a
// configuration resampled for being a repeat may differ from run to run.
class StudyLoop {
public:
    using Objective = std::function<TrialOutcome(TrialContext&)>;

    StudyLoop(Study& study, Objective objective, StudyLoopOptions options = {});
    ~StudyLoop();
    StudyLoop(const StudyLoop&) = delete;
    StudyLoop& operator=(const StudyLoop&) = delete;

    // Blocks until the run ends. Rethrows the first exception that escaped ask() or tell()
    // (a storage failure), after every thread has finished. `stop` is this run's request:
    // its copies pause or cancel the run from any thread. Calling run() again, with a new
    // request, resumes a paused or cancelled study.
    OptimizeSummary run(StopRequest stop = {});

private:
    void worker();
    void runTrial(const FrozenTrial& trial);
    void heartbeatLoop(std::stop_token stop);
    void notify(TrialEvent::Kind kind, const FrozenTrial& trial, const std::string& note = {});
    bool reserve();
    bool awaitUnproven(std::unique_lock<std::mutex>& lock);
    void countFailure(const FrozenTrial& finished, const TrialOutcome& outcome, bool requeued);
    // The loop's own stop (a storage failure, the failure streak): a pause of this run.
    void halt() { m_stop.pause(); }
    bool halted() const { return m_stop.pauseRequested(); }

    Study& m_study;
    Objective m_objective;
    StudyLoopOptions m_options;

    StopRequest m_stop;  // this run's

    std::mutex m_mutex;
    // _any: its waits end on the stop request's pause token, with no lost wake-up.
    std::condition_variable_any m_cv;
    std::map<std::int64_t, FrozenTrial> m_running;  // this run's running trials, by id
    long long m_finishedCount = 0;
    int m_reserved = 0;
    OptimizeSummary m_summary;
    std::exception_ptr m_error;
    // Failures in a row with the same reason (first line).
    std::string m_lastFailure;
    int m_failStreak = 0;
    bool m_failureStop = false;
    // Trials of unprovable owners waited for: id -> heartbeat when first seen.
    std::map<std::int64_t, std::optional<TimePoint>> m_watched;
    std::set<std::int64_t> m_alive;
    std::optional<std::chrono::steady_clock::time_point> m_watchSince;
    bool m_watchNoted = false;

    std::mutex m_eventMutex;
};

} // namespace tw
