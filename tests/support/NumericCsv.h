#pragma once
// A minimal reader for the bundled numeric CSV files (header, comma-separated, target in
// the last column), so training tests can use real datasets without the engine's CSV
// reader. Not a general CSV parser: no quoting, no missing values.
#include "data/Dataset.h"
#include "core/Random.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace tw::test {

inline Dataset readNumericCsv(const std::string& path, Task task)
{
    std::ifstream in(path);
    if (!in)
        throw std::runtime_error("cannot open " + path);
    std::string line;
    std::getline(in, line);
    std::vector<std::string> header;
    {
        std::stringstream ss(line);
        std::string cell;
        while (std::getline(ss, cell, ','))
            header.push_back(cell);
    }
    std::vector<std::vector<float>> rows;
    std::vector<std::string> targets;
    while (std::getline(in, line)) {
        if (line.empty())
            continue;
        std::stringstream ss(line);
        std::string cell;
        std::vector<float> values;
        std::vector<std::string> cells;
        while (std::getline(ss, cell, ','))
            cells.push_back(cell);
        for (size_t i = 0; i + 1 < cells.size(); ++i)
            values.push_back(std::stof(cells[i]));
        rows.push_back(std::move(values));
        targets.push_back(cells.back());
    }
    Dataset d;
    d.task = task;
    d.targetName = header.back();
    d.featureNames.assign(header.begin(), header.end() - 1);
    d.x.resize(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(d.featureNames.size()));
    d.y.resize(static_cast<Eigen::Index>(rows.size()));
    std::map<std::string, int> classIndex;
    if (task == Task::Classification) {
        std::vector<std::string> labels = targets;
        std::sort(labels.begin(), labels.end());
        labels.erase(std::unique(labels.begin(), labels.end()), labels.end());
        for (size_t i = 0; i < labels.size(); ++i)
            classIndex[labels[i]] = static_cast<int>(i);
        d.classLabels = labels;
    }
    for (size_t r = 0; r < rows.size(); ++r) {
        for (size_t c = 0; c < rows[r].size(); ++c)
            d.x(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c)) = rows[r][c];
        d.y(static_cast<Eigen::Index>(r)) = task == Task::Classification ? static_cast<float>(classIndex[targets[r]])
                                                                         : std::stof(targets[r]);
    }
    return d;
}

struct Split {
    Dataset train, validation, test;
};

// A seeded random split into train / validation / test fractions, with the features (and
// for regression the target) standardised by the training part's mean and deviation.
inline Split splitAndStandardize(const Dataset& d, double validation, double test, std::uint64_t seed)
{
    std::vector<Eigen::Index> order(static_cast<size_t>(d.rows()));
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = static_cast<Eigen::Index>(i);
    Random rng(seed);
    for (size_t i = order.size(); i > 1; --i)
        std::swap(order[i - 1], order[rng.below(i)]);
    const auto nTest = static_cast<size_t>(test * static_cast<double>(order.size()));
    const auto nVal = static_cast<size_t>(validation * static_cast<double>(order.size()));
    Split s;
    s.test = d.subset({order.begin(), order.begin() + static_cast<long>(nTest)});
    s.validation = d.subset({order.begin() + static_cast<long>(nTest), order.begin() + static_cast<long>(nTest + nVal)});
    s.train = d.subset({order.begin() + static_cast<long>(nTest + nVal), order.end()});
    const Eigen::RowVectorXf mean = s.train.x.colwise().mean();
    Eigen::RowVectorXf sd = ((s.train.x.rowwise() - mean).array().square().colwise().mean()).sqrt();
    sd = (sd.array() > 0.0f).select(sd, 1.0f);
    for (Dataset* part : {&s.train, &s.validation, &s.test})
        part->x = ((part->x.rowwise() - mean).array().rowwise() / sd.array()).matrix();
    if (d.task == Task::Regression) {
        const float ym = s.train.y.mean();
        const float ys = std::sqrt((s.train.y.array() - ym).square().mean());
        for (Dataset* part : {&s.train, &s.validation, &s.test})
            part->y = (part->y.array() - ym) / ys;
    }
    return s;
}

} // namespace tw::test
