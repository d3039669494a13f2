#pragma once
#include "samplers/Sampler.h"

#include <cstdint>

namespace tw {

// Uniform sampling: in log space for log parameters, every step value and every choice
// equally likely. A value depends only on (seed, trial number, parameter name), so the
// same seed suggests the same configurations whatever the number of parallel workers,
// and adding a conditional parameter does not shift the others.
class RandomSampler : public Sampler {
public:
    explicit RandomSampler(std::uint64_t seed = 0);
    double sampleIndependent(const StudyView& study, const FrozenTrial& trial,
                             std::string_view name, const Distribution& dist) override;
    std::string samplingMethod(const StudyView& study, const FrozenTrial& trial) override;
    std::uint64_t seed() const { return m_seed; }

private:
    std::uint64_t m_seed;
};

} // namespace tw
