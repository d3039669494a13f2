#include "study/TrialWriteBuffer.h"

#include <algorithm>

namespace tw {

TrialWriteBuffer::TrialWriteBuffer(StudyStorage& storage, std::chrono::milliseconds interval)
    : m_storage(storage)
    , m_interval(std::max(interval, std::chrono::milliseconds(0)))
{
}

TrialWriteBuffer::~TrialWriteBuffer()
{
    if (m_thread.joinable()) {
        m_thread.request_stop();
        m_thread.join();
    }
    try {
        flush();
    } catch (...) {
        // Nobody is left to tell: the trials these writes belonged to were never told,
        // so they were running, and a restarted study fails them as stale.
    }
}

void TrialWriteBuffer::appendText(Pending& p, const std::string& stream, const std::string& text)
{
    if (p.logs.empty() || p.logs.back().first != stream)
        p.logs.emplace_back(stream, std::string());
    std::string& pending = p.logs.back().second;
    const std::size_t cap = StudyStorage::logCap();
    if (text.size() >= cap) {
        pending.assign(text, text.size() - cap, cap);
        return;
    }
    pending += text;
    if (pending.size() > cap)
        pending.erase(0, pending.size() - cap);
}

bool TrialWriteBuffer::notePendingLocked()
{
    if (m_interval.count() == 0)
        return true;
    if (m_due == std::chrono::steady_clock::time_point{}) {
        m_due = std::chrono::steady_clock::now() + m_interval;
        if (!m_thread.joinable())
            m_thread = std::jthread([this](std::stop_token stop) { flushLoop(std::move(stop)); });
        m_cv.notify_all();
    }
    return false;
}

void TrialWriteBuffer::writeThrough()
{
    flush();
}

void TrialWriteBuffer::report(std::int64_t trialId, std::int64_t step, double value)
{
    bool now = false;
    {
        std::lock_guard lock(m_mutex);
        m_pending[trialId].values.emplace_back(step, value);
        now = notePendingLocked();
    }
    if (now)
        writeThrough();
}

void TrialWriteBuffer::appendLog(std::int64_t trialId, const std::string& stream,
                                 const std::string& text)
{
    if (text.empty())
        return;
    if (stream.empty())
        throw StorageError("TrialWriteBuffer::appendLog(): the stream needs a name");
    bool now = false;
    {
        std::lock_guard lock(m_mutex);
        appendText(m_pending[trialId], stream, text);
        now = notePendingLocked();
    }
    if (now)
        writeThrough();
}

void TrialWriteBuffer::heartbeat(std::int64_t trialId, TimePoint now)
{
    bool write = false;
    {
        std::lock_guard lock(m_mutex);
        std::optional<TimePoint>& beat = m_pending[trialId].heartbeat;
        if (!beat || *beat < now)
            beat = now;
        write = notePendingLocked();
    }
    if (write)
        writeThrough();
}

void TrialWriteBuffer::restoreLocked(Batch&& failed)
{
    for (auto& [id, older] : failed) {
        auto it = m_pending.find(id);
        if (it == m_pending.end()) {
            m_pending.emplace(id, std::move(older));
            continue;
        }
        Pending& newer = it->second;
        older.values.insert(older.values.end(), newer.values.begin(), newer.values.end());
        newer.values = std::move(older.values);
        for (const auto& [stream, text] : newer.logs)
            appendText(older, stream, text);
        newer.logs = std::move(older.logs);
        if (older.heartbeat && (!newer.heartbeat || *newer.heartbeat < *older.heartbeat))
            newer.heartbeat = older.heartbeat;
    }
}

void TrialWriteBuffer::flush()
{
    std::lock_guard write(m_writeMutex);
    Batch batch;
    {
        std::lock_guard lock(m_mutex);
        if (m_pending.empty())
            return;
        batch.swap(m_pending);
        m_due = {};
    }
    std::vector<StudyStorage::TrialWrites> writes;
    writes.reserve(batch.size());
    for (auto& [id, p] : batch) {
        StudyStorage::TrialWrites w;
        w.trialId = id;
        w.intermediate = p.values;
        w.logs = p.logs;
        w.heartbeat = p.heartbeat;
        writes.push_back(std::move(w));
    }
    std::vector<std::int64_t> refused;
    try {
        refused = m_storage.writeTrials(writes);
    } catch (...) {
        // Write-through drops what failed, as a failed direct call writes nothing; a
        // buffer keeps it for the next flush.
        if (m_interval.count() > 0) {
            std::lock_guard lock(m_mutex);
            restoreLocked(std::move(batch));
            m_due = std::chrono::steady_clock::now() + m_interval;
            m_cv.notify_all();
        }
        throw;
    }
    std::lock_guard lock(m_mutex);
    m_refused.insert(refused.begin(), refused.end());
    ++m_flushes;
}

void TrialWriteBuffer::flushLoop(std::stop_token stop)
{
    std::unique_lock lock(m_mutex);
    while (!stop.stop_requested()) {
        m_cv.wait(lock, stop, [&] { return m_due != std::chrono::steady_clock::time_point{}; });
        if (stop.stop_requested())
            return;
        const auto due = m_due;
        if (std::chrono::steady_clock::now() < due) {
            // Woken early only by a stop; a new first write never moves `due` earlier.
            m_cv.wait_until(lock, stop, due, [] { return false; });
            continue;
        }
        lock.unlock();
        try {
            flush();
        } catch (...) {
            // Kept pending and retried an interval later; the next flush() by Study::tell
            // reports a lasting failure.
        }
        lock.lock();
    }
}

bool TrialWriteBuffer::refused(std::int64_t trialId) const
{
    std::lock_guard lock(m_mutex);
    return m_refused.count(trialId) > 0;
}

long long TrialWriteBuffer::flushCount() const
{
    std::lock_guard lock(m_mutex);
    return m_flushes;
}

bool TrialWriteBuffer::hasPending() const
{
    std::lock_guard lock(m_mutex);
    return !m_pending.empty();
}

} // namespace tw
