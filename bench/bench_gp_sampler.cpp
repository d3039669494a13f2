// GPSampler: suggest latency around trial 50 / 100 / 200 (5 float parameters, instant
// objective, in memory), and sample efficiency on the standard test functions (median
// simple regret over 10 seeds after 25 / 50 trials, reported as counters).
//   build/dev/bin/bench_gp_sampler --benchmark_filter=Suggest
//   build/dev/bin/bench_gp_sampler --benchmark_filter=Regret
#include "../tests/support/TrialSnapshotView.h"
#include "samplers/GPSampler.h"

#include <benchmark/benchmark.h>

#include <algorithm>
#include <ctime>
#include <cmath>
#include <functional>
#include <numbers>
#include <string>
#include <vector>

using namespace tw;

namespace {

struct TestFunction {
    std::string name;
    std::vector<std::pair<double, double>> bounds;
    double optimum;
    std::function<double(const std::vector<double>&)> f;
};

double branin(const std::vector<double>& x)
{
    const double pi = std::numbers::pi;
    const double b = 5.1 / (4 * pi * pi), c = 5 / pi, t = 1 / (8 * pi);
    const double u = x[1] - b * x[0] * x[0] + c * x[0] - 6;
    return u * u + 10 * (1 - t) * std::cos(x[0]) + 10;
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
    double sum = 0;
    for (int i = 0; i < 4; ++i) {
        double inner = 0;
        for (int j = 0; j < 6; ++j)
            inner += A[i][j] * std::pow(x[j] - 1e-4 * P[i][j], 2);
        sum += alpha[i] * std::exp(-inner);
    }
    return -sum;
}

double rosenbrock(const std::vector<double>& x)
{
    double s = 0;
    for (std::size_t i = 0; i + 1 < x.size(); ++i)
        s += 100 * std::pow(x[i + 1] - x[i] * x[i], 2) + std::pow(x[i] - 1, 2);
    return s;
}

double ackley(const std::vector<double>& x)
{
    const double n = static_cast<double>(x.size());
    double sq = 0, cs = 0;
    for (double v : x) {
        sq += v * v;
        cs += std::cos(2 * std::numbers::pi * v);
    }
    return -20 * std::exp(-0.2 * std::sqrt(sq / n)) - std::exp(cs / n) + 20 + std::numbers::e;
}

const std::vector<TestFunction>& functions()
{
    static const std::vector<TestFunction> all = {
        {"branin", {{-5, 10}, {0, 15}}, 0.397887, branin},
        {"hartmann6", std::vector<std::pair<double, double>>(6, {0, 1}), -3.32237, hartmann6},
        {"rosenbrock4", std::vector<std::pair<double, double>>(4, {-5, 10}), 0.0, rosenbrock},
        {"ackley5", std::vector<std::pair<double, double>>(5, {-32.768, 32.768}), 0.0, ackley},
    };
    return all;
}

SearchSpace spaceFor(const TestFunction& fn)
{
    SearchSpace s;
    for (std::size_t i = 0; i < fn.bounds.size(); ++i)
        s.add({"x" + std::to_string(i), Distribution::makeFloat(fn.bounds[i].first, fn.bounds[i].second),
               std::nullopt});
    return s;
}

std::function<double(const ParamValues&)> objectiveFor(const TestFunction& fn)
{
    return [&fn](const ParamValues& p) {
        std::vector<double> x(fn.bounds.size());
        for (std::size_t i = 0; i < x.size(); ++i)
            x[i] = p.at("x" + std::to_string(i));
        return fn.f(x);
    };
}

double quantile(std::vector<double> v, double q)
{
    std::sort(v.begin(), v.end());
    const double pos = q * static_cast<double>(v.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(pos));
    const auto hi = std::min(lo + 1, v.size() - 1);
    return v[lo] + (pos - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

// Per-trial cost of a GP study with 5 float parameters around trial `n`: the first n
// trials run untimed (the GP's own study: Sobol start, then GP suggestions), then each
// iteration is one timed ask + instant evaluation + tell, refits included.
void BM_GPSuggest(benchmark::State& state)
{
    const int n = static_cast<int>(state.range(0));
    SearchSpace space;
    for (int i = 0; i < 5; ++i)
        space.add({"x" + std::to_string(i), Distribution::makeFloat(-5, 5), std::nullopt});
    auto objective = [](const ParamValues& p) {
        double s = 0;
        for (const auto& [name, v] : p)
            s += v * v + std::sin(3 * v);
        return s;
    };
    GPSampler::Options options;
    options.seed = 1;
    GPSampler sampler(options);
    test::TrialSnapshotView view(space);
    view.run(sampler, n, objective);
    for (auto _ : state) {
        const std::size_t index = view.addRunning();
        view.sample(sampler, index);
        view.complete(index, objective(view.trials()[index].params));
    }
    const auto stats = sampler.stats();
    state.counters["fits"] = stats.fits;
    state.counters["rank1"] = stats.rankOneUpdates;
}
BENCHMARK(BM_GPSuggest)->Arg(50)->Arg(100)->Arg(200)->Iterations(20)->Unit(benchmark::kMillisecond);

// Median and interquartile range of the simple regret over seeds 1..10.
void BM_GPRegret(benchmark::State& state)
{
    const TestFunction& fn = functions()[static_cast<std::size_t>(state.range(0))];
    const int trials = static_cast<int>(state.range(1));
    state.SetLabel(fn.name);
    std::vector<double> at25, atEnd;
    double seconds = 0;
    for (auto _ : state) {
        at25.clear();
        atEnd.clear();
        const std::clock_t start = std::clock();
        for (int seed = 1; seed <= 10; ++seed) {
            GPSampler::Options options;
            options.seed = static_cast<std::uint64_t>(seed);
            GPSampler sampler(options);
            test::TrialSnapshotView view(spaceFor(fn));
            const auto best = view.run(sampler, trials, objectiveFor(fn));
            at25.push_back(best[std::min<std::size_t>(24, best.size() - 1)] - fn.optimum);
            atEnd.push_back(best.back() - fn.optimum);
        }
        seconds = static_cast<double>(std::clock() - start) / CLOCKS_PER_SEC;
    }
    state.counters["median@25"] = quantile(at25, 0.5);
    state.counters["median@end"] = quantile(atEnd, 0.5);
    state.counters["q25@end"] = quantile(atEnd, 0.25);
    state.counters["q75@end"] = quantile(atEnd, 0.75);
    state.counters["cpu_s/run"] = seconds / 10;
}
BENCHMARK(BM_GPRegret)
    ->ArgsProduct({{0, 1, 2, 3}, {50}})
    ->Iterations(1)
    ->Unit(benchmark::kSecond);

} // namespace

BENCHMARK_MAIN();
