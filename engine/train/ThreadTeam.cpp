#include "train/ThreadTeam.h"

#include <stdexcept>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

namespace tw {

namespace {

inline void cpuRelax()
{
#if defined(__x86_64__) || defined(__i386__)
    _mm_pause();
#else
    std::this_thread::yield();
#endif
}

} // namespace

ThreadTeam::ThreadTeam(int size) : m_size(size)
{
    if (size < 1)
        throw std::invalid_argument("ThreadTeam::ThreadTeam(): size must be >= 1");
    for (int i = 1; i < size; ++i)
        m_workers.emplace_back([this, i] { workerLoop(i); });
}

ThreadTeam::~ThreadTeam()
{
    m_quit.store(true, std::memory_order_release);
    m_generation.fetch_add(1, std::memory_order_acq_rel);
    m_generation.notify_all();
    for (auto& t : m_workers)
        t.join();
}

void ThreadTeam::waitWhileEqual(const std::atomic<std::uint64_t>& value, std::uint64_t old)
{
    // Spin first (the partner is usually a few microseconds away), then yield, which lets
    // a descheduled partner run on a busy machine, and only then sleep on the futex.
    for (int spin = 0; spin < 2000; ++spin) {
        if (value.load(std::memory_order_acquire) != old)
            return;
        cpuRelax();
    }
    for (int round = 0; round < 50; ++round) {
        if (value.load(std::memory_order_acquire) != old)
            return;
        std::this_thread::yield();
    }
    while (value.load(std::memory_order_acquire) == old)
        value.wait(old, std::memory_order_acquire);
}

void ThreadTeam::run(const std::function<void(int)>& task)
{
    if (m_size == 1) {
        task(0);
        return;
    }
    m_task = &task;
    m_running.store(m_size - 1, std::memory_order_relaxed);
    const std::uint64_t finished = m_finished.load(std::memory_order_relaxed);
    m_generation.fetch_add(1, std::memory_order_acq_rel);
    m_generation.notify_all();
    try {
        task(0);
    } catch (...) {
        if (!m_hasError.exchange(true))
            m_error = std::current_exception();
    }
    waitWhileEqual(m_finished, finished);
    m_task = nullptr;
    if (m_hasError.load()) {
        m_hasError.store(false);
        std::exception_ptr e = std::move(m_error);
        m_error = nullptr;
        std::rethrow_exception(e);
    }
}

void ThreadTeam::workerLoop(int index)
{
    std::uint64_t seen = 0;
    for (;;) {
        waitWhileEqual(m_generation, seen);
        seen = m_generation.load(std::memory_order_acquire);
        if (m_quit.load(std::memory_order_acquire))
            return;
        try {
            (*m_task)(index);
        } catch (...) {
            if (!m_hasError.exchange(true))
                m_error = std::current_exception();
        }
        if (m_running.fetch_sub(1, std::memory_order_acq_rel) == 1) {
            m_finished.fetch_add(1, std::memory_order_acq_rel);
            m_finished.notify_all();
        }
    }
}

void ThreadTeam::barrier()
{
    if (m_size == 1)
        return;
    const std::uint64_t phase = m_barrierPhase.load(std::memory_order_acquire);
    if (m_arrived.fetch_add(1, std::memory_order_acq_rel) + 1 == m_size) {
        m_arrived.store(0, std::memory_order_relaxed);
        m_barrierPhase.fetch_add(1, std::memory_order_acq_rel);
        m_barrierPhase.notify_all();
    } else {
        waitWhileEqual(m_barrierPhase, phase);
    }
}

} // namespace tw
