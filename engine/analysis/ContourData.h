#pragma once
#include "core/Distribution.h"
#include "core/FrozenTrial.h"

#include <cstddef>
#include <string>
#include <vector>

namespace tw {

// The contour view of two parameters: a surface of the objective over their box and the
// complete trials as points. The surface is the posterior mean of a Gaussian process fitted
// to the trials' (x, y) -> value alone (the other parameters are ignored: it shows what
// these two explain): the two parameters in [0, 1] (log space for log parameters, a
// categorical's choice index spread evenly), values standardized, a squared-exponential
// kernel with one length scale per axis and a noise level chosen by the marginal likelihood
// over a small grid. It is not the GP sampler's surrogate (that one sees every parameter).
struct ContourSurface {
    std::string xParam, yParam;
    Distribution xDist, yDist;
    // The grid: nx * ny cells, row-major by y; cell centres in the axes' coordinates
    // (a parameter's own value, a categorical's choice index).
    int nx = 0, ny = 0;
    std::vector<double> xCentre, yCentre;
    std::vector<double> z;  // z[j * nx + i] at (xCentre[i], yCentre[j])
    // The trials drawn (at most maxPoints, evenly spaced by number) and those fitted.
    std::vector<double> px, py, value;
    std::vector<int> number;
    std::size_t fitted = 0;
    double lengthX = 0.0, lengthY = 0.0, noise = 0.0;  // the chosen hyperparameters (unit space)
    std::string error;  // why there is no surface (an unknown parameter, too few trials...)

    bool ok() const { return error.empty(); }
};

class ContourData {
public:
    // Parameters every drawn trial has, by name (the choices for the two axes).
    static std::vector<std::string> params(const std::vector<FrozenTrial>& trials);
    // The two parameters' surface; empty names: the first two of params().
    static ContourSurface build(const std::vector<FrozenTrial>& trials, std::string xParam = {},
                                std::string yParam = {}, int grid = 60, std::size_t maxFitted = 200,
                                std::size_t maxPoints = 5000);
    // A parameter's position in [0, 1] for the GP, and back to the axis' coordinate.
    static double toUnit(double internal, const Distribution& d);
    static double fromUnit(double unit, const Distribution& d);
};

} // namespace tw
