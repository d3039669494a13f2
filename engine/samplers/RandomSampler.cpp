#include "samplers/RandomSampler.h"

#include "samplers/TrialStream.h"

namespace tw {

RandomSampler::RandomSampler(std::uint64_t seed)
    : m_seed(seed)
{
}

double RandomSampler::sampleIndependent(const StudyView&, const FrozenTrial& trial,
                                        std::string_view name, const Distribution& dist)
{
    Random rng = trialStream(m_seed, trial, name);
    // fromUnit gives each int, step value and choice an equal slice of [0, 1).
    return dist.fromUnit(rng.uniform01());
}

std::string RandomSampler::samplingMethod(const StudyView&, const FrozenTrial&)
{
    return "random";
}

} // namespace tw
