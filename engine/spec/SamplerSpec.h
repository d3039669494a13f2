#pragma once
#include <cstdint>

namespace tw {

// `sampler`. Absent: TPE with seed 0 (a study stored before #17; a new study's stored copy
// records "auto", see StudySpec::withNewStudyDefaults). Every sampler takes `seed`; the
// other keys belong to the types noted and are errors on other types.
struct SamplerSpec {
    enum class Type { Grid, Random, Sobol, Gp, Tpe, Cmaes, Auto };
    enum class Restarts { None, Ipop, Bipop };
    Type type = Type::Tpe;
    std::uint64_t seed = 0;
    int resolution = 0;        // grid: points per float without its own resolution or step, >= 2
    bool scramble = true;      // sobol
    int nStartup = 10;         // gp (default 8), tpe (default 10): initial trials, >= 1
    int refitEvery = 5;        // gp: kernel refit interval in trials, >= 1
    int localEvery = 2;        // gp: every k-th trial in the trust region, >= 0 (0: never)
    bool multivariate = false; // tpe
    int nEiCandidates = 24;    // tpe: "n_ei_candidates", >= 1
    double sigma0 = 1.0 / 6.0; // cmaes: initial step size in the unit cube, (0, 1]
    int popsize = 0;           // cmaes: 0 = 4 + floor(3 ln d), else >= 2
    Restarts restarts = Restarts::Ipop; // cmaes
    // cmaes "n_startup" (default 0, >= 0) is nStartup.
};

} // namespace tw
