#pragma once
#include "core/Distribution.h"
#include "core/FrozenTrial.h"
#include "samplers/ParzenEstimator.h"
#include "samplers/TPESnapshot.h"

#include <map>
#include <string>
#include <vector>

namespace tw {

// One parameter's l(x) and g(x) through the chosen point (the group's other parameters
// stay at the point; a univariate group has none): densities in the unit coordinate
// (Distribution::toUnit) for a continuous parameter, probabilities for a discrete or
// categorical one, and the score log l(x) - log g(x) that the candidates competed on.
struct ParzenSlice {
    std::string param;
    Distribution distribution;
    int group = 0;
    bool multivariate = false;
    std::vector<double> x;  // internal values (a categorical's choice index)
    std::vector<double> l;
    std::vector<double> g;
    std::vector<double> ratio;
    double pointX = 0.0;
    // The observations l(x) and g(x) were fitted on: their trials and values of the parameter.
    std::vector<int> belowNumbers, aboveNumbers;
    std::vector<double> belowX, aboveX;
};

// The Parzen estimators of one TPE suggestion, rebuilt from its TPESnapshot and the study's
// trials (#16 item 7): each group's below (l) and above (g) observations taken from the
// stored split, weighted and ordered as the sampler did, fitted with the stored settings.
// Distributions are the explained trial's own (the ones its parameters were drawn in).
class ParzenRebuild {
public:
    // Throws std::invalid_argument saying what is missing (a split trial, a parameter).
    ParzenRebuild(TPESnapshot snapshot, const FrozenTrial& trial, const std::vector<FrozenTrial>& trials);

    const TPESnapshot& snapshot() const { return m_snapshot; }
    int groupCount() const { return static_cast<int>(m_groups.size()); }
    const ParzenEstimator& below(int group) const { return m_groups.at(static_cast<std::size_t>(group)).below; }
    const ParzenEstimator& above(int group) const { return m_groups.at(static_cast<std::size_t>(group)).above; }
    const std::vector<Distribution>& dims(int group) const { return m_groups.at(static_cast<std::size_t>(group)).dims; }
    // log l(x) and log g(x) of one group at internal values x (in the group's order).
    double logL(int group, const std::vector<double>& x) const;
    double logG(int group, const std::vector<double>& x) const;
    double score(int group, const std::vector<double>& x) const { return logL(group, x) - logG(group, x); }
    // The whole suggestion's score at `params` (each group's log l - log g, summed), and
    // the stored one (the winners' scores, summed).
    double scoreAt(const ParamValues& params) const;
    double storedScore() const;
    // The chosen values of every drawn parameter, snapped into their domains as the trial got them.
    ParamValues point() const;
    std::map<std::string, Distribution> distributions() const;
    // The trials each group's l(x) and g(x) were fitted on (a univariate group: those with
    // a usable value of its parameter), ascending.
    const std::vector<int>& belowNumbers(int group) const { return m_groups.at(static_cast<std::size_t>(group)).belowNumbers; }
    const std::vector<int>& aboveNumbers(int group) const { return m_groups.at(static_cast<std::size_t>(group)).aboveNumbers; }

    // Each drawn parameter's slice, `points` values per continuous one (every value of a
    // discrete one with fewer, every choice of a categorical).
    std::vector<ParzenSlice> slices(int points = 101) const;

private:
    struct Group {
        std::vector<Distribution> dims;
        ParzenEstimator below, above;
        std::vector<int> belowNumbers, aboveNumbers;
        Eigen::MatrixXd belowObs, aboveObs;  // d x n, in trial order (g may have been fitted sorted)
    };
    void logPdf(const ParzenEstimator& e, const std::vector<Distribution>& dims, const Eigen::MatrixXd& x,
                Eigen::VectorXd& out) const;

    TPESnapshot m_snapshot;
    std::vector<Group> m_groups;
};

} // namespace tw
