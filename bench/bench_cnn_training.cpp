// CNN training throughput on Fashion-MNIST, the task of ../shared/peers/cnn_fashion.py
// (issue 15): conv 3x3 32 same + ReLU + max pool 2, conv 3x3 64 same + ReLU + max pool 2,
// flatten, dense 128 ReLU, dense 10; Adam lr 1e-3, batch 128; pixels scaled to [0, 1]
// then standardised with the training set's one mean and standard deviation, as the peer.
// Prints train samples/s and CPU seconds per epoch and the test accuracy at the end.
// Run it back to back with bench/torch_cnn_training.py:
//
//   bench_cnn_training --threads 2 --epochs 2
//   python3 bench/torch_cnn_training.py --threads 2 --epochs 2
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

#include "io/BuiltinDatasets.h"
#include "ml/Model.h"
#include "train/Evaluator.h"
#include "train/Trainer.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>

namespace {

double cpuSeconds()
{
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

void standardize(tw::Dataset& d, double mean, double stddev)
{
    d.x = ((d.x.array() / 255.0f - static_cast<float>(mean)) / static_cast<float>(stddev)).matrix();
}

} // namespace

int main(int argc, char** argv)
{
    int epochs = 2, threads = 2, batch = 128;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--epochs"))
            epochs = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--threads"))
            threads = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--batch"))
            batch = std::atoi(argv[i + 1]);
    }
    if (!tw::BuiltinDatasets::isAvailable("fashion_mnist")) {
        std::fprintf(stderr, "bench_cnn_training: Fashion-MNIST is missing (apt-get install dataset-fashion-mnist)\n");
        return 1;
    }
    tw::LoadedDataset loaded = tw::BuiltinDatasets::load("fashion_mnist");
    tw::Dataset train = std::move(loaded.data);
    tw::Dataset test = std::move(*loaded.officialTest);
    const double mean = (train.x.array() / 255.0f).cast<double>().mean();
    const double stddev = std::sqrt(((train.x.array() / 255.0f).cast<double>() - mean).square().mean());
    standardize(train, mean, stddev);
    standardize(test, mean, stddev);

    const tw::ImageShape shape = *train.imageShape;
    auto arch = tw::ModelArchitecture::cnn(shape,
                                           {{32, 3, 1, tw::Padding::Same, 2}, {64, 3, 1, tw::Padding::Same, 2}},
                                           {128}, 10, tw::OutputKind::Softmax, tw::Activation::ReLU);
    tw::Model model(arch, 0);
    tw::TrainerConfig config;
    config.epochs = epochs;
    config.batchSize = batch;
    config.threads = threads;
    config.optimizer.kind = tw::OptimizerKind::Adam;
    config.optimizer.learningRate = 1e-3f;
    tw::Trainer trainer(config);
    double lastCpu = cpuSeconds();
    trainer.setEpochCallback([&](const tw::EpochMetrics& em) {
        const double cpu = cpuSeconds();
        std::printf("epoch %d train_samples_per_s %.0f seconds %.1f cpu_seconds %.1f cpu_samples_per_s %.0f "
                    "train_loss %.4f train_accuracy %.4f\n",
                    em.epoch, static_cast<double>(train.rows()) / em.seconds, em.seconds, cpu - lastCpu,
                    static_cast<double>(train.rows()) / (cpu - lastCpu), em.value("train_loss"),
                    em.value("train_accuracy"));
        std::fflush(stdout);
        lastCpu = cpuSeconds();
        return tw::EpochAction::Continue;
    });
    std::printf("tunewright cnn threads %d batch %d parameters %lld\n", threads, batch,
                static_cast<long long>(model.parameterCount()));
    const tw::TrainResult result = trainer.train(model, train);
    if (!result.ok()) {
        std::fprintf(stderr, "bench_cnn_training: %s\n", result.reason.c_str());
        return 1;
    }
    const tw::Evaluation ev = tw::evaluate(model, test);
    std::printf("test_accuracy %.4f\n", ev.metrics.at("accuracy"));
    return 0;
}
