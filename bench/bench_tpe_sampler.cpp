// TPESampler: suggest latency (Google Benchmark), per-trial overhead in Optuna's setup and
// sample efficiency on the peers' test functions.
//   bench_tpe_sampler                       latency at 100 / 500 / 1000 completed trials
//   bench_tpe_sampler --overhead            ms per trial around trials 100 / 500 / 1000
//   bench_tpe_sampler --efficiency [--multivariate] [--seeds N] [--seed0 S] [--trials N]
//                     [--preset ours|optuna31|textbook]
//                                           median [IQR] simple regret at 10/25/50/100 over
//                                           seeds S..S+N-1 (default 1..10, as the peers)
// Presets: ours = TPESamplerOptions' defaults; optuna31 = Optuna 3.1's settings and its
// effective width-proportional scoring (same argmax as Optuna 3.1); textbook = Optuna's
// settings with the plain Parzen mixture (as Optuna computes it since optuna/optuna#5110).
#include "analysis/ParzenRebuild.h"
#include "io/TPESnapshotJson.h"
#include "samplers/JsonText.h"
#include "samplers/TPESampler.h"

#include "../tests/support/SnapshotStudyView.h"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

using namespace tw;

namespace {

// Test functions as in Surjanovic & Bingham's Virtual Library of Simulation Experiments.
double branin(const std::vector<double>& x)
{
    const double a = 1.0, b = 5.1 / (4.0 * M_PI * M_PI), c = 5.0 / M_PI, r = 6.0, s = 10.0,
                 t = 1.0 / (8.0 * M_PI);
    const double y = x[1] - b * x[0] * x[0] + c * x[0] - r;
    return a * y * y + s * (1.0 - t) * std::cos(x[0]) + s;
}

double hartmann6(const std::vector<double>& x)
{
    static const double alpha[4] = {1.0, 1.2, 3.0, 3.2};
    static const double A[4][6] = {{10, 3, 17, 3.5, 1.7, 8},
                                   {0.05, 10, 17, 0.1, 8, 14},
                                   {3, 3.5, 1.7, 10, 17, 8},
                                   {17, 8, 0.05, 10, 0.1, 14}};
    static const double P[4][6] = {{1312, 1696, 5569, 124, 8283, 5886},
                                   {2329, 4135, 8307, 3736, 1004, 9991},
                                   {2348, 1451, 3522, 2883, 3047, 6650},
                                   {4047, 8828, 8732, 5743, 1091, 381}};
    double outer = 0.0;
    for (int i = 0; i < 4; ++i) {
        double inner = 0.0;
        for (int j = 0; j < 6; ++j)
            inner += A[i][j] * (x[j] - 1e-4 * P[i][j]) * (x[j] - 1e-4 * P[i][j]);
        outer += alpha[i] * std::exp(-inner);
    }
    return -outer;
}

double rosenbrock(const std::vector<double>& x)
{
    double s = 0.0;
    for (size_t i = 0; i + 1 < x.size(); ++i)
        s += 100.0 * std::pow(x[i + 1] - x[i] * x[i], 2) + std::pow(1.0 - x[i], 2);
    return s;
}

double ackley(const std::vector<double>& x)
{
    const double d = static_cast<double>(x.size());
    double sq = 0.0, cs = 0.0;
    for (double v : x) {
        sq += v * v;
        cs += std::cos(2.0 * M_PI * v);
    }
    return -20.0 * std::exp(-0.2 * std::sqrt(sq / d)) - std::exp(cs / d) + 20.0 + M_E;
}

struct TestFunction {
    const char* name;
    int dim;
    double low[6], high[6];
    double optimum;
    double (*f)(const std::vector<double>&);
    // Optuna 3.1 TPESampler defaults, median [q25, q75] at 10/25/50/100 (peers README).
    double optuna[4][3];
    double optunaMv[4][3];
};

const TestFunction kFunctions[] = {
    {"branin", 2, {-5, 0}, {10, 15}, 0.397887, branin,
     {{8.01, 4.36, 15}, {0.597, 0.272, 1.32}, {0.181, 0.123, 0.198}, {0.0163, 0.00891, 0.0391}},
     {{8.01, 4.36, 15}, {0.336, 0.136, 1.16}, {0.137, 0.0413, 0.2}, {0.0892, 0.0274, 0.177}}},
    {"hartmann6", 6, {0, 0, 0, 0, 0, 0}, {1, 1, 1, 1, 1, 1}, -3.32237, hartmann6,
     {{2.41, 2.1, 2.7}, {1.48, 1.24, 1.74}, {0.586, 0.534, 0.764}, {0.249, 0.164, 0.38}},
     {{2.41, 2.1, 2.7}, {0.573, 0.452, 0.904}, {0.378, 0.3, 0.582}, {0.209, 0.149, 0.285}}},
    {"rosenbrock4", 4, {-5, -5, -5, -5}, {10, 10, 10, 10}, 0.0, rosenbrock,
     {{1.05e4, 8.59e3, 2.13e4}, {1.23e3, 878, 2.33e3}, {358, 205, 720}, {54.3, 42, 163}},
     {{1.05e4, 8.59e3, 2.13e4}, {579, 343, 1.24e3}, {259, 158, 470}, {51.3, 15, 85.8}}},
    {"ackley5", 5, {-32.768, -32.768, -32.768, -32.768, -32.768},
     {32.768, 32.768, 32.768, 32.768, 32.768}, 0.0, ackley,
     {{18.6, 16.7, 19.3}, {15.9, 13.9, 16.6}, {13.1, 11.3, 14}, {7.93, 6.95, 8.2}},
     {{18.6, 16.7, 19.3}, {12.3, 11.6, 15.3}, {11.1, 8.39, 12.8}, {8.51, 7.92, 10.1}}},
};

// paramName(i), spelt out: GCC 12 raises a false -Wrestrict on that operator+.
std::string paramName(int i)
{
    std::string name = "x";
    name += std::to_string(i);
    return name;
}

SearchSpace boxSpace(int dim, const double* low, const double* high)
{
    SearchSpace s;
    for (int i = 0; i < dim; ++i)
        s.add({paramName(i), Distribution::makeFloat(low[i], high[i]), std::nullopt});
    s.validate();
    return s;
}

std::function<double(const ParamValues&)> objectiveOf(const TestFunction& fn)
{
    return [&fn](const ParamValues& p) {
        std::vector<double> x(static_cast<size_t>(fn.dim));
        for (int i = 0; i < fn.dim; ++i)
            x[static_cast<size_t>(i)] = p.at(paramName(i));
        return fn.f(x);
    };
}

// numpy.percentile's default (linear interpolation).
double quantile(std::vector<double> v, double q)
{
    std::sort(v.begin(), v.end());
    const double pos = q * static_cast<double>(v.size() - 1);
    const auto lo = static_cast<size_t>(std::floor(pos));
    const auto hi = std::min(lo + 1, v.size() - 1);
    return v[lo] + (pos - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

void applyPreset(const std::string& preset, TPESamplerOptions& o)
{
    if (preset == "ours")
        return;
    o.nEiCandidates = 24;
    o.magicClipExponent = 1.0;
    o.kernelWeighting = preset == "optuna31" ? ParzenKernelWeighting::WidthProportional
                                             : ParzenKernelWeighting::Plain;
}

// "median [q25, q75]" of the values.
std::string summary(const std::vector<double>& r)
{
    char buf[96];
    std::snprintf(buf, sizeof buf, "%.3g [%.3g, %.3g]", quantile(r, 0.5), quantile(r, 0.25),
                  quantile(r, 0.75));
    return buf;
}

int runEfficiency(bool multivariate, int seeds, int seed0, int trials, const std::string& preset)
{
    const int checkpoints[4] = {10, 25, 50, 100};
    std::printf("TPE (%s, preset %s), %d seeds (%d..%d), %d trials: median [q25, q75] simple regret\n\n",
                multivariate ? "multivariate" : "univariate", preset.c_str(), seeds, seed0,
                seed0 + seeds - 1, trials);
    std::printf("| function | sampler | @10 | @25 | @50 | @100 | s/run |\n|---|---|---|---|---|---|---|\n");
    for (const TestFunction& fn : kFunctions) {
        std::vector<std::vector<double>> regrets(4);
        double seconds = 0.0;
        for (int seed = seed0; seed < seed0 + seeds; ++seed) {
            TPESamplerOptions o;
            o.seed = static_cast<std::uint64_t>(seed);
            o.multivariate = multivariate;
            applyPreset(preset, o);
            TPESampler sampler(o);
            test::SnapshotStudyView view(StudyDirection::Minimize, boxSpace(fn.dim, fn.low, fn.high));
            const auto t0 = std::chrono::steady_clock::now();
            const auto best = test::runSamplerLoop(view, sampler, trials, objectiveOf(fn));
            seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            for (int c = 0; c < 4; ++c)
                if (checkpoints[c] <= trials)
                    regrets[static_cast<size_t>(c)].push_back(best[static_cast<size_t>(checkpoints[c] - 1)] - fn.optimum);
        }
        std::string ours = "| ", theirs = "| ";
        ours.append(fn.name).append(multivariate ? " | tunewright tpe_mv" : " | tunewright tpe");
        theirs.append(fn.name).append(multivariate ? " | optuna tpe_mv" : " | optuna tpe");
        for (int c = 0; c < 4; ++c) {
            const auto& r = regrets[static_cast<size_t>(c)];
            ours.append(" | ").append(r.empty() ? std::string("-") : summary(r));
            const double(*peer)[3] = multivariate ? fn.optunaMv : fn.optuna;
            char buf[96];
            std::snprintf(buf, sizeof buf, " | %.3g [%.3g, %.3g]", peer[c][0], peer[c][1], peer[c][2]);
            theirs.append(buf);
        }
        std::printf("%s | %.3f |\n%s | |\n", ours.c_str(), seconds / seeds, theirs.c_str());
        std::fflush(stdout);
    }
    return 0;
}

double sphere5(const ParamValues& p)
{
    double s = 0.0;
    for (const auto& [name, v] : p)
        s += v * v;
    return s;
}

// Optuna's overhead setup: an instant objective with 5 float parameters, in memory,
// sequential; the time of each whole trial (suggest + bookkeeping), around trial n.
int runOverhead(bool multivariate, int trials)
{
    const double low[5] = {-10, -10, -10, -10, -10}, high[5] = {10, 10, 10, 10, 10};
    TPESamplerOptions o;
    o.seed = 1;
    o.multivariate = multivariate;
    TPESampler sampler(o);
    test::SnapshotStudyView view(StudyDirection::Minimize, boxSpace(5, low, high));
    std::vector<double> ms;
    const auto start = std::chrono::steady_clock::now();
    std::vector<double> cumulative;
    for (int i = 0; i < trials; ++i) {
        const auto t0 = std::chrono::steady_clock::now();
        test::runSamplerLoop(view, sampler, 1, sphere5);
        const auto t1 = std::chrono::steady_clock::now();
        ms.push_back(std::chrono::duration<double, std::milli>(t1 - t0).count());
        cumulative.push_back(std::chrono::duration<double>(t1 - start).count());
    }
    std::printf("TPE (%s) overhead per trial, 5 float params, instant objective, in memory\n\n",
                multivariate ? "multivariate" : "univariate");
    std::printf("| trial | ms per trial (median of trials n-10..n) | cumulative s |\n|---|---|---|\n");
    for (int n : {100, 500, 1000}) {
        if (n > trials)
            continue;
        std::vector<double> window(ms.begin() + (n - 11), ms.begin() + n);
        std::printf("| %d | %.3f | %.2f |\n", n, quantile(window, 0.5), cumulative[static_cast<size_t>(n - 1)]);
    }
    return 0;
}

// A study of n complete trials of sphere5 over `dist`^5, at uniform random points (a fixed stream).
test::SnapshotStudyView randomStudy(int n, const Distribution& dist)
{
    SearchSpace space;
    for (int j = 0; j < 5; ++j)
        space.add({paramName(j), dist, std::nullopt});
    space.validate();
    test::SnapshotStudyView view(StudyDirection::Minimize, space);
    Random rng = Random::child(42, 0);
    for (int i = 0; i < n; ++i) {
        FrozenTrial t;
        t.state = TrialState::Complete;
        for (int j = 0; j < 5; ++j) {
            const std::string name = paramName(j);
            t.params[name] = dist.fromUnit(rng.uniform01());
            t.distributions[name] = dist;
        }
        t.value = sphere5(t.params);
        view.add(t);
    }
    return view;
}

// Suggest latency: one whole trial's suggestion (5 float parameters) with `n` completed
// trials in the study.
// (ints: five int parameters in [-1000, 1000] instead, to price the discrete kernels.)
void suggestLatency(benchmark::State& state, bool multivariate, bool ints = false)
{
    const int n = static_cast<int>(state.range(0));
    const Distribution dist = ints ? Distribution::makeInt(-1000, 1000) : Distribution::makeFloat(-10, 10);
    test::SnapshotStudyView view = randomStudy(n, dist);
    TPESamplerOptions o;
    o.multivariate = multivariate;
    TPESampler sampler(o);
    // Each iteration is a fresh ask: nudging one finished value changes the study's
    // fingerprint, so nothing computed for the previous iteration's snapshot is reused
    // (the per-parameter value columns of finished trials are, as in a real study).
    bool flip = false;
    for (auto _ : state) {
        view.mutableTrials()[0].value = sphere5(view.trials()[0].params) + (flip ? 1e-9 : 0.0);
        flip = !flip;
        FrozenTrial& t = test::suggestTrial(view, sampler);
        benchmark::DoNotOptimize(t.params.size());
        view.mutableTrials().pop_back();
    }
    state.SetLabel(std::string(multivariate ? "multivariate" : "univariate") + (ints ? ", int" : ", float"));
}

// #16 item 7: the bytes of one suggestion's tpe_snapshot (the split as trial numbers and
// ranges, the draws) with n complete trials and 5 float parameters, against what storing
// the fitted mixtures themselves (each kernel's weight, centre and width, per draw, for
// l and g) would take, written with the same JSON number form.
int runSnapshotSize(bool multivariate)
{
    std::printf("| trials | %s snapshot bytes | mixtures bytes |\n|---|---|---|\n",
                multivariate ? "multivariate" : "univariate");
    for (int n : {100, 1000, 10000}) {
        test::SnapshotStudyView view = randomStudy(n, Distribution::makeFloat(-10, 10));
        TPESamplerOptions o;
        o.multivariate = multivariate;
        TPESampler sampler(o);
        const FrozenTrial& t = test::suggestTrial(view, sampler);
        const std::string& json = t.systemAttrs.at(TPESnapshot::kAttr);
        QString error;
        const auto snap = TPESnapshotJson::parse(json, &error);
        if (!snap) {
            std::fprintf(stderr, "bench_tpe_sampler: %s\n", qPrintable(error));
            return 2;
        }
        const ParzenRebuild rebuilt(*snap, t, view.trials());
        std::size_t mixtures = 0;
        for (int g = 0; g < rebuilt.groupCount(); ++g)
            for (const ParzenEstimator* e : {&rebuilt.below(g), &rebuilt.above(g)}) {
                std::string out;
                for (int k = 0; k < e->componentCount(); ++k) {
                    JsonText::number(out, e->componentWeight(k));
                    for (int d = 0; d < e->dimensionCount(); ++d) {
                        JsonText::number(out, e->kernelCenter(d, k));
                        JsonText::number(out, e->kernelWidth(d, k));
                    }
                }
                mixtures += out.size() + 3 * static_cast<std::size_t>(e->componentCount()) * (1 + 2 * e->dimensionCount());
            }
        std::printf("| %d | %zu | %zu |\n", n, json.size(), mixtures);
    }
    return 0;
}

void BM_TpeSuggest(benchmark::State& state) { suggestLatency(state, false); }
void BM_TpeSuggestMultivariate(benchmark::State& state) { suggestLatency(state, true); }
BENCHMARK(BM_TpeSuggest)->Arg(100)->Arg(500)->Arg(1000)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_TpeSuggestMultivariate)->Arg(100)->Arg(500)->Arg(1000)->Unit(benchmark::kMicrosecond);
void BM_TpeSuggestInt(benchmark::State& state) { suggestLatency(state, false, true); }
BENCHMARK(BM_TpeSuggestInt)->Arg(1000)->Unit(benchmark::kMicrosecond);

} // namespace

int main(int argc, char** argv)
{
    bool efficiency = false, overhead = false, multivariate = false, snapshotSize = false;
    int seeds = 10, seed0 = 1, trials = 100;
    std::string preset = "ours";
    std::vector<char*> rest{argv[0]};
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--efficiency"))
            efficiency = true;
        else if (!std::strcmp(argv[i], "--overhead"))
            overhead = true;
        else if (!std::strcmp(argv[i], "--snapshot-size"))
            snapshotSize = true;
        else if (!std::strcmp(argv[i], "--multivariate"))
            multivariate = true;
        else if (!std::strcmp(argv[i], "--seeds") && i + 1 < argc)
            seeds = std::max(1, std::atoi(argv[++i]));
        else if (!std::strcmp(argv[i], "--seed0") && i + 1 < argc)
            seed0 = std::atoi(argv[++i]);
        else if (!std::strcmp(argv[i], "--preset") && i + 1 < argc)
            preset = argv[++i];
        else if (!std::strcmp(argv[i], "--trials") && i + 1 < argc)
            trials = std::max(1, std::atoi(argv[++i]));
        else
            rest.push_back(argv[i]);
    }
    if (preset != "ours" && preset != "optuna31" && preset != "textbook") {
        std::fprintf(stderr, "bench_tpe_sampler: --preset expects ours, optuna31 or textbook, got %s\n",
                     preset.c_str());
        return 2;
    }
    if (snapshotSize)
        return runSnapshotSize(multivariate);
    if (efficiency)
        return runEfficiency(multivariate, seeds, seed0, trials, preset);
    if (overhead)
        return runOverhead(multivariate, std::max(trials, 1000));
    int n = static_cast<int>(rest.size());
    benchmark::Initialize(&n, rest.data());
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
