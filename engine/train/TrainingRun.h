#pragma once
#include "ml/Loss.h"
#include "ml/Network.h"
#include "optim/LearningRateSchedule.h"
#include "optim/Optimizer.h"
#include "train/Evaluator.h"
#include "train/ThreadTeam.h"
#include "train/TrainingCallback.h"
#include "train/Trainer.h"

#include <exception>
#include <memory>
#include <optional>
#include <vector>

namespace tw {

// One call of Trainer::train(): every buffer the run needs, sized once, and the epoch and
// batch loops. Internal to Trainer (it may throw; Trainer turns exceptions into Failed).
//
// A batch is split into one contiguous shard per thread. Phase 1: each thread gathers its
// rows, runs forward, loss and backward into its own gradient vector. Phase 2: each
// thread owns a slice of the parameter vector: it sums that slice of every thread's
// gradient in thread order (a fixed order, so results are deterministic), adds L2, takes
// the slice's squared norm and updates the slice with the run's one optimizer (its update
// loop runs on disjoint ranges; the step's constants are set once, before the threads
// start). Clipping adds one barrier to combine the norms first.
class TrainingRun {
public:
    TrainingRun(const TrainerConfig& config, const Trainer::EpochCallback& callback,
                const Trainer::Augmentation& augmentation, Model& model, const Dataset& train,
                const Dataset& validation, std::stop_token stop,
                std::vector<std::shared_ptr<TrainingCallback>> callbacks = {});
    ~TrainingRun();

    TrainResult execute();

private:
    // One cache line apart, so per-thread fields written in the same phase never share one.
    struct alignas(64) Worker {
        std::unique_ptr<Network> network;
        Eigen::VectorXf gradient;
        Eigen::VectorXf batchStatistics;
        Eigen::VectorXf targets;
        Eigen::MatrixXf softTargets;
        Eigen::Index sliceBegin = 0;
        Eigen::Index sliceEnd = 0;
        std::vector<std::pair<Eigen::Index, Eigen::Index>> weightRanges;  // [begin, end) in the slice
        double lossSum = 0.0;
        Eigen::Index samples = 0;
        double squaredNorm = 0.0;
        std::exception_ptr error;
    };

    void stepTask(int t);
    void computeShard(int t);
    void reduceSlice(int t);
    void updateSlice(int t);
    bool runBatch(Eigen::Index start, Eigen::Index n, int epoch, std::int64_t globalStep, double rate);
    std::map<std::string, double> epochMetrics(const Dataset& data);
    std::string failure(const char* what, double value, int epoch) const;
    // Runs the callbacks' onTrainEnd (restoring the best weights) and sets finalMetrics.
    void finish(TrainingState& state);

    const TrainerConfig& m_config;
    const Trainer::EpochCallback& m_callback;
    const Trainer::Augmentation& m_augmentation;
    Model& m_model;
    const Dataset& m_train;
    const Dataset& m_validation;
    std::stop_token m_stop;

    const ModelArchitecture m_architecture;
    const bool m_classifier;
    const int m_classes;
    int m_threads;
    std::unique_ptr<Loss> m_loss;
    std::unique_ptr<LearningRateSchedule> m_schedule;
    std::unique_ptr<Optimizer> m_optimizer;
    std::unique_ptr<ThreadTeam> m_team;
    std::unique_ptr<Evaluator> m_validationEvaluator;
    // The config's (EarlyStopping, BestWeightRestore), the epoch callback, the caller's.
    std::vector<std::shared_ptr<TrainingCallback>> m_callbacks;
    std::vector<Worker> m_workers;

    // The current batch, set before each step.
    const Dataset* m_data = nullptr;
    const Eigen::MatrixXf* m_soft = nullptr;
    std::vector<Eigen::Index> m_order;
    Eigen::Index m_batchStart = 0;
    Eigen::Index m_batchRows = 0;
    std::uint64_t m_stepSeed = 0;
    float m_rate = 0.0f;
    bool m_skipStep = false;
    // Per position of the epoch's order: what the model predicted during training.
    std::vector<int> m_predictedClass;
    std::vector<int> m_trueClass;
    std::vector<float> m_predictedValue;
    std::vector<float> m_trueValue;
};

} // namespace tw
