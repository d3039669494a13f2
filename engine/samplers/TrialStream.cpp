#include "samplers/TrialStream.h"

#include <string>

namespace tw {

std::uint64_t trialStreamSeed(std::uint64_t seed, int trialNumber, std::uint64_t attempt, std::string_view purpose)
{
    return Random::derive(seed, static_cast<std::uint64_t>(trialNumber), attempt, purpose);
}

std::uint64_t trialStreamSeed(std::uint64_t seed, const FrozenTrial& trial, std::string_view purpose)
{
    std::uint64_t attempt = 0;
    if (auto it = trial.systemAttrs.find("resample"); it != trial.systemAttrs.end())
        attempt = std::stoull(it->second);
    return trialStreamSeed(seed, trial.number, attempt, purpose);
}

Random trialStream(std::uint64_t seed, const FrozenTrial& trial, std::string_view purpose)
{
    return Random(trialStreamSeed(seed, trial, purpose));
}

} // namespace tw
