#include "analysis/TimelineData.h"

#include <algorithm>
#include <map>

namespace tw {

namespace {

// A JSON string's text without its quotes (worker ids are stored as JSON).
std::string unquoted(const std::string& json)
{
    if (json.size() >= 2 && json.front() == '"' && json.back() == '"')
        return json.substr(1, json.size() - 2);
    return json;
}

} // namespace

Timeline TimelineData::build(const std::vector<FrozenTrial>& trials, TimePoint now)
{
    Timeline out;
    std::vector<const FrozenTrial*> started;
    for (const FrozenTrial& t : trials)
        if (t.started)
            started.push_back(&t);
    if (started.empty())
        return out;
    std::stable_sort(started.begin(), started.end(),
                     [](const FrozenTrial* a, const FrozenTrial* b) { return *a->started < *b->started; });
    const TimePoint first = *started.front()->started;
    auto seconds = [&](TimePoint p) { return std::chrono::duration<double>(p - first).count(); };

    // Named workers first, in the order they appear.
    std::map<std::string, int> workerLane;
    for (const FrozenTrial* t : started)
        if (auto w = t->systemAttrs.find("worker"); w != t->systemAttrs.end())
            if (workerLane.emplace(w->second, static_cast<int>(out.lanes.size())).second)
                out.lanes.push_back("worker " + unquoted(w->second));
    const int workers = static_cast<int>(out.lanes.size());
    std::vector<double> laneFreeAt;  // overlap lanes, for trials without a worker
    for (const FrozenTrial* t : started) {
        TimelineBar bar;
        bar.number = t->number;
        bar.state = t->state;
        bar.start = seconds(*t->started);
        const TimePoint end = t->finished                         ? *t->finished
                              : t->state == TrialState::Running ? now
                              : t->heartbeat                      ? *t->heartbeat
                                                                  : *t->started;
        bar.end = std::max(bar.start, seconds(end));
        if (auto w = t->systemAttrs.find("worker"); w != t->systemAttrs.end()) {
            bar.lane = workerLane.at(w->second);
        } else {
            std::size_t lane = 0;
            while (lane < laneFreeAt.size() && laneFreeAt[lane] > bar.start)
                ++lane;
            if (lane == laneFreeAt.size()) {
                laneFreeAt.push_back(0.0);
                out.lanes.push_back("lane " + std::to_string(lane + 1));
            }
            laneFreeAt[lane] = bar.end;
            bar.lane = workers + static_cast<int>(lane);
        }
        out.bars.push_back(bar);
    }
    return out;
}

} // namespace tw
