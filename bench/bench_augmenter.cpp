// Per-epoch cost of the augmentation steps on Fashion-MNIST-shaped data (1 x 28 x 28),
// reported as images per second: the trainer calls Augmenter::apply() once per epoch.
#include "data/Augmenter.h"
#include "core/Random.h"

#include <benchmark/benchmark.h>

namespace {

tw::Dataset fashionShaped(int n)
{
    tw::Dataset d;
    d.task = tw::Task::Classification;
    for (int k = 0; k < 10; ++k)
        d.classLabels.push_back(std::to_string(k));
    d.imageShape = tw::ImageShape{1, 28, 28};
    d.allowHorizontalFlip = true;
    d.x.resize(n, 784);
    d.y.resize(n);
    tw::Random rng(1);
    for (Eigen::Index i = 0; i < d.x.size(); ++i)
        d.x.data()[i] = static_cast<float>(rng.uniform01());
    for (int r = 0; r < n; ++r)
        d.y(r) = static_cast<float>(r % 10);
    return d;
}

void runStep(benchmark::State& state, tw::AugmentSpec::Type type)
{
    static const tw::Dataset data = fashionShaped(10000);
    tw::AugmentSpec spec;
    spec.type = type;
    // The sizes measured before #18 (shift by up to 4 pixels, erasing up to a third).
    spec.maxShift = 4;
    spec.maxArea = 0.33;
    const tw::Augmenter augmenter({spec});
    std::uint64_t epoch = 0;
    for (auto _ : state) {
        auto out = augmenter.apply(data, epoch++);
        benchmark::DoNotOptimize(out.data.x.data());
    }
    state.SetItemsProcessed(state.iterations() * data.rows());
}


} // namespace

static void BM_GaussianNoise(benchmark::State& s) { runStep(s, tw::AugmentSpec::Type::GaussianNoise); }
static void BM_Mixup(benchmark::State& s) { runStep(s, tw::AugmentSpec::Type::Mixup); }
static void BM_Shift(benchmark::State& s) { runStep(s, tw::AugmentSpec::Type::Shift); }
static void BM_HorizontalFlip(benchmark::State& s) { runStep(s, tw::AugmentSpec::Type::HorizontalFlip); }
static void BM_RandomErasing(benchmark::State& s) { runStep(s, tw::AugmentSpec::Type::RandomErasing); }

BENCHMARK(BM_GaussianNoise)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Mixup)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Shift)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_HorizontalFlip)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_RandomErasing)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
