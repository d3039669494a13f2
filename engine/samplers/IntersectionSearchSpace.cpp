#include "samplers/IntersectionSearchSpace.h"

namespace tw {

IntersectionSearchSpace::IntersectionSearchSpace(bool includePruned)
    : m_includePruned(includePruned)
{
}

bool IntersectionSearchSpace::isSingleValued(const Distribution& d)
{
    return d.kind() == Distribution::Kind::Fixed || d.cardinality() == 1 ||
           (d.isNumeric() && d.low() == d.high());
}

SearchSpace IntersectionSearchSpace::calculate(const StudyView& study)
{
    std::lock_guard lock(m_mutex);
    const auto& trials = study.trials();
    bool stale = m_folded.size() > trials.size();
    for (std::size_t i = 0; i < m_folded.size() && !stale; ++i)
        stale = m_folded[i] >= 0 && m_folded[i] != trials[i].id;
    if (stale) {
        m_common.clear();
        m_folded.clear();
        m_started = false;
    }
    m_folded.resize(trials.size(), -1);
    for (std::size_t i = 0; i < trials.size(); ++i) {
        const FrozenTrial& t = trials[i];
        const bool ofInterest = t.state == TrialState::Complete ||
                                (m_includePruned && t.state == TrialState::Pruned);
        if (m_folded[i] >= 0 || !ofInterest)
            continue;
        m_folded[i] = t.id;
        if (!m_started) {
            m_common = t.distributions;
            m_started = true;
            continue;
        }
        for (auto it = m_common.begin(); it != m_common.end();) {
            const auto d = t.distributions.find(it->first);
            it = (d == t.distributions.end() || !(d->second == it->second)) ? m_common.erase(it)
                                                                               : std::next(it);
        }
    }
    SearchSpace space;
    const SearchSpace& declared = study.searchSpace();
    if (declared.empty()) {
        for (const auto& [name, dist] : m_common)
            if (!isSingleValued(dist))
                space.add({name, dist, std::nullopt});
        return space;
    }
    for (const ParamSpec& p : declared.params()) {
        const auto it = m_common.find(p.name);
        if (it != m_common.end() && !isSingleValued(it->second))
            space.add({p.name, it->second, std::nullopt});
    }
    return space;
}

} // namespace tw
