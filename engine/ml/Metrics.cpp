#include "ml/Metrics.h"

#include <cmath>
#include <stdexcept>

namespace tw {

Eigen::MatrixXi Metrics::confusionMatrix(std::span<const int> predicted, std::span<const int> truth,
                                         int classes)
{
    if (predicted.size() != truth.size())
        throw std::invalid_argument("Metrics::confusionMatrix(): sizes differ");
    Eigen::MatrixXi counts = Eigen::MatrixXi::Zero(classes, classes);
    for (size_t i = 0; i < truth.size(); ++i) {
        const int t = truth[i];
        const int p = predicted[i];
        if (t >= 0 && t < classes && p >= 0 && p < classes)
            ++counts(t, p);
    }
    return counts;
}

double Metrics::accuracy(const Eigen::MatrixXi& confusion)
{
    const long long total = confusion.cast<long long>().sum();
    return total > 0 ? static_cast<double>(confusion.diagonal().cast<long long>().sum()) / static_cast<double>(total)
                     : 0.0;
}

double Metrics::f1Macro(const Eigen::MatrixXi& confusion)
{
    double sum = 0.0;
    int present = 0;
    for (Eigen::Index c = 0; c < confusion.rows(); ++c) {
        const double tp = confusion(c, c);
        const double actual = confusion.row(c).sum();
        const double predicted = confusion.col(c).sum();
        if (actual == 0.0 && predicted == 0.0)
            continue;
        ++present;
        sum += 2.0 * tp / (actual + predicted);
    }
    return present > 0 ? sum / present : 0.0;
}

Metrics::Regression Metrics::regression(std::span<const float> predicted, std::span<const float> truth)
{
    if (predicted.size() != truth.size())
        throw std::invalid_argument("Metrics::regression(): sizes differ");
    Regression r;
    const size_t n = truth.size();
    if (n == 0)
        return r;
    double mean = 0.0;
    for (float t : truth)
        mean += t;
    mean /= static_cast<double>(n);
    double ssRes = 0.0;
    double ssTot = 0.0;
    double absSum = 0.0;
    for (size_t i = 0; i < n; ++i) {
        const double e = static_cast<double>(predicted[i]) - truth[i];
        ssRes += e * e;
        absSum += std::abs(e);
        const double d = truth[i] - mean;
        ssTot += d * d;
    }
    r.rmse = std::sqrt(ssRes / static_cast<double>(n));
    r.mae = absSum / static_cast<double>(n);
    r.r2 = ssTot > 0.0 ? 1.0 - ssRes / ssTot : (ssRes == 0.0 ? 1.0 : 0.0);
    return r;
}

} // namespace tw
