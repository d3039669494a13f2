#include "study/TrialContext.h"

#include "study/Study.h"

#include <stdexcept>

namespace tw {

TrialContext::TrialContext(Study& study, FrozenTrial trial, std::stop_token stop)
    : m_study(study)
    , m_trial(std::move(trial))
    , m_stop(std::move(stop))
{
}

double TrialContext::param(const std::string& name) const
{
    auto it = m_trial.params.find(name);
    if (it == m_trial.params.end())
        throw std::out_of_range("TrialContext::param(): trial " + std::to_string(m_trial.number) +
                                " has no (active) parameter '" + name + "'");
    return it->second;
}

bool TrialContext::report(std::int64_t step, double value)
{
    try {
        m_study.report(m_trial, step, value);
    } catch (const StorageError&) {
        return true;  // finished meanwhile (stale): nothing left to do for it
    }
    return m_study.shouldPrune(m_trial);
}

void TrialContext::appendLog(const std::string& stream, const std::string& text)
{
    m_study.appendLog(m_trial, stream, text);
}

void TrialContext::setUserAttr(const std::string& key, const std::string& json)
{
    m_study.storage().setTrialUserAttr(m_trial.id, key, json);
}

void TrialContext::setSystemAttr(const std::string& key, const std::string& json)
{
    m_study.storage().setTrialSystemAttr(m_trial.id, key, json);
}

} // namespace tw
