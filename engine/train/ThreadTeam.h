#pragma once
#include <atomic>
#include <cstdint>
#include <exception>
#include <functional>
#include <thread>
#include <vector>

namespace tw {

// A fixed team of threads for data-parallel training steps: run(task) executes task(i)
// for i in [0, size()) with i = 0 on the calling thread, and barrier() synchronises the
// members inside a task. Waits spin briefly before sleeping on the atomic (a futex), since
// one training step is far shorter than a scheduler's wake-up.
class ThreadTeam {
public:
    explicit ThreadTeam(int size);
    ~ThreadTeam();
    ThreadTeam(const ThreadTeam&) = delete;
    ThreadTeam& operator=(const ThreadTeam&) = delete;

    int size() const { return m_size; }
    // Returns when every member has finished; rethrows the first exception a member threw.
    // A task that throws must still reach every barrier() the others call.
    void run(const std::function<void(int)>& task);
    void barrier();

private:
    void workerLoop(int index);
    static void waitWhileEqual(const std::atomic<std::uint64_t>& value, std::uint64_t old);

    int m_size;
    std::vector<std::thread> m_workers;
    const std::function<void(int)>* m_task = nullptr;
    std::atomic<std::uint64_t> m_generation{0};  // bumped to start a task
    std::atomic<std::uint64_t> m_finished{0};    // bumped when the last worker finishes
    std::atomic<int> m_running{0};
    std::atomic<int> m_arrived{0};
    std::atomic<std::uint64_t> m_barrierPhase{0};
    std::atomic<bool> m_quit{false};
    std::exception_ptr m_error;
    std::atomic<bool> m_hasError{false};
};

} // namespace tw
