#include "analysis/ContourData.h"
#include "analysis/SliceData.h"

#include <Eigen/Dense>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace tw {

std::vector<std::string> ContourData::params(const std::vector<FrozenTrial>& trials)
{
    const auto drawn = SliceData::drawnTrials(trials, 0);
    std::map<std::string, std::size_t> count;
    for (const FrozenTrial* t : drawn)
        for (const auto& [name, v] : t->params)
            if (t->distributions.count(name))
                ++count[name];
    std::vector<std::string> out;
    for (const auto& [name, n] : count)
        if (n == drawn.size())
            out.push_back(name);
    return out;
}

double ContourData::toUnit(double v, const Distribution& d)
{
    if (!d.isNumeric())
        return (v + 0.5) / std::max(1, d.choiceCount());
    if (d.high() <= d.low())
        return 0.5;
    if (d.isLog())
        return (std::log(v) - std::log(d.low())) / (std::log(d.high()) - std::log(d.low()));
    return (v - d.low()) / (d.high() - d.low());
}

double ContourData::fromUnit(double u, const Distribution& d)
{
    if (!d.isNumeric())
        return u * std::max(1, d.choiceCount()) - 0.5;
    if (d.high() <= d.low())
        return d.low();
    if (d.isLog())
        return std::exp(std::log(d.low()) + u * (std::log(d.high()) - std::log(d.low())));
    return d.low() + u * (d.high() - d.low());
}

namespace {

// Squared-exponential kernel between unit points a and b.
double kernel(double ax, double ay, double bx, double by, double lx, double ly)
{
    const double dx = (ax - bx) / lx, dy = (ay - by) / ly;
    return std::exp(-0.5 * (dx * dx + dy * dy));
}

} // namespace

ContourSurface ContourData::build(const std::vector<FrozenTrial>& trials, std::string xParam, std::string yParam,
                                  int grid, std::size_t maxFitted, std::size_t maxPoints)
{
    ContourSurface s;
    const std::vector<std::string> names = params(trials);
    if (xParam.empty() && yParam.empty() && names.size() >= 2) {
        xParam = names[0];
        yParam = names[1];
    }
    s.xParam = xParam;
    s.yParam = yParam;
    if (names.size() < 2) {
        s.error = "the contour needs two parameters that every complete trial has";
        return s;
    }
    for (const std::string& p : {xParam, yParam})
        if (std::find(names.begin(), names.end(), p) == names.end()) {
            s.error = "no parameter \"" + p + "\" in every complete trial (there are: ";
            for (std::size_t i = 0; i < names.size(); ++i)
                s.error += (i ? ", " : "") + names[i];
            s.error += ")";
            return s;
        }
    if (xParam == yParam) {
        s.error = "the contour needs two different parameters, got \"" + xParam + "\" twice";
        return s;
    }
    const auto drawn = SliceData::drawnTrials(trials, maxPoints);
    s.xDist = drawn.back()->distributions.at(xParam);
    s.yDist = drawn.back()->distributions.at(yParam);
    for (const FrozenTrial* t : drawn) {
        s.px.push_back(t->params.at(xParam));
        s.py.push_back(t->params.at(yParam));
        s.value.push_back(*t->value);
        s.number.push_back(t->number);
    }
    const auto fit = SliceData::drawnTrials(trials, maxFitted);
    const auto n = static_cast<Eigen::Index>(fit.size());
    if (n < 2) {
        s.error = "the contour needs at least 2 complete trials";
        return s;
    }
    Eigen::VectorXd ux(n), uy(n), y(n);
    for (Eigen::Index i = 0; i < n; ++i) {
        const FrozenTrial* t = fit[static_cast<std::size_t>(i)];
        ux[i] = toUnit(t->params.at(xParam), s.xDist);
        uy[i] = toUnit(t->params.at(yParam), s.yDist);
        y[i] = *t->value;
    }
    const double mean = y.mean();
    const double sd = std::sqrt((y.array() - mean).square().sum() / double(n));
    if (!(sd > 0) || !std::isfinite(sd)) {
        s.error = "the objective is constant over these trials";
        return s;
    }
    y = (y.array() - mean) / sd;
    s.fitted = static_cast<std::size_t>(n);

    // Hyperparameters by the log marginal likelihood on a grid (deterministic, no optimizer).
    const double lengths[] = {0.05, 0.1, 0.2, 0.4, 0.8, 1.6};
    const double noises[] = {1e-3, 0.05, 0.3};
    double best = -std::numeric_limits<double>::infinity();
    Eigen::VectorXd alpha;
    Eigen::MatrixXd k(n, n);
    for (double lx : lengths)
        for (double ly : lengths)
            for (double noise : noises) {
                for (Eigen::Index i = 0; i < n; ++i) {
                    for (Eigen::Index j = 0; j < i; ++j)
                        k(i, j) = k(j, i) = kernel(ux[i], uy[i], ux[j], uy[j], lx, ly);
                    k(i, i) = 1.0 + noise;
                }
                Eigen::LLT<Eigen::MatrixXd> llt(k);
                if (llt.info() != Eigen::Success)
                    continue;
                Eigen::VectorXd a = llt.solve(y);
                const double logDet = 2 * llt.matrixLLT().diagonal().array().log().sum();
                const double lml = -0.5 * y.dot(a) - 0.5 * logDet;
                if (lml > best) {
                    best = lml;
                    alpha = std::move(a);
                    s.lengthX = lx;
                    s.lengthY = ly;
                    s.noise = noise;
                }
            }
    if (alpha.size() != n) {
        s.error = "the surface could not be fitted (a singular kernel matrix)";
        return s;
    }
    s.nx = s.ny = std::max(2, grid);
    for (int i = 0; i < s.nx; ++i)
        s.xCentre.push_back(fromUnit((i + 0.5) / s.nx, s.xDist));
    for (int j = 0; j < s.ny; ++j)
        s.yCentre.push_back(fromUnit((j + 0.5) / s.ny, s.yDist));
    s.z.resize(static_cast<std::size_t>(s.nx * s.ny));
    for (int j = 0; j < s.ny; ++j)
        for (int i = 0; i < s.nx; ++i) {
            const double gx = (i + 0.5) / s.nx, gy = (j + 0.5) / s.ny;
            double m = 0;
            for (Eigen::Index t = 0; t < n; ++t)
                m += alpha[t] * kernel(gx, gy, ux[t], uy[t], s.lengthX, s.lengthY);
            s.z[static_cast<std::size_t>(j * s.nx + i)] = mean + sd * m;
        }
    return s;
}

} // namespace tw
