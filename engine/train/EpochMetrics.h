#pragma once
#include <cmath>
#include <map>
#include <string>

namespace tw {

// What one epoch measured. Metric names: train_loss, train_accuracy, train_f1_macro (or
// train_rmse, train_mae, train_r2), and the same with val_ when there is a validation set.
// train_ metrics accumulate over the epoch's mini-batches as they were trained (with
// dropout active, before each step), as Keras reports them; val_ ones score the weights
// at the end of the epoch. Losses exclude the L2 penalty.
struct EpochMetrics {
    int epoch = 0;                     // 1-based
    std::map<std::string, double> values;
    double learningRate = 0.0;         // of the epoch's last step
    double seconds = 0.0;              // wall time of the epoch, evaluation included

    double value(const std::string& name) const
    {
        const auto it = values.find(name);
        return it == values.end() ? std::nan("") : it->second;
    }
};

} // namespace tw
