#pragma once
#include "data/Dataset.h"
#include "ml/Model.h"
#include "train/EpochMetrics.h"
#include "train/TrainResult.h"
#include "train/TrainingCallback.h"
#include "train/TrainerConfig.h"

#include <Eigen/Core>

#include <cstdint>
#include <functional>
#include <memory>
#include <stop_token>
#include <utility>
#include <vector>

namespace tw {

// Mini-batch training of a Model on preprocessed data: seeded shuffling, a schedule,
// clipping, L2, per-epoch metrics, callbacks on the one training loop (early stopping and
// best-weight restore from the config; pruning checks, curve recording, an epoch function
// that may stop the run, added by the caller: train/TrainingCallback.h), a stop token checked before every batch, and data-parallel
// gradients over threads. Never throws from train(): divergence and bad input come back as
// a Failed result with the reason.
class Trainer {
public:
    // Called on train()'s thread after each epoch. Answer Stop to end the run (pruning,
    // a live plot's stop button).
    using EpochCallback = std::function<EpochAction(const EpochMetrics&)>;
    // Called at the start of every epoch with the original training set and a seed derived
    // from the run's seed and the epoch; returns the epoch's training set and, optionally,
    // soft targets (rows x classes, empty for none) that replace its class labels in the
    // loss (mixup). The returned set may have a different number of rows.
    using Augmentation =
        std::function<std::pair<Dataset, Eigen::MatrixXf>(const Dataset& train, std::uint64_t epochSeed)>;

    // Throws std::invalid_argument for an invalid config (API misuse).
    explicit Trainer(TrainerConfig config);

    const TrainerConfig& config() const { return m_config; }
    void setEpochCallback(EpochCallback callback) { m_callback = std::move(callback); }
    void setAugmentation(Augmentation augmentation) { m_augmentation = std::move(augmentation); }
    // Runs after the config's callbacks (EarlyStopping, BestWeightRestore) and the epoch
    // callback, in the order added; it sees every train() call of this Trainer.
    void addCallback(std::shared_ptr<TrainingCallback> callback) { m_callbacks.push_back(std::move(callback)); }

    // Trains `model` in place on `train`, scoring `validation` (may be empty) after every
    // epoch. The model keeps the final (or restored best) weights, also when the run is
    // stopped or cancelled; after a failure its weights are unspecified.
    TrainResult train(Model& model, const Dataset& train, const Dataset& validation = {},
                      std::stop_token stop = {}) const;

private:
    TrainerConfig m_config;
    EpochCallback m_callback;
    Augmentation m_augmentation;
    std::vector<std::shared_ptr<TrainingCallback>> m_callbacks;
};

} // namespace tw
