#include "ModelRetention.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <mutex>

namespace tw {

bool ModelRetention::isPinned(const FrozenTrial& trial)
{
    const auto it = trial.userAttrs.find("pinned");
    return it != trial.userAttrs.end() && it->second == "true";
}

bool ModelRetention::keep(Study& study, const FrozenTrial& trial, double value, const std::string& modelBytes,
                          int keep)
{
    static std::mutex mutex;
    std::lock_guard lock(mutex);
    StudyStorage& storage = study.storage();
    const bool maximize = study.direction() == StudyDirection::Maximize;
    const auto better = [maximize](double a, double b) { return maximize ? a > b : a < b; };

    // Only what the ranking needs, read in place from the study's snapshot: copying every
    // trial with its curve at each trial's end made a long study's cost grow with its
    // square (#14).
    struct Ranked {
        std::int64_t id;
        int number;
        double value;
        bool pinned;
    };
    std::vector<Ranked> complete;
    bool pinned = false;
    study.visitTrials([&](const FrozenTrial& t) {
        if (t.id == trial.id) {
            pinned = isPinned(t);
            return;
        }
        if (t.state == TrialState::Complete && t.value && !std::isnan(*t.value))
            complete.push_back({t.id, t.number, *t.value, isPinned(t)});
    });
    // Ties go to the earlier trial, as the leaderboard ranks them.
    std::stable_sort(complete.begin(), complete.end(),
                     [&](const Ranked& a, const Ranked& b) { return better(a.value, b.value); });
    int ahead = 0;
    for (const auto& t : complete)
        if (better(t.value, value) || (t.value == value && t.number < trial.number))
            ++ahead;
    const bool inBest = ahead < keep;
    const bool stored = inBest || pinned;
    if (stored)
        storage.putArtifact(trial.id, "model", modelBytes);
    if (inBest) {
        // The trial pushes the K-th best out of the best K.
        int rank = 0;
        for (const auto& t : complete) {
            const bool aheadOfTrial = better(t.value, value) || (t.value == value && t.number < trial.number);
            const int position = aheadOfTrial ? rank : rank + 1;
            ++rank;
            if (position >= keep && !t.pinned)
                storage.deleteArtifact(t.id, "model");
        }
    }
    return stored;
}

} // namespace tw
