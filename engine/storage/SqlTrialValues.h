#pragma once
#include <cstdint>
#include <utility>
#include <vector>

namespace tw {

class SqlConnection;

// A trial's intermediate values (table trial_values): upserts keyed by (trial, step), a
// value written again replacing the stored one. Runs inside the caller's transaction; the
// caller checks the trial.
class SqlTrialValues {
public:
    explicit SqlTrialValues(SqlConnection& connection) : m_connection(connection) {}

    void insert(std::int64_t trialId, std::int64_t step, double value);
    // A flush's values of one trial in few statements: multi-row upserts of 64, 32, ...,
    // 1 rows (a step given twice keeps its last value), so a PostgreSQL flush of n values
    // costs about log2(n) + n / 64 round trips instead of n.
    void insertMany(std::int64_t trialId, const std::vector<std::pair<std::int64_t, double>>& values);

private:
    SqlConnection& m_connection;
};

} // namespace tw
