#include "study/StorageStudyView.h"

#include <bit>
#include <cmath>
#include <functional>

namespace tw {

StorageStudyView::StorageStudyView(StudyStorage& storage, std::int64_t studyId,
                                   StudyDirection direction, SearchSpace space)
    : m_storage(storage)
    , m_studyId(studyId)
    , m_direction(direction)
    , m_space(std::move(space))
{
}

std::size_t StorageStudyView::ParamsHash::operator()(const ParamValues& p) const
{
    std::size_t h = p.size();
    for (const auto& [name, value] : p) {
        const std::size_t v = std::hash<std::string>()(name) ^ (std::bit_cast<std::uint64_t>(value + 0.0) * 0x9E3779B97F4A7C15ULL);
        h ^= v + 0x9E3779B97F4A7C15ULL + (h << 6) + (h >> 2);
    }
    return h;
}

std::size_t StorageStudyView::refresh()
{
    std::int64_t version = m_version;
    const std::vector<FrozenTrial> changed = m_storage.trialsChangedSince(m_studyId, m_version, &version);
    // Numbers are dense and a trial is visible only after every lower number is (the
    // storage contract); a gap would mean a backend broke that rule, so start over.
    for (const FrozenTrial& t : changed) {
        if (t.number < 0 || t.number > static_cast<int>(m_trials.size())) {
            reload();
            return m_trials.size();
        }
        absorb(t);
    }
    m_version = version;
    return changed.size();
}

void StorageStudyView::reload()
{
    m_trials.clear();
    m_seenFinished.clear();
    m_finishedParams.clear();
    m_best = -1;
    std::int64_t version = 0;
    std::vector<FrozenTrial> all = m_storage.trialsChangedSince(m_studyId, 0, &version);
    for (const FrozenTrial& t : all)
        if (t.number == static_cast<int>(m_trials.size()))
            absorb(t);
    m_version = version;
}

void StorageStudyView::absorb(const FrozenTrial& t)
{
    const auto index = static_cast<std::size_t>(t.number);
    if (index == m_trials.size()) {
        m_trials.push_back(t);
        m_seenFinished.push_back(0);
    } else {
        m_trials[index] = t;
    }
    if (isFinished(t.state) && !m_seenFinished[index]) {
        m_seenFinished[index] = 1;
        m_finishedParams.insert(t.params);
        // Finished trials never change again, so the best can be kept incrementally.
        if (t.state == TrialState::Complete && t.value && !std::isnan(*t.value)) {
            if (m_best < 0 || isBetter(m_direction, *t.value, *m_trials[std::size_t(m_best)].value) ||
                (*t.value == *m_trials[std::size_t(m_best)].value && t.number < m_best))
                m_best = t.number;
        }
    }
}

const FrozenTrial* StorageStudyView::byNumber(int number) const
{
    if (number < 0 || number >= static_cast<int>(m_trials.size()))
        return nullptr;
    return &m_trials[static_cast<std::size_t>(number)];
}

const FrozenTrial* StorageStudyView::best() const
{
    return m_best < 0 ? nullptr : &m_trials[static_cast<std::size_t>(m_best)];
}

bool StorageStudyView::hasFinishedParams(const ParamValues& params) const
{
    return m_finishedParams.count(params) > 0;
}

} // namespace tw
