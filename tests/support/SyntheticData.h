#pragma once
// Small synthetic datasets for training tests, built from a seed.
#include "data/Dataset.h"
#include "core/Random.h"

#include <cmath>
#include <string>

namespace tw::test {

inline void nameColumns(Dataset& d, int classes)
{
    d.featureNames.clear();
    for (Eigen::Index f = 0; f < d.x.cols(); ++f)
        d.featureNames.push_back(std::string("x").append(std::to_string(f)));
    d.classLabels.clear();
    for (int c = 0; c < classes; ++c)
        d.classLabels.push_back(std::string("c").append(std::to_string(c)));
}

// Concentric rings in 2-D, class c at radius c + 1 plus Gaussian noise: no line separates
// them, a small MLP does.
inline Dataset rings(int rows, int classes, std::uint64_t seed, double noise = 0.12)
{
    Random rng(seed);
    Dataset d;
    d.task = Task::Classification;
    d.x.resize(rows, 2);
    d.y.resize(rows);
    for (int i = 0; i < rows; ++i) {
        const int c = i % classes;
        const double angle = 6.283185307179586 * rng.uniform01();
        const double r = 1.0 + c + noise * rng.normal();
        d.x(i, 0) = static_cast<float>(r * std::cos(angle));
        d.x(i, 1) = static_cast<float>(r * std::sin(angle));
        d.y(i) = static_cast<float>(c);
    }
    nameColumns(d, classes);
    return d;
}

// Gaussian blobs around well separated centres: linearly separable.
inline Dataset blobs(int rows, int features, int classes, std::uint64_t seed, double spread = 0.5)
{
    Random rng(seed);
    Eigen::MatrixXf centres(classes, features);
    for (Eigen::Index i = 0; i < centres.size(); ++i)
        centres.data()[i] = static_cast<float>(4.0 * rng.normal());
    Dataset d;
    d.task = Task::Classification;
    d.x.resize(rows, features);
    d.y.resize(rows);
    for (int i = 0; i < rows; ++i) {
        const int c = i % classes;
        for (int f = 0; f < features; ++f)
            d.x(i, f) = centres(c, f) + static_cast<float>(spread * rng.normal());
        d.y(i) = static_cast<float>(c);
    }
    nameColumns(d, classes);
    return d;
}

// y = x . w + b + noise with standard normal features.
inline Dataset linearRegression(int rows, int features, std::uint64_t seed, double noise = 0.5)
{
    Random rng(seed);
    Eigen::VectorXf w(features);
    for (int f = 0; f < features; ++f)
        w(f) = static_cast<float>(2.0 * rng.normal());
    const float b = 3.0f;
    Dataset d;
    d.task = Task::Regression;
    d.x.resize(rows, features);
    d.y.resize(rows);
    for (int i = 0; i < rows; ++i) {
        for (int f = 0; f < features; ++f)
            d.x(i, f) = static_cast<float>(rng.normal());
        d.y(i) = d.x.row(i).dot(w) + b + static_cast<float>(noise * rng.normal());
    }
    nameColumns(d, 0);
    d.targetName = "y";
    return d;
}

} // namespace tw::test
