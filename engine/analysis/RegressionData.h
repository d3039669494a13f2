#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace tw {

// One input column of a regression: a numeric feature over [low, high] (already in the
// space the analysis measures in: log space for log parameters), or a categorical one whose
// values are the indices 0 .. categories-1, each of equal measure.
struct FeatureColumn {
    std::string name;
    int categories = 0;  // 0: numeric
    double low = 0.0;
    double high = 1.0;

    bool isCategorical() const { return categories > 0; }
};

// The rows a random forest is fitted to: one per trial, a value per column, and a target.
class RegressionData {
public:
    RegressionData() = default;
    explicit RegressionData(std::vector<FeatureColumn> columns);

    // Appends one row; `values` has one entry per column.
    void addRow(const std::vector<double>& values, double target);

    std::size_t rows() const { return m_targets.size(); }
    std::size_t cols() const { return m_columns.size(); }
    double at(std::size_t row, std::size_t col) const { return m_values[row * m_columns.size() + col]; }
    const double* row(std::size_t r) const { return m_values.data() + r * m_columns.size(); }
    double target(std::size_t row) const { return m_targets[row]; }
    const FeatureColumn& column(std::size_t col) const { return m_columns[col]; }
    const std::vector<FeatureColumn>& columns() const { return m_columns; }

    // Empty when every value is finite, every categorical value is an index of its column
    // and every target is finite; else "row R, column NAME: what is wrong".
    std::string validationError() const;

private:
    std::vector<FeatureColumn> m_columns;
    std::vector<double> m_values;  // row-major
    std::vector<double> m_targets;
};

} // namespace tw
