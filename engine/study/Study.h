#pragma once
#include "core/FrozenTrial.h"
#include "core/SearchSpace.h"
#include "core/StudyRecord.h"
#include "pruners/Pruner.h"
#include "samplers/Sampler.h"
#include "study/StopReason.h"
#include "study/StorageStudyView.h"
#include "study/StudyOptions.h"
#include "study/StudyStorage.h"
#include "study/TrialWriteBuffer.h"

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace tw {

class FiniteSampler;

// Ask/tell over a StudyStorage (after Optuna's Study). Any number of Study objects, in
// any number of threads and processes, may drive the same stored study: the storage's
// atomic primitives (createTrial with a budget, claimWaitingTrial, finishTrial) make the
// budget, the queue and the grid exact.
//
// ask():
//  1. claims the oldest Waiting trial (enqueued or a retry), if any, and samples only the
//     parameters it lacks;
//  2. otherwise creates a Running trial if the budget allows (else nullopt);
//  3. samples relative parameters, then independent ones, in topological order, keeping
//     only active parameters (conditions), values snapped into their domain;
//  4. duplicate guard: if a sampled configuration equals a finished trial's, asks the
//     sampler again (system attr "resample" = 1, 2... on the trial it sees) up to
//     options.duplicateResamples times.
// Determinism: with one worker, a seeded sampler gives the same suggestions every run.
// With several, see StudyLoop.h.
//
// Thread-safe. ask(), tell()'s afterTrial hook and the sampler run under one mutex (a
// sampler need not be thread-safe); shouldPrune(), bestTrial() and trials() read another
// snapshot under a second mutex, so a slow suggestion never stalls pruning decisions.
class Study {
public:
    Study(StudyStorage& storage, StudyRecord record, SearchSpace space,
          std::shared_ptr<Sampler> sampler, std::shared_ptr<const Pruner> pruner = nullptr,
          StudyOptions options = {});
    ~Study();
    Study(const Study&) = delete;
    Study& operator=(const Study&) = delete;

    const StudyRecord& record() const { return m_record; }
    std::int64_t id() const { return m_record.id; }
    StudyDirection direction() const { return m_record.direction; }
    const SearchSpace& searchSpace() const { return m_space; }
    const StudyOptions& options() const { return m_options; }
    StudyStorage& storage() { return m_storage; }
    Sampler& sampler() { return *m_sampler; }

    // A Running trial with its params set, or nullopt with stopReason() saying why.
    std::optional<FrozenTrial> ask();
    StopReason stopReason() const { return m_stopReason.load(); }

    // Finishes a trial. A NaN value makes it Failed ("the objective returned NaN").
    // Returns false when the trial was no longer Running (failed as stale elsewhere).
    // When it returns true and `told` is given, *told is the finished trial as stored (so
    // the caller need not read it back).
    bool tell(const FrozenTrial& trial, double value, FrozenTrial* told = nullptr);
    bool tell(const FrozenTrial& trial, TrialState state, std::optional<double> value = std::nullopt,
              const std::string& reason = {}, FrozenTrial* told = nullptr);

    // Stores an intermediate value: into the write buffer, which writes it within
    // options().flushInterval and at tell() (see TrialWriteBuffer). Throws StorageError
    // when the trial is known to be finished: told here, or refused by an earlier flush
    // (finished by another process); with flushInterval 0, as soon as the storage refuses.
    void report(const FrozenTrial& trial, std::int64_t step, double value);
    // Appends to the trial's log through the same buffer.
    void appendLog(const FrozenTrial& trial, const std::string& stream, const std::string& text);
    // The pruner's verdict on the trial's intermediate values (false without a pruner):
    // its own values as reported here, at once, from memory; the other trials as last read
    // from the storage, at most one flush interval ago (trials this Study told: at once).
    // True as well when the trial is no longer Running: its work is moot.
    bool shouldPrune(const FrozenTrial& trial);
    // Writes what the buffer holds now (tell() and failStaleTrials() do it themselves).
    void flushWrites();
    TrialWriteBuffer& writeBuffer() { return *m_writes; }

    // Warm start: a Waiting trial with the given params (internal values), claimed by the
    // next ask() before anything is sampled. Parameters left out are sampled then. Throws
    // std::invalid_argument for an unknown name, a value outside its domain, or a
    // conditional parameter given without its parent; parameters that the given values
    // make inactive are dropped. nullopt when the trial budget is used up.
    std::optional<FrozenTrial> enqueue(const ParamValues& params,
                                       const std::map<std::string, std::string>& userAttrs = {});

    // Buffered like report(): written within one flush interval.
    void heartbeat(const FrozenTrial& trial);
    // Fails trials whose heartbeat is older than options().grace and re-queues them (see
    // requeue), after writing this process's pending heartbeats. Returns the trials failed
    // by this call.
    std::vector<FrozenTrial> failStaleTrials();
    std::vector<FrozenTrial> failStaleTrials(TimePoint now);

    // Running trials whose owner (system attr "owner", see TrialOwner) is on this machine
    // and provably dead: each is failed at once with reason "owner process died" and
    // re-queued. Returns the trials failed by this call.
    std::vector<FrozenTrial> reclaimDeadOwners();
    // Fails the Running `trial` with `reason` and queues a Waiting copy with its params
    // that runs it again. A re-queue uses no retry (retry_attempt is kept) and the failed
    // trial leaves the budget (system attr "retried" = true, set before it is failed, so
    // a crash in between loses nothing). The copy has system attr "requeue_of" (the failed
    // trial's number); `death` (an owner died, the trial went stale) also counts
    // "requeues" in the chain, which stops after maxRequeues (the trial then stays failed
    // and counts). False when the trial was no longer Running.
    bool requeue(const FrozenTrial& trial, const std::string& reason, bool death = false);
    static constexpr int maxRequeues = 10;
    // Running trials whose owner cannot be proven alive from here: on another machine or
    // in another pid namespace, or with no owner recorded (older versions).
    std::vector<FrozenTrial> unprovenRunningTrials();
    // Whether a Waiting trial (a queued copy, an enqueued trial) is there for ask() to claim.
    bool hasWaitingTrials();

    std::optional<FrozenTrial> bestTrial();
    // A copy of every trial with its intermediate values: O(trials x steps).
    std::vector<FrozenTrial> trials();
    // The same snapshot, read in place: `visit` sees each trial in number order under the
    // read lock (so it must not call back into this Study) and nothing is copied. For a
    // pass over every trial at each trial's end, where copying every curve made a long
    // study's cost grow with its square.
    void visitTrials(const std::function<void(const FrozenTrial&)>& visit);

    bool timeUp() const;
    TimePoint now() const { return m_clock(); }
    TimePoint startedAt() const { return m_startedAt; }

private:
    ParamValues sampleParams(const FrozenTrial& trial, const ParamValues& given, bool* sampledAny);
    void retry(const FrozenTrial& failed);
    // With m_askMutex held.
    std::optional<FrozenTrial> askLocked();
    std::vector<FrozenTrial> reclaimLocked();
    bool requeueLocked(const FrozenTrial& trial, const std::string& reason, bool death);
    void queueCopyLocked(const FrozenTrial& failed, bool death);

    StudyStorage& m_storage;
    StudyRecord m_record;
    SearchSpace m_space;
    std::shared_ptr<Sampler> m_sampler;
    FiniteSampler* m_finite = nullptr;
    std::shared_ptr<const Pruner> m_pruner;
    StudyOptions m_options;
    std::function<TimePoint()> m_clock;
    TimePoint m_startedAt;

    std::mutex m_askMutex;
    StorageStudyView m_askView;
    std::mutex m_readMutex;
    StorageStudyView m_readView;
    // Under m_readMutex: the running trials this Study reported for, each with every value
    // reported here (the pruner's copy); trials known finished; when m_readView was last
    // refreshed for a pruner, and how many tells had happened then.
    std::unordered_map<std::int64_t, FrozenTrial> m_own;
    std::unordered_set<std::int64_t> m_finished;
    std::chrono::steady_clock::time_point m_pruneRefreshedAt{};
    long long m_tellsAtPruneRefresh = -1;
    std::atomic<long long> m_tells{0};
    // Last: destroyed first, flushing what is pending while the rest still exists.
    std::unique_ptr<TrialWriteBuffer> m_writes;
    std::atomic<StopReason> m_stopReason{StopReason::None};
};

} // namespace tw
