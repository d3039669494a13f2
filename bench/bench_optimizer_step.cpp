// One optimizer step over a flat parameter vector of the MLP benchmark's size (85,002
// floats, 64-256-256-10), for every optimizer: the update loop alone, without the model.
// CPU time per step is the figure (the machine is often shared); a checksum of the
// weights after the steps is printed as a counter so runs of two builds can be compared
// for identical numerics.
//
//   bench_optimizer_step --benchmark_repetitions=3
#include "optim/OptimizerConfig.h"

#include <benchmark/benchmark.h>

#include <Eigen/Core>

namespace {

constexpr Eigen::Index kParameters = 85002;

void BM_OptimizerStep(benchmark::State& state)
{
    tw::OptimizerConfig config;
    config.kind = static_cast<tw::OptimizerKind>(state.range(0));
    config.learningRate = 1e-3f;
    if (config.kind == tw::OptimizerKind::AdamW)
        config.weightDecay = 0.01f;
    const auto optimizer = config.create();
    optimizer->reset(kParameters);
    Eigen::VectorXf w = Eigen::VectorXf::LinSpaced(kParameters, -1.0f, 1.0f);
    const Eigen::VectorXf g = Eigen::VectorXf::LinSpaced(kParameters, 0.5f, -0.3f);
    for (auto _ : state) {
        optimizer->step(w, g);
        benchmark::DoNotOptimize(w.data());
        benchmark::ClobberMemory();
    }
    state.SetLabel(std::string(optimizer->name()));
    state.counters["params/s"] = benchmark::Counter(static_cast<double>(kParameters) * static_cast<double>(state.iterations()),
                                                    benchmark::Counter::kIsRate);
    state.counters["checksum"] = static_cast<double>(w.cast<double>().sum());
}

} // namespace

// A fixed step count, so the checksum is the same number in every run of a build.
BENCHMARK(BM_OptimizerStep)->DenseRange(0, 6)->Iterations(2000)->Unit(benchmark::kMicrosecond);

BENCHMARK_MAIN();
