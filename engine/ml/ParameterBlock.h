#pragma once
#include <Eigen/Core>

#include <string>

namespace tw {

// A named slice of a model's flat parameter (or buffer) vector: a rows x cols matrix
// stored column-major from `offset`. Model files and L2 regularisation read these.
struct ParameterBlock {
    std::string name;     // "layers.0.weight", "layers.1.running_mean", ... (PyTorch-like)
    Eigen::Index offset = 0;
    Eigen::Index rows = 0;
    Eigen::Index cols = 1;
    bool isWeight = false;  // a weight matrix: L2 applies (biases and norm parameters are exempt)

    Eigen::Index size() const { return rows * cols; }
    bool operator==(const ParameterBlock&) const = default;
};

} // namespace tw
