// Schema versions and migrations of SqlStorage, on SQLite files.
#include "storage/SqliteStorage.h"
#include "support/StorageBackendChecks.h"

#include "support/TestPaths.h"
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include <map>

using namespace tw;
using namespace tw::test;

namespace {

QByteArray fileHash(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

TimePoint ns(std::int64_t n)
{
    return TimePoint(std::chrono::duration_cast<Clock::duration>(std::chrono::nanoseconds(n)));
}

// Runs `sql` on the file through a plain connection, beside any storage.
QVariant rawQuery(const QString& path, const QString& sql)
{
    QVariant out;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw"));
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(sql) && q.next())
                out = q.value(0);
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("raw"));
    return out;
}

// (trial id, stream) -> content of a log table: trial_logs (version 2) or trial_log_chunks
// (concatenated in order).
std::map<std::pair<qint64, QString>, QByteArray> rawLogs(const QString& path, const QString& table)
{
    std::map<std::pair<qint64, QString>, QByteArray> out;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw"));
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery q(db);
            const QString order = table == QLatin1String("trial_log_chunks") ? QStringLiteral(" ORDER BY end_offset")
                                                                              : QString();
            if (q.exec(QStringLiteral("SELECT trial_id, stream, content FROM %1%2").arg(table, order)))
                while (q.next())
                    out[{q.value(0).toLongLong(), q.value(1).toString()}] += q.value(2).toByteArray();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("raw"));
    return out;
}

} // namespace

class tst_SqlStorage : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    QString copyOf(const QString& fixture, const QString& name)
    {
        const QString target = m_dir.filePath(name);
        QFile::remove(target);
        if (!QFile::copy(tw::test::testData(fixture), target))
            return {};
        QFile(target).setPermissions(QFile::ReadOwner | QFile::WriteOwner);
        return target;
    }

    QString copyOfV1(const QString& name)
    {
        const QString target = m_dir.filePath(name);
        QFile::remove(target);
        if (!QFile::copy(tw::test::testData(QStringLiteral("storage/schema_v1.twx")), target))
            return {};
        QFile(target).setPermissions(QFile::ReadOwner | QFile::WriteOwner);
        return target;
    }

private slots:
    void v1FileMigratesKeepingEverything()
    {
        const QString path = copyOfV1(QStringLiteral("old.twx"));
        QVERIFY(!path.isEmpty());
        const QByteArray original = fileHash(path);

        SqliteStorage s(path);
        QCOMPARE(s.schemaVersionFound(), 1);
        QCOMPARE(s.backupPath(), path + QStringLiteral(".bak-v1"));
        QVERIFY(QFile::exists(s.backupPath()));
        // The backup is the old file's content in the old layout, untouched by the migration.
        QCOMPARE(rawQuery(s.backupPath(), QStringLiteral("SELECT version FROM schema_version")).toInt(), 1);
        QCOMPARE(rawQuery(s.backupPath(), QStringLiteral("SELECT COUNT(*) FROM trials")).toInt(), 7);
        QVERIFY(rawQuery(s.backupPath(),
                         QStringLiteral("SELECT COUNT(*) FROM pragma_table_info('trials') "
                                        "WHERE name = 'heartbeat'"))
                    .toInt() == 0);
        QVERIFY(fileHash(path) != original);  // the file itself was migrated

        // Studies, with defaults for what version 1 did not record.
        const auto studies = s.studies();
        QCOMPARE(int(studies.size()), 2);
        const StudyRecord& iris = studies[0];
        QCOMPARE(q(iris.name), QStringLiteral("iris-mlp"));
        QVERIFY(iris.direction == StudyDirection::Maximize);
        QCOMPARE(q(iris.metric), QStringLiteral("val_accuracy"));
        QCOMPARE(q(iris.specJson),
                 QStringLiteral(R"({"metric":"val_accuracy","name":"iris-mlp","version":1})"));
        QCOMPARE(q(iris.appVersion), QString());
        QCOMPARE(iris.threads, 1);
        QCOMPARE(q(iris.userAttrs.at("note")), QStringLiteral(R"("baseline sweep")"));
        QCOMPARE(q(iris.systemAttrs.at("sampler")), QStringLiteral(R"({"type":"gp"})"));
        QVERIFY(studies[1].direction == StudyDirection::Minimize);

        // Trials, with params, distributions, curves (NaN and infinities) and attrs.
        const auto trials = s.trials(iris.id);
        QCOMPARE(int(trials.size()), 5);
        const FrozenTrial& best = trials[0];
        QVERIFY(best.state == TrialState::Complete);
        QCOMPARE(*best.value, 0.9666666666666667);
        QVERIFY(best.started == ns(1900000001000000000));
        QVERIFY(best.finished == ns(1900000003500000000));
        QVERIFY(!best.heartbeat.has_value());
        QCOMPARE(best.params.at("training.learning_rate"), 0.0031622776601683794);
        QVERIFY(best.distributions.at("training.learning_rate") ==
                Distribution::makeFloat(1e-4, 0.1, true));
        QVERIFY(best.distributions.at("training.batch_size") == Distribution::makeInt(16, 128, false, 16));
        QVERIFY(best.distributions.at("model.hidden") ==
                Distribution::makeCategorical({"[32]", "[64,64]", "[128,64]"}));
        QCOMPARE(best.params.at("model.hidden"), 1.0);
        QCOMPARE(int(best.intermediate.size()), 3);
        QCOMPARE(q(best.userAttrs.at("note")), QStringLiteral(R"("best so far")"));
        QCOMPARE(q(best.systemAttrs.at("fold_values")), QStringLiteral("[0.95,0.98]"));
        QVERIFY(trials[1].state == TrialState::Pruned);
        QVERIFY(std::isnan(trials[1].intermediate.at(1)));
        QVERIFY(sameDouble(trials[1].intermediate.at(2), -std::numeric_limits<double>::infinity()));
        QCOMPARE(q(trials[1].reason), QStringLiteral("pruned at step 2"));
        QVERIFY(trials[2].state == TrialState::Failed);
        QVERIFY(!StudyStorage::countsTowardBudget(trials[2]));
        QVERIFY(trials[3].state == TrialState::Running);
        QVERIFY(std::isinf(trials[3].intermediate.at(0)));
        QVERIFY(trials[4].state == TrialState::Waiting);
        const auto branin = s.trials(studies[1].id);
        QVERIFY(sameDouble(*branin[1].value, std::numeric_limits<double>::infinity()));
        QCOMPARE(branin[0].params.at("x0"), 3.14159);

        // What version 2 added works on the migrated data.
        std::int64_t version = -1;
        QCOMPARE(int(s.trialsChangedSince(iris.id, 0, &version).size()), 5);
        QVERIFY(version >= 1);
        QVERIFY(s.trialsChangedSince(iris.id, version, nullptr).empty());
        s.heartbeat(trials[3].id, ns(1900000050000000000));
        QCOMPARE(int(s.trialsChangedSince(iris.id, version, nullptr).size()), 1);
        s.appendTrialLog(trials[0].id, "stdout", "epoch 1\n");
        s.putArtifact(trials[0].id, "model", "{}");
        QCOMPARE(*s.artifact(trials[0].id, "model"), std::string("{}"));
        const auto next = s.createTrial(iris.id, makeTrial(TrialState::Waiting), 5);
        QVERIFY(next.has_value());  // the failed trial marked retried does not count
        QCOMPARE(next->number, 5);
        QVERIFY(next->id > 7);
        const auto claimed = s.claimWaitingTrial(iris.id, ns(1900000060000000000));
        QCOMPARE(claimed->number, 4);  // the oldest waiting one first
        StudyRecord fresh = makeStudy("after-migration");
        QCOMPARE(s.createStudy(fresh).id, 3);
    }

    void reopeningAMigratedFileDoesNothingMore()
    {
        const QString path = copyOfV1(QStringLiteral("twice.twx"));
        {
            SqliteStorage first(path);
            QCOMPARE(first.schemaVersionFound(), 1);
        }
        SqliteStorage again(path);
        QCOMPARE(again.schemaVersionFound(), SqlStorage::currentSchemaVersion);
        QVERIFY(again.backupPath().isEmpty());
        QVERIFY(!QFile::exists(path + QStringLiteral(".bak-v1-2")));
        QCOMPARE(int(again.studies().size()), 2);
    }

    void anExistingBackupIsNeverOverwritten()
    {
        const QString path = copyOfV1(QStringLiteral("kept.twx"));
        const QString older = path + QStringLiteral(".bak-v1");
        {
            QFile f(older);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("an older backup");
        }
        SqliteStorage s(path);
        QCOMPARE(s.backupPath(), path + QStringLiteral(".bak-v1-2"));
        QFile f(older);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), QByteArray("an older backup"));
    }

    void newerSchemaIsRefusedAndTheFileUnchanged()
    {
        const QString path = m_dir.filePath(QStringLiteral("future.twx"));
        {
            SqliteStorage s(path);
            s.createStudy(makeStudy("from-the-future"));
        }
        QVERIFY(rawQuery(path, QStringLiteral("UPDATE schema_version SET version = 9 RETURNING version"))
                    .toInt() == 9);
        QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
        const QByteArray before = fileHash(path);
        const QStringList filesBefore = QDir(m_dir.path()).entryList(QDir::Files);
        try {
            SqliteStorage s(path);
            QFAIL("a newer schema was opened");
        } catch (const StorageError& e) {
            const QString msg = QString::fromUtf8(e.what());
            QVERIFY2(msg.contains(QStringLiteral("written by a newer Tunewright (schema 9; this "
                                                 "build reads up to 3)")),
                     e.what());
            QVERIFY2(msg.contains(path), e.what());
        }
        QCOMPARE(fileHash(path), before);
        QCOMPARE(QDir(m_dir.path()).entryList(QDir::Files), filesBefore);  // no backup either
        QCOMPARE(rawQuery(path, QStringLiteral("SELECT name FROM studies")).toString(),
                 QStringLiteral("from-the-future"));
    }

    void checkedInFixtureIsVersion1()
    {
        // Guards the fixture itself: the migration tests above mean nothing without it.
        const QString fixture = copyOfV1(QStringLiteral("fixture.twx"));  // never open the original
        QCOMPARE(rawQuery(fixture, QStringLiteral("SELECT version FROM schema_version")).toInt(), 1);
        QCOMPARE(rawQuery(fixture, QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE "
                                                  "name IN ('counters', 'trial_logs', 'artifacts')"))
                     .toInt(),
                 0);
    }

    // #14: a file written by the last version 2 build (`tunewright-cli run`, see
    // tests/data/storage/schema_v2.json): its log blobs become chunks, byte for byte.
    void v2FileMigratesItsLogsIntoChunks()
    {
        const QString path = copyOf(QStringLiteral("storage/schema_v2.twx"), QStringLiteral("v2.twx"));
        QVERIFY(!path.isEmpty());
        const std::map<std::pair<qint64, QString>, QByteArray> blobs = rawLogs(path, QStringLiteral("trial_logs"));
        QVERIFY(blobs.size() >= 3);
        const int trialCount = rawQuery(path, QStringLiteral("SELECT COUNT(*) FROM trials")).toInt();
        const int valueCount = rawQuery(path, QStringLiteral("SELECT COUNT(*) FROM trial_values")).toInt();
        const QByteArray curve =
            rawQuery(path, QStringLiteral("SELECT bytes FROM artifacts WHERE kind = 'curve' ORDER BY trial_id"))
                .toByteArray();
        const qint64 curveTrial =
            rawQuery(path, QStringLiteral("SELECT trial_id FROM artifacts WHERE kind = 'curve' ORDER BY trial_id"))
                .toLongLong();
        QVERIFY(trialCount >= 3 && valueCount > trialCount && !curve.isEmpty());

        SqliteStorage s(path);
        QCOMPARE(s.schemaVersionFound(), 2);
        QCOMPARE(s.backupPath(), path + QStringLiteral(".bak-v2"));
        QCOMPARE(rawQuery(s.backupPath(), QStringLiteral("SELECT version FROM schema_version")).toInt(), 2);
        QCOMPARE(rawQuery(path, QStringLiteral("SELECT version FROM schema_version")).toInt(),
                 SqlStorage::currentSchemaVersion);
        QCOMPARE(rawQuery(path, QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE name = 'trial_logs'")).toInt(),
                 0);
        // One chunk per stream, ending at the blob's length.
        const auto chunks = rawLogs(path, QStringLiteral("trial_log_chunks"));
        QCOMPARE(chunks.size(), blobs.size());
        for (const auto& [key, blob] : blobs) {
            QVERIFY(s.trialLog(key.first, key.second.toStdString()) == blob.toStdString());
            QCOMPARE(rawQuery(path, QStringLiteral("SELECT end_offset FROM trial_log_chunks WHERE trial_id = %1 "
                                                   "AND stream = '%2'")
                                        .arg(key.first)
                                        .arg(key.second))
                         .toLongLong(),
                     qint64(blob.size()));
        }
        // Everything else as it was; the study goes on.
        int trials = 0, values = 0;
        for (const auto& study : s.studies())
            for (const auto& t : s.trials(study.id)) {
                ++trials;
                values += int(t.intermediate.size());
            }
        QCOMPARE(trials, trialCount);
        QCOMPARE(values, valueCount);
        QVERIFY(s.artifact(curveTrial, "curve") == curve.toStdString());
        const auto [firstKey, firstBlob] = *blobs.begin();
        s.appendTrialLog(firstKey.first, firstKey.second.toStdString(), "appended after the migration\n");
        QVERIFY(s.trialLog(firstKey.first, firstKey.second.toStdString()) ==
                firstBlob.toStdString() + "appended after the migration\n");
        QCOMPARE(rawLogs(path, QStringLiteral("trial_log_chunks")).size(), blobs.size());
    }

    void checkedInV2FixtureIsVersion2WithLogs()
    {
        const QString fixture = copyOf(QStringLiteral("storage/schema_v2.twx"), QStringLiteral("fixture2.twx"));
        QCOMPARE(rawQuery(fixture, QStringLiteral("SELECT version FROM schema_version")).toInt(), 2);
        QVERIFY(rawQuery(fixture, QStringLiteral("SELECT COUNT(*) FROM trial_logs")).toInt() >= 3);
        QVERIFY(rawQuery(fixture, QStringLiteral("SELECT app_version FROM studies")).toString().size() > 0);
    }

    // #14: appends cost the same however long the log is: each is a row, and rows that
    // fell out of the cap are deleted, so the file holds about the cap per stream.
    void logChunksStayWithinTheCap()
    {
        const QString path = m_dir.filePath(QStringLiteral("chunks.twx"));
        SqliteStorage s(path);
        const auto study = s.createStudy(makeStudy("chunks"));
        const auto t = s.createTrial(study.id, makeTrial(TrialState::Running));
        const std::size_t cap = StudyStorage::logCap();
        const std::string line(10000, 'l');
        for (std::size_t written = 0; written < 3 * cap; written += line.size())
            s.appendTrialLog(t->id, "train", line);
        QCOMPARE(s.trialLog(t->id, "train").size(), cap);
        const qint64 stored =
            rawQuery(path, QStringLiteral("SELECT SUM(length(content)) FROM trial_log_chunks")).toLongLong();
        QVERIFY2(stored >= qint64(cap) && stored < qint64(cap + line.size()), qPrintable(QString::number(stored)));
    }
};

QTEST_GUILESS_MAIN(tst_SqlStorage)
#include "tst_sqlstorage.moc"
