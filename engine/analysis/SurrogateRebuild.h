#pragma once
#include "core/Distribution.h"
#include "core/FrozenTrial.h"
#include "samplers/GPSnapshot.h"
#include "samplers/GaussianProcess.h"

#include <Eigen/Core>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tw {

// One parameter's cut through the chosen point: the other coordinates stay at the point.
// mean and std are the GP's posterior in its output space (the transformed, standardized
// objective, lower is better); acquisition is the sampler's (log EI).
struct SurrogateSlice {
    std::string param;
    Distribution distribution;
    std::vector<double> x;  // internal values (a categorical's choice index)
    std::vector<double> mean;
    std::vector<double> std;
    std::vector<double> acquisition;
    double pointX = 0.0;    // the chosen point's value
    // A trust-region suggestion's box along this (numeric) parameter, in its values.
    std::optional<std::pair<double, double>> region;
};

// An earlier trial the GP was fitted on (or a pending one, entered as a fantasy).
struct SurrogateObservation {
    int number = -1;
    ParamValues params;
    std::optional<double> value;  // the objective; none for a pending trial
    double target = 0.0;          // in the GP's output space
    bool pending = false;
};

// The surrogate of one GP suggestion, rebuilt from its GPSnapshot and the study's trials
// (#16 item 7): the stored hyperparameters and output transform, no refit, so it does not
// depend on how the sampler fits today. Inputs are encoded as the snapshot says.
class SurrogateRebuild {
public:
    // Throws std::invalid_argument saying what is missing (a fitted trial, a parameter).
    SurrogateRebuild(GPSnapshot snapshot, const std::vector<FrozenTrial>& trials);

    const GPSnapshot& snapshot() const { return m_snapshot; }
    const std::vector<SurrogateObservation>& observed() const { return m_observed; }
    int width() const { return m_width; }

    GaussianProcess::Prediction predict(const Eigen::VectorXd& x) const;
    double acquisition(const Eigen::VectorXd& x) const;
    // The chosen point and a candidate, encoded.
    Eigen::VectorXd point() const;
    static Eigen::VectorXd toEigen(const std::vector<double>& x);
    ParamValues decode(const Eigen::VectorXd& x) const;
    Eigen::VectorXd encode(const ParamValues& values) const;

    // The parameters' distributions, by name (from the first fitted trial).
    std::map<std::string, Distribution> distributions() const;
    // Whether encoded `x` lies in the box the acquisition was maximized in (the whole
    // unit cube unless the suggestion was a trust-region one).
    bool inBox(const Eigen::VectorXd& x, double tolerance = 1e-12) const;

    // Each parameter's slice through the chosen point, `points` values per numeric one
    // (every value of a discrete one with fewer).
    std::vector<SurrogateSlice> slices(int points = 101) const;

private:
    struct Param {
        std::string name;
        Distribution dist;
        int offset = 0;
        int width = 1;
        bool categorical = false;
    };
    void encodeValue(const Param& p, double value, Eigen::VectorXd& x) const;

    GPSnapshot m_snapshot;
    std::vector<Param> m_params;
    int m_width = 0;
    std::vector<SurrogateObservation> m_observed;
    std::optional<GaussianProcess> m_gp;
};

} // namespace tw
