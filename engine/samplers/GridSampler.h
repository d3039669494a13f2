#pragma once
#include "samplers/FiniteSampler.h"
#include "samplers/Sampler.h"

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace tw {

// Exhaustive search over a grid, in a deterministic order.
//
// The grid: every choice of a categorical, every value of an int (or `resolution` values
// evenly spread, in log space for log ints), and for a float `resolution` points from low
// to high (log-spaced for log floats) or every `step`. Without an axis of its own, a float
// (and a log int with more values) takes `defaultResolution` points. Conditional parameters are
// enumerated as a tree, so an inactive parameter never multiplies the grid.
//
// Which point a trial gets: its "sampled index", the number of trials numbered before it
// that were sampled (not enqueued, not retries). Trial numbers are assigned atomically by
// the storage and a trial is visible only after every lower number is, so concurrent
// workers, threads or machines can never get the same point, and no lock is needed.
// Enqueued trials that lack some params take point (number mod size). The order is
// lexicographic (the last parameter varies fastest), or with `shuffle` a permutation
// fixed by `seed` (a Feistel bijection), which spreads a partial run over the grid.
class GridSampler : public Sampler, public FiniteSampler {
public:
    struct Axis {
        int resolution = 0;  // number of points (floats; ints too, to thin them)
        double step = 0.0;   // or a step from low
    };
    struct Options {
        std::map<std::string, Axis> axes;
        int defaultResolution = 0;  // for floats without an axis; 0: an axis is required
        bool shuffle = false;
        std::uint64_t seed = 0;
    };

    GridSampler();
    explicit GridSampler(Options options);

    // Empty when `space` can be gridded with these options, else "NAME: why not".
    static std::string validate(const SearchSpace& space, const Options& options);
    // The number of grid points for `space`. Throws std::invalid_argument if it cannot be gridded.
    long long size(const SearchSpace& space);
    // The point at position `index` of the order (after the shuffle, if any).
    ParamValues point(const SearchSpace& space, long long index);
    // How many sampled trials are numbered below `number`. A sampled trial is one that is
    // neither enqueued nor a copy (retry, re-queue): StudyStorage::isSampledTrial.
    static long long sampledIndex(const StudyView& study, int number);
    static bool isSampledTrial(const FrozenTrial& trial);

    SearchSpace relativeSearchSpace(const StudyView& study, const FrozenTrial& trial) override;
    ParamValues sampleRelative(const StudyView& study, const FrozenTrial& trial,
                               const SearchSpace& space) override;
    double sampleIndependent(const StudyView& study, const FrozenTrial& trial,
                             std::string_view name, const Distribution& dist) override;
    std::string samplingMethod(const StudyView& study, const FrozenTrial& trial) override;

    bool exhausted(const StudyView& study) override;
    bool hasPointFor(const StudyView& study, const FrozenTrial& trial) override;
    long long pointCount(const StudyView& study) override { return size(study.searchSpace()); }

private:
    struct Grid;
    const Grid& grid(const SearchSpace& space);
    long long permute(long long index, long long n) const;

    Options m_options;
    std::shared_ptr<Grid> m_grid;
};

} // namespace tw
