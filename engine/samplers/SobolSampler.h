#pragma once
#include "samplers/Sampler.h"
#include "samplers/SobolSequence.h"

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>

namespace tw {

// Quasi-random search: trial number i gets point i of a scrambled, seeded Sobol sequence
// over the study's whole search space (one dimension per parameter, in the space's
// topological order), mapped through Distribution::fromUnit. Since the point is a pure
// function of the trial number, parallel workers get distinct points and a study resumed in
// another process continues the same sequence. Parameters past SobolSequence::kMaxDimensions
// and parameters outside the search space are drawn uniformly, seeded by (seed, trial
// number, name).
class SobolSampler : public Sampler {
public:
    explicit SobolSampler(std::uint64_t seed = 0, bool scramble = true);

    SearchSpace relativeSearchSpace(const StudyView& study, const FrozenTrial& trial) override;
    ParamValues sampleRelative(const StudyView& study, const FrozenTrial& trial,
                               const SearchSpace& space) override;
    double sampleIndependent(const StudyView& study, const FrozenTrial& trial,
                             std::string_view name, const Distribution& dist) override;
    std::string samplingMethod(const StudyView& study, const FrozenTrial& trial) override;

    // The point of trial `number` in `space`, every parameter given a value (active or not).
    ParamValues pointFor(const SearchSpace& space, int number) const;
    std::uint64_t seed() const { return m_seed; }

private:
    std::shared_ptr<const SobolSequence> sequence(int dimensions) const;

    std::uint64_t m_seed;
    bool m_scramble;
    mutable std::mutex m_mutex;
    mutable std::map<int, std::shared_ptr<const SobolSequence>> m_sequences;
};

} // namespace tw
