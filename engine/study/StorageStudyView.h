#pragma once
#include "study/StudyStorage.h"
#include "study/StudyView.h"

#include <cstdint>
#include <optional>
#include <unordered_set>

namespace tw {

// A StudyView kept as a local snapshot of a storage, brought up to date by refresh(),
// which fetches only the trials changed since the last refresh (trialsChangedSince).
// So asking at trial 1,000 costs about what asking at trial 10 does. Not thread-safe:
// its owner serializes refresh() and reads.
class StorageStudyView : public StudyView {
public:
    StorageStudyView(StudyStorage& storage, std::int64_t studyId, StudyDirection direction,
                     SearchSpace space);

    // Brings the snapshot up to date. Returns how many trials changed.
    std::size_t refresh();

    StudyDirection direction() const override { return m_direction; }
    const SearchSpace& searchSpace() const override { return m_space; }
    const std::vector<FrozenTrial>& trials() const override { return m_trials; }

    const FrozenTrial* byNumber(int number) const;
    // The best Complete trial (ties: the lower number), or null.
    const FrozenTrial* best() const;
    // Whether some finished trial had exactly these params (the duplicate guard).
    bool hasFinishedParams(const ParamValues& params) const;
    std::int64_t version() const { return m_version; }

private:
    void absorb(const FrozenTrial& t);
    void reload();

    StudyStorage& m_storage;
    std::int64_t m_studyId;
    StudyDirection m_direction;
    SearchSpace m_space;
    std::vector<FrozenTrial> m_trials;  // index == number
    std::vector<char> m_seenFinished;   // by number: its params are in m_finishedParams
    struct ParamsHash {
        std::size_t operator()(const ParamValues& p) const;
    };
    std::unordered_set<ParamValues, ParamsHash> m_finishedParams;
    int m_best = -1;
    std::int64_t m_version = 0;
};

} // namespace tw
