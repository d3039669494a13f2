#pragma once
#include "core/FrozenTrial.h"
#include "core/StudyRecord.h"

#include <chrono>
#include <cstdint>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace tw {

// Thrown by storage backends for anything a caller cannot recover from by retrying:
// a malformed URL, an unreachable server, a newer schema, a missing study or trial,
// an attempt to change a finished trial. The message says what and where.
class StorageError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// The storage contract, shared by every backend (in-memory, SQLite, PostgreSQL).
// One contract test suite runs against all of them.
//  - Finished trials are immutable: changing one throws StorageError.
//  - Values read out are copies.
//  - Every method is atomic on its own and safe to call from several processes at once
//    (for the SQL backends) or several threads (for all backends).
//  - Derived queries (best trial, counts) are built on these few primitives.
class StudyStorage {
public:
    virtual ~StudyStorage() = default;

    // --- studies -------------------------------------------------------------------
    // Creates a study; throws StorageError when the name is taken. Returns it with its id.
    virtual StudyRecord createStudy(const StudyRecord& study) = 0;
    virtual std::optional<StudyRecord> findStudy(const std::string& name) = 0;
    virtual std::vector<StudyRecord> studies() = 0;
    virtual void renameStudy(std::int64_t studyId, const std::string& newName) = 0;
    virtual void deleteStudy(std::int64_t studyId) = 0;  // with all its trials
    virtual void setStudySystemAttr(std::int64_t studyId, const std::string& key,
                                    const std::string& json) = 0;
    virtual void setStudyUserAttr(std::int64_t studyId, const std::string& key,
                                  const std::string& json) = 0;

    // --- trials --------------------------------------------------------------------
    // Creates a trial with the next number, in state `trial.state` (Waiting to enqueue,
    // Running to start one now), with its params, distributions and attrs. When
    // `maxCounted` is set, the trial is created only if fewer than that many trials
    // count toward the budget (all but Failed ones marked as retried, see
    // countsTowardBudget); else nullopt. When `maxSampled` is set too, a sampled trial
    // (isSampledTrial) is created only if fewer than that many of the study's trials are
    // sampled ones (a grid's size). Checks and insert are one atomic step.
    virtual std::optional<FrozenTrial> createTrial(std::int64_t studyId, const FrozenTrial& trial,
                                                   std::optional<int> maxCounted = std::nullopt,
                                                   std::optional<long long> maxSampled = std::nullopt) = 0;
    // Atomically moves the oldest Waiting trial to Running (started = now) and returns it.
    virtual std::optional<FrozenTrial> claimWaitingTrial(std::int64_t studyId, TimePoint now) = 0;
    // Sets one param of a Waiting or Running trial (again: the last write wins). Throws
    // StorageError for a finished or unknown trial, an invalid distribution, or a value
    // outside its distribution.
    virtual void setTrialParam(std::int64_t trialId, const std::string& name, double internal,
                               const Distribution& dist) = 0;
    struct TrialParam {
        std::string name;
        double internal = 0.0;
        Distribution distribution;
    };
    // Sets several params of one trial as ONE change, as if setTrialParam ran for each in
    // order (a name given twice keeps its last value), but atomically: when anything is
    // refused (see setTrialParam) it throws and nothing of the batch is written. The trial
    // is checked even for an empty batch, which changes nothing else. The SQL backends
    // write the batch in one transaction: the per-trial cost of a study is its number of
    // transactions. This default checks every param first, then sets them one by one, so
    // it is all-or-nothing only for the params' own checks; backends override it.
    virtual void setTrialParams(std::int64_t trialId, const std::vector<TrialParam>& params)
    {
        for (const TrialParam& p : params)
            if (std::string why = paramError(p); !why.empty())
                throw StorageError("StudyStorage::setTrialParams(): " + why);
        if (params.empty()) {
            if (const FrozenTrial t = trial(trialId); isFinished(t.state))  // throws when unknown
                throw StorageError("StudyStorage::setTrialParams(): trial " +
                                   std::to_string(t.number) + " is finished and cannot change");
            return;
        }
        for (const TrialParam& p : params)
            setTrialParam(trialId, p.name, p.internal, p.distribution);
    }
    virtual void reportIntermediate(std::int64_t trialId, std::int64_t step, double value) = 0;
    virtual void setTrialSystemAttr(std::int64_t trialId, const std::string& key,
                                    const std::string& json) = 0;
    virtual void setTrialUserAttr(std::int64_t trialId, const std::string& key,
                                  const std::string& json) = 0;
    virtual void heartbeat(std::int64_t trialId, TimePoint now) = 0;
    // Moves a Running trial to a finished state. Returns false (and changes nothing) if the
    // trial was no longer Running, e.g. another process already failed it as stale.
    virtual bool finishTrial(std::int64_t trialId, TrialState state, std::optional<double> value,
                             const std::string& reason, TimePoint now) = 0;
    // Fails every Running trial of the study whose heartbeat (or start, without one) is
    // older than now - grace. Returns the trials it failed, as they are after the change.
    virtual std::vector<FrozenTrial> failStaleTrials(std::int64_t studyId, TimePoint now,
                                                     std::chrono::seconds grace) = 0;

    virtual FrozenTrial trial(std::int64_t trialId) = 0;
    virtual std::vector<FrozenTrial> trials(std::int64_t studyId) = 0;  // ordered by number
    // Trials changed (created or updated in any way) after change counter `sinceVersion`,
    // ordered by number, and the counter now in *newVersion. Every change to a trial bumps a
    // storage-wide counter; 0 returns all trials. For cheap incremental refreshes.
    virtual std::vector<FrozenTrial> trialsChangedSince(std::int64_t studyId,
                                                        std::int64_t sinceVersion,
                                                        std::int64_t* newVersion) = 0;

    // --- batched writes (the study path) -------------------------------------------------
    // What one process has for one running trial since its last flush (TrialWriteBuffer).
    struct TrialWrites {
        std::int64_t trialId = 0;
        std::vector<std::pair<std::int64_t, double>> intermediate;  // (step, value), in order
        std::vector<std::pair<std::string, std::string>> logs;      // (stream, text), in order
        std::optional<TimePoint> heartbeat;
    };
    // Writes a batch for several trials as if, per trial, reportIntermediate ran for each
    // value, appendTrialLog for each text and heartbeat for the heartbeat, with two
    // differences: a trial that is finished, or gone (its study deleted), refuses its
    // values and heartbeat instead of throwing (a finished trial still takes its log
    // text, a gone one drops it), and its id is returned; and each trial changes once
    // (trialsChangedSince lists it once). The SQL backends write the whole batch in ONE
    // transaction, all or nothing: the per-epoch cost of a study is this call's, once per
    // flush interval instead of once per epoch. Throws StorageError only when the storage
    // itself fails or a log text has no stream name, and then nothing of the batch is
    // written (SQL, in-memory). This default calls the single-change methods one by one
    // (all or nothing only for the stream names).
    virtual std::vector<std::int64_t> writeTrials(const std::vector<TrialWrites>& batch)
    {
        for (const TrialWrites& w : batch)
            for (const auto& [stream, text] : w.logs)
                if (stream.empty() && !text.empty())
                    throw StorageError("StudyStorage::writeTrials(): a log stream needs a name");
        std::vector<std::int64_t> refused;
        for (const TrialWrites& w : batch) {
            bool finished = false;
            try {
                finished = isFinished(trial(w.trialId).state);
            } catch (const StorageError&) {
                refused.push_back(w.trialId);  // gone
                continue;
            }
            if (finished) {
                if (!w.intermediate.empty() || w.heartbeat)
                    refused.push_back(w.trialId);
            } else {
                for (const auto& [step, value] : w.intermediate)
                    reportIntermediate(w.trialId, step, value);
                if (w.heartbeat)
                    heartbeat(w.trialId, *w.heartbeat);
            }
            for (const auto& [stream, text] : w.logs)
                appendTrialLog(w.trialId, stream, text);
        }
        return refused;
    }

    // --- logs and artifacts ----------------------------------------------------------
    // The trial's log (command stdout/stderr or the training log). Backends keep at most
    // logCap() bytes per stream, dropping the oldest; the SQL backends store each append
    // as a chunk row, so an append costs the same however long the log already is.
    virtual void appendTrialLog(std::int64_t trialId, const std::string& stream,
                                const std::string& text) = 0;
    virtual std::string trialLog(std::int64_t trialId, const std::string& stream) = 0;
    virtual void putArtifact(std::int64_t trialId, const std::string& kind,
                             const std::string& bytes) = 0;
    virtual std::optional<std::string> artifact(std::int64_t trialId, const std::string& kind) = 0;
    virtual void deleteArtifact(std::int64_t trialId, const std::string& kind) = 0;

    static constexpr std::size_t logCap() { return 1u << 20; }
    // Why a param cannot be stored (an invalid distribution, a value outside it), or empty.
    static std::string paramError(const TrialParam& p)
    {
        if (std::string invalid = p.distribution.validationError(); !invalid.empty())
            return "param '" + p.name + "': " + invalid;
        if (!p.distribution.contains(p.internal)) {
            std::ostringstream why;
            why.precision(17);
            why << "param '" << p.name << "': " << p.internal << " is outside its "
                << Distribution::kindName(p.distribution.kind()) << " distribution";
            return why.str();
        }
        return {};
    }
    // A Failed trial with system attr "retried" = true was replaced by a retry or a
    // re-queued copy and no longer counts toward the budget; every other trial does.
    static bool countsTowardBudget(const FrozenTrial& t)
    {
        if (t.state != TrialState::Failed)
            return true;
        auto it = t.systemAttrs.find("retried");
        return it == t.systemAttrs.end() || it->second != "true";
    }
    // The system attrs that make a trial not a sampled one: enqueued by the user, or a
    // copy of another trial (a retry, a re-queue). A grid hands points to sampled trials.
    static constexpr const char* copyAttrs[] = {"enqueued", "retry_of", "requeue_of"};
    static bool isSampledTrial(const FrozenTrial& t)
    {
        for (const char* key : copyAttrs)
            if (t.systemAttrs.count(key))
                return false;
        return true;
    }
};

} // namespace tw
