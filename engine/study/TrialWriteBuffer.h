#pragma once
#include "study/StudyStorage.h"

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_set>
#include <vector>

namespace tw {

// One process's writes for its running trials on the study path: intermediate values, log
// text and heartbeats, grouped and written by StudyStorage::writeTrials, which is one
// transaction on the SQL backends. So a trial's commits grow with its running time (one
// per flush interval at most), not with its epochs.
//
// When it writes:
//  - `interval` after the first write that found the buffer empty, on a thread of its own
//    (started by the first write): nothing waits longer than about one interval;
//  - on flush(): Study::tell() flushes before it finishes a trial, so a finished trial's
//    values and log are stored with it; Study::failStaleTrials() flushes first too;
//  - with interval 0, at every call (write-through, the behaviour before batching).
// Within a flush the writes keep their order: a trial's values in report order (a step
// reported twice keeps the last), its log text in append order (consecutive appends to a
// stream become one chunk), its latest heartbeat.
//
// Caps: the pending text of one stream of one trial is cut to its newest
// StudyStorage::logCap() bytes, as the storage would keep; values are few per interval.
// A flush that fails (the storage failing, not a trial being finished: see writeTrials)
// keeps what it held pending, in front of what came since, and tries again an interval
// later; flush() rethrows the failure to its caller. Write-through drops what failed,
// as a failed direct call writes nothing.
//
// What a kill -9 can lose: the writes of at most the last interval (plus a flush in
// progress, which commits whole or not at all) of trials that were running, which a
// restarted study fails as stale anyway. Never a finished trial (see Study::tell).
//
// Thread-safe.
class TrialWriteBuffer {
public:
    TrialWriteBuffer(StudyStorage& storage, std::chrono::milliseconds interval);
    // Stops the flush thread and writes what is pending; a failure then is dropped.
    ~TrialWriteBuffer();
    TrialWriteBuffer(const TrialWriteBuffer&) = delete;
    TrialWriteBuffer& operator=(const TrialWriteBuffer&) = delete;

    std::chrono::milliseconds interval() const { return m_interval; }

    // With interval 0 these write at once and throw what the storage throws.
    void report(std::int64_t trialId, std::int64_t step, double value);
    void appendLog(std::int64_t trialId, const std::string& stream, const std::string& text);
    void heartbeat(std::int64_t trialId, TimePoint now);

    // Writes everything pending, in one writeTrials call; nothing pending writes nothing.
    // Rethrows the storage's exception (what failed stays pending).
    void flush();
    // Whether a flush found the trial finished and so did not store its values (it was
    // finished by another process, e.g. failed as stale).
    bool refused(std::int64_t trialId) const;
    // writeTrials calls that succeeded (for tests and benchmarks).
    long long flushCount() const;
    bool hasPending() const;

private:
    struct Pending {
        std::vector<std::pair<std::int64_t, double>> values;
        std::vector<std::pair<std::string, std::string>> logs;  // (stream, text), in order
        std::optional<TimePoint> heartbeat;
    };
    using Batch = std::map<std::int64_t, Pending>;

    // Called with m_mutex held, after adding to m_pending; returns whether to write now.
    bool notePendingLocked();
    void writeThrough();
    void flushLoop(std::stop_token stop);
    static void appendText(Pending& p, const std::string& stream, const std::string& text);
    // Puts a batch that failed back in front of what came since.
    void restoreLocked(Batch&& failed);

    StudyStorage& m_storage;
    const std::chrono::milliseconds m_interval;

    std::mutex m_writeMutex;  // held across a whole flush: flushes never interleave
    mutable std::mutex m_mutex;
    std::condition_variable_any m_cv;
    Batch m_pending;
    std::chrono::steady_clock::time_point m_due{};
    std::unordered_set<std::int64_t> m_refused;
    long long m_flushes = 0;
    std::jthread m_thread;  // last: stopped and joined before the members above go
};

} // namespace tw
