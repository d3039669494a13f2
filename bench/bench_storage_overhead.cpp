// Storage overhead per trial on SQLite (issue #5): what a study spends in storage for each
// trial, with an instant objective. Peer: Optuna 3.1 with SQLite, random sampling, 5 float
// params, about 29-31 ms per trial on this machine. Target: <= 0.5 ms.
//
// Each benchmark runs N trials into a fresh experiment file on disk (WAL, synchronous=NORMAL)
// and reports us_per_trial. Flows:
//   OptunaFlow    - as Optuna's ask/tell does it: refresh the study view incrementally
//                   (trialsChangedSince), create the trial within the budget, set 5 params
//                   one by one, finish it. 8 storage calls, 7 write transactions.
//   Batched       - create the trial with its 5 params in one call, finish it: 2 writes.
//   Intermediate  - OptunaFlow plus 20 intermediate values per trial (20 more writes).
//
// Build and run:
//   cmake --build build/dev --target bench_storage_overhead
//   build/dev/bin/bench_storage_overhead
#include "storage/SqliteStorage.h"

#include <QTemporaryDir>

#include <benchmark/benchmark.h>

#include <chrono>
#include <random>

namespace {

using namespace tw;

enum class Flow { OptunaFlow, Batched, Intermediate };

void runTrials(benchmark::State& state, Flow flow)
{
    const int n = int(state.range(0));
    const Distribution dist = Distribution::makeFloat(-5.0, 5.0);
    const char* names[] = {"x0", "x1", "x2", "x3", "x4"};
    for (auto _ : state) {
        state.PauseTiming();
        QTemporaryDir dir(QDir::currentPath() + QStringLiteral("/bench-storage-XXXXXX"));
        SqliteStorage storage(dir.filePath(QStringLiteral("bench.twx")));
        StudyRecord rec;
        rec.name = "bench";
        rec.specJson = "{}";
        rec.metric = "value";
        const std::int64_t study = storage.createStudy(rec).id;
        std::mt19937_64 rng(42);
        std::uniform_real_distribution<double> uniform(-5.0, 5.0);
        std::int64_t seen = 0;
        state.ResumeTiming();
        const auto start = std::chrono::steady_clock::now();
        for (int k = 0; k < n; ++k) {
            const TimePoint now = Clock::now();
            FrozenTrial t;
            t.state = TrialState::Running;
            t.started = now;
            std::optional<FrozenTrial> created;
            if (flow == Flow::Batched) {
                for (const char* name : names) {
                    t.params[name] = uniform(rng);
                    t.distributions[name] = dist;
                }
                created = storage.createTrial(study, t, n);
            } else {
                benchmark::DoNotOptimize(storage.trialsChangedSince(study, seen, &seen));
                created = storage.createTrial(study, t, n);
                for (const char* name : names)
                    storage.setTrialParam(created->id, name, uniform(rng), dist);
            }
            double value = 0.0;
            for (const auto& [name, v] : created->params)
                value += v * v;
            if (flow == Flow::Intermediate)
                for (int step = 0; step < 20; ++step)
                    storage.reportIntermediate(created->id, step, value / (step + 1));
            storage.finishTrial(created->id, TrialState::Complete, value, "", Clock::now());
        }
        const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        state.counters["us_per_trial"] = seconds * 1e6 / n;
        state.PauseTiming();
        if (int(storage.trials(study).size()) != n)
            state.SkipWithError("trial count mismatch");
        state.ResumeTiming();
    }
}

void BM_SqliteOptunaFlow(benchmark::State& state) { runTrials(state, Flow::OptunaFlow); }
void BM_SqliteBatched(benchmark::State& state) { runTrials(state, Flow::Batched); }
void BM_SqliteIntermediate20(benchmark::State& state) { runTrials(state, Flow::Intermediate); }

BENCHMARK(BM_SqliteOptunaFlow)->Arg(1000)->Arg(10000)->Iterations(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SqliteBatched)->Arg(1000)->Arg(10000)->Iterations(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_SqliteIntermediate20)->Arg(1000)->Arg(10000)->Iterations(1)->Unit(benchmark::kMillisecond);

} // namespace

BENCHMARK_MAIN();
