#include "storage/SqlTrialValues.h"

#include "storage/SqlConnection.h"
#include "storage/SqlValues.h"

#include <unordered_map>

namespace tw {

using namespace sqlvalues;

void SqlTrialValues::insert(std::int64_t trialId, std::int64_t step, double value)
{
    QSqlQuery& q = m_connection.prepared(QStringLiteral(
        "INSERT INTO trial_values (trial_id, step, value, value_type) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (trial_id, step) DO UPDATE SET value = excluded.value,"
        " value_type = excluded.value_type"));
    bindAll(q, {qint64(trialId), qint64(step), finiteOrNull(value), tagOf(value)});
    m_connection.run(q);
}

void SqlTrialValues::insertMany(std::int64_t trialId,
                                const std::vector<std::pair<std::int64_t, double>>& values)
{
    // One row per step, the last value given for it: an upsert may not touch a row twice
    // in one statement (PostgreSQL refuses it).
    std::vector<std::pair<std::int64_t, double>> rows;
    rows.reserve(values.size());
    {
        std::unordered_map<std::int64_t, std::size_t> at;
        for (const auto& [step, value] : values) {
            const auto [it, fresh] = at.emplace(step, rows.size());
            if (fresh)
                rows.emplace_back(step, value);
            else
                rows[it->second].second = value;
        }
    }
    constexpr std::size_t kMaxRows = 64;
    std::size_t done = 0;
    while (done < rows.size()) {
        std::size_t k = kMaxRows;
        while (k > rows.size() - done)
            k /= 2;
        QString sql = QStringLiteral("INSERT INTO trial_values (trial_id, step, value, value_type) VALUES ");
        for (std::size_t i = 0; i < k; ++i)
            sql += i ? QStringLiteral(", (?, ?, ?, ?)") : QStringLiteral("(?, ?, ?, ?)");
        sql += QStringLiteral(" ON CONFLICT (trial_id, step) DO UPDATE SET value = excluded.value,"
                              " value_type = excluded.value_type");
        QSqlQuery& q = m_connection.prepared(sql);
        for (std::size_t i = 0; i < k; ++i) {
            const auto& [step, value] = rows[done + i];
            const int b = static_cast<int>(4 * i);
            q.bindValue(b, qint64(trialId));
            q.bindValue(b + 1, qint64(step));
            q.bindValue(b + 2, finiteOrNull(value));
            q.bindValue(b + 3, tagOf(value));
        }
        m_connection.run(q);
        done += k;
    }
}

} // namespace tw
