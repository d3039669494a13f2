// MLP training throughput, the task of issue 3 and ../shared/peers/README.md: an MLP
// 64-256-256-10 (ReLU) on a synthetic 60,000 x 64 float32 set with 10 classes, Adam at
// lr 1e-3, 5 epochs, batch 32 / 128 / 512, one and two threads. GFLOP/s counts
// 6 x weights x samples (forward 2, backward 4 flops per weight and sample), as the peers.
//
//   bench_mlp_training --benchmark_repetitions=3
//   TW_BENCH_EPOCHS=1 bench_mlp_training      (a quicker look)
// GCC 12 warns inside its AVX-512 intrinsics when Eigen GEMM is inlined (-march=native).
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

#include "ml/Model.h"
#include "core/Random.h"
#include "train/Trainer.h"

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <stdexcept>

namespace {

// Gaussian features; the label is the argmax of a random linear teacher, so the task is
// learnable and the classes are roughly balanced.
const tw::Dataset& syntheticSet()
{
    static const tw::Dataset data = [] {
        constexpr int rows = 60000, features = 64, classes = 10;
        tw::Random rng(20240601);
        tw::Dataset d;
        d.task = tw::Task::Classification;
        d.x.resize(rows, features);
        for (Eigen::Index i = 0; i < d.x.size(); ++i)
            d.x.data()[i] = static_cast<float>(rng.normal());
        Eigen::MatrixXf teacher(features, classes);
        for (Eigen::Index i = 0; i < teacher.size(); ++i)
            teacher.data()[i] = static_cast<float>(rng.normal());
        const Eigen::MatrixXf scores = d.x * teacher;
        d.y.resize(rows);
        for (int r = 0; r < rows; ++r) {
            Eigen::Index c = 0;
            scores.row(r).maxCoeff(&c);
            d.y(r) = static_cast<float>(c);
        }
        // append(), not "c" + to_string(): GCC 12 gives a false -Wrestrict on the latter.
        for (int c = 0; c < classes; ++c)
            d.classLabels.push_back(std::string("c").append(std::to_string(c)));
        for (int f = 0; f < features; ++f)
            d.featureNames.push_back(std::string("x").append(std::to_string(f)));
        return d;
    }();
    return data;
}

int epochsFromEnvironment()
{
    const char* text = std::getenv("TW_BENCH_EPOCHS");
    return text ? std::max(1, std::atoi(text)) : 5;
}

void BM_MlpTraining(benchmark::State& state)
{
    const tw::Dataset& data = syntheticSet();
    const auto arch = tw::ModelArchitecture::mlp(64, {256, 256}, 10, tw::OutputKind::Softmax, tw::Activation::ReLU);
    tw::TrainerConfig config;
    config.epochs = epochsFromEnvironment();
    config.batchSize = static_cast<int>(state.range(0));
    config.threads = static_cast<int>(state.range(1));
    config.optimizer.kind = tw::OptimizerKind::Adam;
    config.optimizer.learningRate = 1e-3f;
    const tw::Trainer trainer(config);

    double samples = 0.0;
    double weights = 0.0;
    double finalLoss = 0.0;
    double finalAccuracy = 0.0;
    for (auto _ : state) {
        state.PauseTiming();
        tw::Model model(arch, 0);
        weights = static_cast<double>(model.parameterCount());
        state.ResumeTiming();
        const tw::TrainResult result = trainer.train(model, data);
        if (!result.ok()) {
            state.SkipWithError(result.reason.c_str());
            return;
        }
        samples += static_cast<double>(result.samplesTrained);
        finalLoss = result.finalMetrics.at("train_loss");
        finalAccuracy = result.finalMetrics.at("train_accuracy");
    }
    state.counters["samples/s"] = benchmark::Counter(samples, benchmark::Counter::kIsRate);
    state.counters["GFLOP/s"] = benchmark::Counter(6.0 * weights * samples * 1e-9, benchmark::Counter::kIsRate);
    state.counters["train_loss"] = finalLoss;
    state.counters["train_acc"] = finalAccuracy;
}

} // namespace

BENCHMARK(BM_MlpTraining)
    ->ArgNames({"batch", "threads"})
    ->ArgsProduct({{32, 128, 512}, {1, 2}})
    ->Iterations(1)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
