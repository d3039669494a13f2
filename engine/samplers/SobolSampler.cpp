#include "samplers/SobolSampler.h"

#include "samplers/TrialStream.h"

#include <algorithm>
#include <stdexcept>

namespace tw {

SobolSampler::SobolSampler(std::uint64_t seed, bool scramble)
    : m_seed(seed)
    , m_scramble(scramble)
{
}

SearchSpace SobolSampler::relativeSearchSpace(const StudyView& study, const FrozenTrial&)
{
    return study.searchSpace();
}

ParamValues SobolSampler::sampleRelative(const StudyView&, const FrozenTrial& trial,
                                         const SearchSpace& space)
{
    return pointFor(space, trial.number);
}

double SobolSampler::sampleIndependent(const StudyView&, const FrozenTrial& trial,
                                       std::string_view name, const Distribution& dist)
{
    return dist.fromUnit(trialStream(m_seed, trial, name).uniform01());
}

std::shared_ptr<const SobolSequence> SobolSampler::sequence(int dimensions) const
{
    std::lock_guard lock(m_mutex);
    auto& slot = m_sequences[dimensions];
    if (!slot)
        slot = std::make_shared<const SobolSequence>(dimensions, m_scramble, m_seed);
    return slot;
}

ParamValues SobolSampler::pointFor(const SearchSpace& space, int number) const
{
    if (number < 0)
        throw std::invalid_argument("SobolSampler::pointFor(): the trial number must be >= 0");
    ParamValues values;
    const auto& params = space.params();
    if (params.empty())
        return values;
    const int dims = std::min<int>(static_cast<int>(params.size()), SobolSequence::kMaxDimensions);
    std::vector<double> u(dims);
    sequence(dims)->point(static_cast<std::uint64_t>(number), u.data());
    for (std::size_t i = 0; i < params.size(); ++i) {
        const double unit = static_cast<int>(i) < dims
                                ? u[i]
                                : Random(trialStreamSeed(m_seed, number, 0, params[i].name)).uniform01();
        values[params[i].name] = params[i].distribution.fromUnit(unit);
    }
    return values;
}

std::string SobolSampler::samplingMethod(const StudyView&, const FrozenTrial&)
{
    return "sobol";
}

} // namespace tw
