#include "train/TrainerConfig.h"

#include <cmath>
#include <sstream>

namespace tw {

std::string TrainerConfig::validationError() const
{
    std::ostringstream err;
    if (epochs < 0)
        err << "epochs: must be >= 0, got " << epochs;
    else if (batchSize < 1)
        err << "batchSize: must be >= 1, got " << batchSize;
    else if (threads < 1 || threads > 256)
        err << "threads: must be in 1..256, got " << threads;
    else if (!(optimizer.learningRate >= 0.0f) || !std::isfinite(optimizer.learningRate))
        err << "optimizer.learningRate: must be finite and >= 0, got " << optimizer.learningRate;
    else if (!(l2 >= 0.0f) || !std::isfinite(l2))
        err << "l2: must be finite and >= 0, got " << l2;
    else if (!(gradientClipNorm >= 0.0f))
        err << "gradientClipNorm: must be >= 0, got " << gradientClipNorm;
    else if (!(batchNormMomentum >= 0.0f && batchNormMomentum <= 1.0f))
        err << "batchNormMomentum: must be in [0, 1], got " << batchNormMomentum;
    else if (earlyStopping.patience < 0)
        err << "earlyStopping.patience: must be >= 0, got " << earlyStopping.patience;
    else if (!(earlyStopping.minDelta >= 0.0))
        err << "earlyStopping.minDelta: must be >= 0, got " << earlyStopping.minDelta;
    else if (const std::string e = loss.validationError(); !e.empty())
        err << "loss." << e;
    return err.str();
}

} // namespace tw
