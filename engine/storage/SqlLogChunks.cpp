#include "storage/SqlLogChunks.h"

#include "storage/QueryFinish.h"
#include "storage/SqlConnection.h"
#include "storage/SqlValues.h"
#include "study/StudyStorage.h"

#include <string_view>

namespace tw {

using namespace sqlvalues;

void SqlLogChunks::append(std::int64_t trialId, const std::string& stream, const std::string& text)
{
    if (text.empty())
        return;
    SqlConnection& c = m_connection;
    const std::size_t cap = StudyStorage::logCap();
    // Of an append larger than the cap only its newest bytes can be read back.
    const std::string_view kept = text.size() > cap
                                      ? std::string_view(text).substr(text.size() - cap)
                                      : std::string_view(text);
    const QString name = qs(stream);
    QSqlQuery& last = c.prepared(QStringLiteral(
        "SELECT MAX(end_offset) FROM trial_log_chunks WHERE trial_id = ? AND stream = ?"));
    bindAll(last, {qint64(trialId), name});
    c.run(last);
    qint64 end = 0;
    {
        QueryFinish f{last};
        if (last.next() && !last.value(0).isNull())
            end = last.value(0).toLongLong();
    }
    // The offsets count every byte ever appended, the cut part of a big append too.
    end += qint64(text.size());
    QSqlQuery& insert = c.prepared(QStringLiteral(
        "INSERT INTO trial_log_chunks (trial_id, stream, end_offset, content) VALUES (?, ?, ?, ?)"));
    bindAll(insert, {qint64(trialId), name, end, QByteArray(kept.data(), qsizetype(kept.size()))});
    c.run(insert);
    if (end > qint64(cap)) {
        // Chunks ending at or before end - cap hold none of the newest cap bytes.
        QSqlQuery& drop = c.prepared(QStringLiteral(
            "DELETE FROM trial_log_chunks WHERE trial_id = ? AND stream = ? AND end_offset <= ?"));
        bindAll(drop, {qint64(trialId), name, end - qint64(cap)});
        c.run(drop);
    }
}

std::string SqlLogChunks::read(std::int64_t trialId, const std::string& stream)
{
    std::string out;
    QSqlQuery& q = m_connection.prepared(QStringLiteral(
        "SELECT content FROM trial_log_chunks WHERE trial_id = ? AND stream = ? ORDER BY end_offset"));
    bindAll(q, {qint64(trialId), qs(stream)});
    m_connection.run(q);
    QueryFinish f{q};
    while (q.next()) {
        const QByteArray chunk = q.value(0).toByteArray();
        out.append(chunk.constData(), std::size_t(chunk.size()));
    }
    // The oldest chunk kept may start before the newest cap bytes.
    if (out.size() > StudyStorage::logCap())
        out.erase(0, out.size() - StudyStorage::logCap());
    return out;
}

} // namespace tw
