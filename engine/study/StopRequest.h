#pragma once
#include <stop_token>

namespace tw {

// How a run of a study is asked to stop, in two levels:
//  - pause(): start no new trial; the running trials finish normally;
//  - cancel(): also stop the running trials at their next batch (it implies pause).
// Copies share one state (std::stop_source), so the thread that starts a run keeps a copy
// and any thread, a signal watcher or the GUI's Pause and Stop buttons, may call pause()
// or cancel() on it while the run goes on. A request is for one run: the next run gets a
// new one.
class StopRequest {
public:
    void pause() noexcept { m_pause.request_stop(); }
    void cancel() noexcept {
        m_cancel.request_stop();
        m_pause.request_stop();
    }

    bool pauseRequested() const noexcept { return m_pause.stop_requested(); }
    bool cancelRequested() const noexcept { return m_cancel.stop_requested(); }
    // For waits that end on a pause (std::condition_variable_any) and for trials, which
    // check the cancel token at their batch boundaries (TrialContext::stopToken()).
    std::stop_token pauseToken() const noexcept { return m_pause.get_token(); }
    std::stop_token cancelToken() const noexcept { return m_cancel.get_token(); }

private:
    std::stop_source m_pause;
    std::stop_source m_cancel;
};

} // namespace tw
