#include "analysis/RegressionData.h"

#include <cmath>
#include <stdexcept>

namespace tw {

RegressionData::RegressionData(std::vector<FeatureColumn> columns) : m_columns(std::move(columns)) {}

void RegressionData::addRow(const std::vector<double>& values, double target)
{
    if (values.size() != m_columns.size())
        throw std::invalid_argument("RegressionData::addRow(): " + std::to_string(values.size()) +
                                    " values for " + std::to_string(m_columns.size()) + " columns");
    m_values.insert(m_values.end(), values.begin(), values.end());
    m_targets.push_back(target);
}

std::string RegressionData::validationError() const
{
    for (std::size_t r = 0; r < rows(); ++r) {
        if (!std::isfinite(m_targets[r]))
            return "row " + std::to_string(r) + ": the target is not finite";
        for (std::size_t c = 0; c < cols(); ++c) {
            const double v = at(r, c);
            const FeatureColumn& col = m_columns[c];
            const std::string where = "row " + std::to_string(r) + ", column " + col.name + ": ";
            if (!std::isfinite(v))
                return where + "the value is not finite";
            if (col.isCategorical() && (v < 0 || v >= col.categories || v != std::floor(v)))
                return where + "expected a category index from 0 to " +
                       std::to_string(col.categories - 1);
        }
    }
    return {};
}

} // namespace tw
