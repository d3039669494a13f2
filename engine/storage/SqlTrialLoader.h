#pragma once
#include "core/FrozenTrial.h"
#include "study/StudyStorage.h"

#include <QSqlQuery>
#include <QString>
#include <QVariantList>

#include <vector>

namespace tw {

class DistributionJson;
class SqlConnection;

// Reads trials and studies back from the SQL layout (SqlStorage.h), inside the caller's
// transaction: a trial with its params, intermediate values and attributes in four queries
// for any number of trials.
class SqlTrialLoader {
public:
    SqlTrialLoader(SqlConnection& connection, DistributionJson& distributions)
        : m_connection(connection), m_distributions(distributions)
    {
    }

    // Trials matching `filter`, a condition on alias t with its binds, ordered by number.
    std::vector<FrozenTrial> trials(const QString& filter, const QVariantList& binds);
    void loadStudyAttrs(StudyRecord& study);
    // Every study with its attributes, by id.
    std::vector<StudyRecord> studies();

    // "SELECT <the columns study() reads> FROM studies".
    static QString studyColumns();
    static StudyRecord study(const QSqlQuery& q);

    static constexpr const char* kUser = "user";
    static constexpr const char* kSystem = "system";

private:
    SqlConnection& m_connection;
    DistributionJson& m_distributions;
};

} // namespace tw
