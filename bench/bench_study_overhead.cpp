// Study overhead per trial, in the peer's setup: an instant objective with 5 float
// parameters, in-memory storage. ms_per_trial is the mean over the 100 trials around
// trial N (N-50 .. N+49), the earlier trials being run untimed first; time is the
// process's CPU time (the "Time" column too, as manual time).
// Optuna 3.1 on this machine: random 0.31 / 0.32 / 0.36 ms at trials 100 / 500 / 1000;
// TPE 15.6 / 25.6 / 48.3 ms (39.3 ms at 1000 in a quieter run).
//   cmake --build build/dev --target bench_study_overhead && build/dev/bin/bench_study_overhead
#include "samplers/RandomSampler.h"
#include "study/InMemoryStorage.h"
#include "study/Study.h"
#include "study/StudyLoop.h"

#include <benchmark/benchmark.h>

#include <chrono>
#include <ctime>
#include <functional>
#include <memory>

namespace {

// Process CPU time: the machine is shared, and wall time would count time spent waiting
// for a core. Includes every thread of the process (the optimizer's workers).
double cpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + 1e-9 * double(ts.tv_nsec);
}

using SamplerFactory = std::function<std::shared_ptr<tw::Sampler>()>;

tw::SearchSpace fiveFloats()
{
    tw::SearchSpace space;
    for (int i = 0; i < 5; ++i)
        space.add({std::string(1, 'x').append(std::to_string(i)), tw::Distribution::makeFloat(-10.0, 10.0),
                   std::nullopt});
    return space;
}

double objective(const tw::ParamValues& p)
{
    double s = 0.0;
    for (const auto& [name, v] : p)
        s += v * v;
    return s;
}

// Ask/tell directly, as Optuna's study.ask()/study.tell() loop.
void askTell(benchmark::State& state, SamplerFactory make)
{
    const int around = static_cast<int>(state.range(0));
    const int window = 100;
    double totalSeconds = 0.0;
    for (auto _ : state) {
        tw::InMemoryStorage storage;
        tw::StudyRecord rec;
        rec.name = "bench";
        rec = storage.createStudy(rec);
        tw::Study study(storage, rec, fiveFloats(), make());
        for (int i = 0; i < around - window / 2; ++i) {
            auto t = study.ask();
            study.tell(*t, objective(t->params));
        }
        const double start = cpuSeconds();
        for (int i = 0; i < window; ++i) {
            auto t = study.ask();
            study.tell(*t, objective(t->params));
        }
        const double seconds = cpuSeconds() - start;
        state.SetIterationTime(seconds);
        totalSeconds += seconds;
    }
    state.counters["ms_per_trial"] = 1e3 * totalSeconds / (double(state.iterations()) * window);
}

// The same through StudyLoop (one thread), which adds the objective call, the
// trial's context and the progress event (with the best trial so far).
void optimizer(benchmark::State& state, SamplerFactory make)
{
    const int around = static_cast<int>(state.range(0));
    const int window = 100;
    double totalSeconds = 0.0;
    for (auto _ : state) {
        tw::InMemoryStorage storage;
        tw::StudyRecord rec;
        rec.name = "bench";
        rec = storage.createStudy(rec);
        tw::Study study(storage, rec, fiveFloats(), make());
        auto run = [&study](int trials) {
            tw::StudyLoopOptions oo;
            oo.failStaleOnStart = false;
            oo.maxTrialsThisRun = trials;
            oo.onEvent = [](const tw::TrialEvent& e) { benchmark::DoNotOptimize(e.finishedThisRun); };
            tw::StudyLoop(study, [](tw::TrialContext& ctx) {
                return tw::TrialOutcome::complete(objective(ctx.params()));
            }, oo).run();
        };
        run(around - window / 2);
        const double start = cpuSeconds();
        run(window);
        const double seconds = cpuSeconds() - start;
        state.SetIterationTime(seconds);
        totalSeconds += seconds;
    }
    state.counters["ms_per_trial"] = 1e3 * totalSeconds / (double(state.iterations()) * window);
}

SamplerFactory randomSampler()
{
    return [] { return std::make_shared<tw::RandomSampler>(0); };
}

} // namespace

BENCHMARK_CAPTURE(askTell, random, randomSampler())
    ->Arg(100)->Arg(500)->Arg(1000)->UseManualTime()->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(optimizer, random, randomSampler())
    ->Arg(100)->Arg(500)->Arg(1000)->UseManualTime()->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
