#pragma once
#include <cstdint>

namespace tw {

// `sampler`. Absent: TPE with seed 0. Every sampler takes `seed`; the other keys belong
// to the types noted and are errors on other types.
struct SamplerSpec {
    enum class Type { Grid, Random, Sobol, Gp, Tpe };
    Type type = Type::Tpe;
    std::uint64_t seed = 0;
    int resolution = 0;        // grid: points per float without its own resolution or step, >= 2
    bool scramble = true;      // sobol
    int nStartup = 10;         // gp (default 8), tpe (default 10): initial trials, >= 1
    int refitEvery = 5;        // gp: kernel refit interval in trials, >= 1
    bool multivariate = false; // tpe
    int nEiCandidates = 24;    // tpe: "n_ei_candidates", >= 1
};

} // namespace tw
