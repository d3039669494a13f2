#pragma once
#include "train/TrainingCallback.h"

#include <functional>

namespace tw {

// A plain function as a callback: Trainer::setEpochCallback's (a live plot's stop button).
class EpochFunction final : public TrainingCallback {
public:
    using Function = std::function<EpochAction(const EpochMetrics&)>;
    explicit EpochFunction(Function f) : m_function(std::move(f)) {}

    EpochAction onEpochEnd(TrainingState& state, const EpochMetrics& epoch) override
    {
        (void)state;
        return m_function ? m_function(epoch) : EpochAction::Continue;
    }

private:
    Function m_function;
};

} // namespace tw
