#pragma once
#include "core/FrozenTrial.h"

#include <stop_token>
#include <string>

namespace tw {

class Study;

// What an objective sees of its trial while it runs (one per running trial, used by
// one thread). Params are internal values (see Distribution).
class TrialContext {
public:
    TrialContext(Study& study, FrozenTrial trial, std::stop_token stop);

    const FrozenTrial& trial() const { return m_trial; }
    int number() const { return m_trial.number; }
    const ParamValues& params() const { return m_trial.params; }
    bool hasParam(const std::string& name) const { return m_trial.params.count(name) > 0; }
    // Throws std::out_of_range naming the parameter when it is absent (inactive).
    double param(const std::string& name) const;

    // Stores an intermediate value and returns whether the trial should stop now: the
    // pruner says so, or the trial is no longer Running (failed as stale elsewhere).
    bool report(std::int64_t step, double value);
    // Set when the run is cancelled: stop soon (at a batch boundary) and return.
    std::stop_token stopToken() const { return m_stop; }
    bool stopRequested() const { return m_stop.stop_requested(); }

    void appendLog(const std::string& stream, const std::string& text);
    void setUserAttr(const std::string& key, const std::string& json);
    void setSystemAttr(const std::string& key, const std::string& json);
    Study& study() { return m_study; }

private:
    Study& m_study;
    FrozenTrial m_trial;
    std::stop_token m_stop;
};

} // namespace tw
