#include "train/Trainer.h"

#include "train/TrainingRun.h"

#include <stdexcept>

namespace tw {

Trainer::Trainer(TrainerConfig config) : m_config(std::move(config))
{
    if (const std::string err = m_config.validationError(); !err.empty())
        throw std::invalid_argument("Trainer::Trainer(): " + err);
    // Building them once checks their parameters now, while it is still API misuse,
    // rather than as a Failed run later.
    m_config.optimizer.create();
    m_config.schedule.create(m_config.optimizer.learningRate, m_config.epochs);
}

TrainResult Trainer::train(Model& model, const Dataset& train, const Dataset& validation, std::stop_token stop) const
{
    // Nothing may escape: a trial that throws would take the study runner down with it.
    try {
        TrainingRun run(m_config, m_callback, m_augmentation, model, train, validation, std::move(stop), m_callbacks);
        return run.execute();
    } catch (const std::exception& e) {
        TrainResult failed;
        failed.status = TrainStatus::Failed;
        failed.reason = e.what();
        return failed;
    } catch (...) {
        TrainResult failed;
        failed.status = TrainStatus::Failed;
        failed.reason = "unknown error";
        return failed;
    }
}

} // namespace tw
