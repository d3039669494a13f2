#pragma once
#include <QString>

namespace tw {

// `objective.training.early_stopping`. Absent (or null): no early stopping.
struct EarlyStoppingSpec {
    bool enabled = false;
    int patience = 10;       // epochs without improvement, >= 1
    double minDelta = 0.0;   // "min_delta": the smallest change that counts, >= 0
    bool restoreBest = true; // "restore_best": end with the best epoch's weights
    // The monitored metric, one of {train,val}_{loss,accuracy,f1_macro,rmse,mae,r2}.
    // Default: the study's metric when it is a val_ metric, else val_loss.
    QString metric;
};

} // namespace tw
