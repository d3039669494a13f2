#include "storage/SqlTrialLoader.h"

#include "storage/DistributionJson.h"
#include "storage/QueryFinish.h"
#include "storage/SqlConnection.h"
#include "storage/SqlValues.h"

#include <unordered_map>

namespace tw {

using namespace sqlvalues;

std::vector<FrozenTrial> SqlTrialLoader::trials(const QString& filter, const QVariantList& binds)
{
    SqlConnection& c = m_connection;
    auto bindFilter = [&](QSqlQuery& q) {
        for (int i = 0; i < binds.size(); ++i)
            q.bindValue(i, binds[i]);
    };
    std::vector<FrozenTrial> out;
    std::unordered_map<std::int64_t, std::size_t> index;
    {
        QSqlQuery& q = c.prepared(
            QStringLiteral("SELECT t.id, t.number, t.state, t.value, t.value_type, t.started,"
                           " t.finished, t.heartbeat, t.reason FROM trials t WHERE ") +
            filter + QStringLiteral(" ORDER BY t.number"));
        bindFilter(q);
        c.run(q);
        QueryFinish f{q};
        while (q.next()) {
            FrozenTrial t;
            t.id = q.value(0).toLongLong();
            t.number = q.value(1).toInt();
            const QString state = q.value(2).toString();
            const auto s = trialStateFromString(state.toStdString());
            if (!s)
                c.fail(QStringLiteral("SqlStorage: trial %1 has an unknown state \"%2\"")
                           .arg(t.id)
                           .arg(state));
            t.state = *s;
            if (!q.value(4).isNull())
                t.value = fromTagged(q.value(3), q.value(4).toString());
            t.started = timeFrom(q.value(5));
            t.finished = timeFrom(q.value(6));
            t.heartbeat = timeFrom(q.value(7));
            t.reason = q.value(8).toString().toStdString();
            index.emplace(t.id, out.size());
            out.push_back(std::move(t));
        }
    }
    if (out.empty())
        return out;
    {
        QSqlQuery& q = c.prepared(
            QStringLiteral("SELECT p.trial_id, p.name, p.internal, p.distribution FROM "
                           "trial_params p JOIN trials t ON t.id = p.trial_id WHERE ") +
            filter);
        bindFilter(q);
        c.run(q);
        QueryFinish f{q};
        while (q.next()) {
            auto it = index.find(q.value(0).toLongLong());
            if (it == index.end())
                continue;
            FrozenTrial& t = out[it->second];
            const std::string name = q.value(1).toString().toStdString();
            t.params[name] = q.value(2).toDouble();
            t.distributions.insert_or_assign(name, m_distributions.cachedFromJson(q.value(3).toString()));
        }
    }
    {
        QSqlQuery& q = c.prepared(
            QStringLiteral("SELECT v.trial_id, v.step, v.value, v.value_type FROM trial_values v "
                           "JOIN trials t ON t.id = v.trial_id WHERE ") +
            filter);
        bindFilter(q);
        c.run(q);
        QueryFinish f{q};
        while (q.next()) {
            auto it = index.find(q.value(0).toLongLong());
            if (it != index.end())
                out[it->second].intermediate[q.value(1).toLongLong()] =
                    fromTagged(q.value(2), q.value(3).toString());
        }
    }
    {
        QSqlQuery& q = c.prepared(
            QStringLiteral("SELECT a.trial_id, a.kind, a.key, a.value FROM trial_attrs a "
                           "JOIN trials t ON t.id = a.trial_id WHERE ") +
            filter);
        bindFilter(q);
        c.run(q);
        QueryFinish f{q};
        while (q.next()) {
            auto it = index.find(q.value(0).toLongLong());
            if (it == index.end())
                continue;
            FrozenTrial& t = out[it->second];
            auto& attrs = q.value(1).toString() == QLatin1String(kUser) ? t.userAttrs : t.systemAttrs;
            attrs[q.value(2).toString().toStdString()] = q.value(3).toString().toStdString();
        }
    }
    return out;
}

void SqlTrialLoader::loadStudyAttrs(StudyRecord& study)
{
    QSqlQuery& q = m_connection.prepared(
        QStringLiteral("SELECT kind, key, value FROM study_attrs WHERE study_id = ?"));
    bindAll(q, {qint64(study.id)});
    m_connection.run(q);
    QueryFinish f{q};
    while (q.next()) {
        auto& attrs = q.value(0).toString() == QLatin1String(kUser) ? study.userAttrs
                                                                    : study.systemAttrs;
        attrs[q.value(1).toString().toStdString()] = q.value(2).toString().toStdString();
    }
}

std::vector<StudyRecord> SqlTrialLoader::studies()
{
    SqlConnection& c = m_connection;
    std::vector<StudyRecord> out;
    std::unordered_map<std::int64_t, std::size_t> index;
    QSqlQuery& q = c.prepared(studyColumns() + QStringLiteral(" ORDER BY id"));
    c.run(q);
    {
        QueryFinish f{q};
        while (q.next()) {
            out.push_back(study(q));
            index.emplace(out.back().id, out.size() - 1);
        }
    }
    QSqlQuery& a = c.prepared(QStringLiteral("SELECT study_id, kind, key, value FROM study_attrs"));
    c.run(a);
    QueryFinish f{a};
    while (a.next()) {
        auto it = index.find(a.value(0).toLongLong());
        if (it == index.end())
            continue;
        StudyRecord& s = out[it->second];
        auto& attrs = a.value(1).toString() == QLatin1String(kUser) ? s.userAttrs : s.systemAttrs;
        attrs[a.value(2).toString().toStdString()] = a.value(3).toString().toStdString();
    }
    return out;
}

QString SqlTrialLoader::studyColumns()
{
    return QStringLiteral(
        "SELECT id, name, direction, spec_json, metric, app_version, build_flags, threads "
        "FROM studies");
}

StudyRecord SqlTrialLoader::study(const QSqlQuery& q)
{
    StudyRecord s;
    s.id = q.value(0).toLongLong();
    s.name = q.value(1).toString().toStdString();
    s.direction = studyDirectionFromString(q.value(2).toString().toStdString())
                      .value_or(StudyDirection::Minimize);
    s.specJson = q.value(3).toString().toStdString();
    s.metric = q.value(4).toString().toStdString();
    s.appVersion = q.value(5).toString().toStdString();
    s.buildFlags = q.value(6).toString().toStdString();
    s.threads = q.value(7).toInt();
    return s;
}

} // namespace tw
