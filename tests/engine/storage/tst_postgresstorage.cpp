// ctest-labels: unit postgres
#include "storage/PostgresStorage.h"
#include "support/PgTestEnv.h"
#include "support/StorageBackendChecks.h"

#include "support/TestPaths.h"
#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QtTest>

#include <map>

using namespace tw;
using namespace tw::test;

class tst_PostgresStorage : public QObject {
    Q_OBJECT

    PgTestSchemas m_pg;
    PgConnectionParams m_params;
    std::string m_prefix = uniquePrefix();
    StorageFactory m_open;

    bool admin(const QString& sql, QString* error = nullptr) { return m_pg.exec(sql, error); }
    std::string newSchema(const char* tag) { return m_pg.create(tag); }

private slots:
    void initTestCase()
    {
        QString why;
        if (!m_pg.open(&why))
            QSKIP(qPrintable(why));
        m_params = m_pg.params();
        m_open = m_pg.factory(newSchema("main"));
    }

    void cleanupTestCase() { m_pg.close(); }

    // --- backend checks shared with SQLite (the contract suite runs in tst_storagecontract) ---
    void studiesCrud() { checkStudiesCrud(m_open, m_prefix); }
    void trialNumbering() { checkTrialNumbering(m_open, m_prefix); }
    void paramsRoundTrip() { checkParamsRoundTrip(m_open, m_prefix); }
    void intermediateNonFinite() { checkIntermediateNonFinite(m_open, m_prefix); }
    void finishedTrialsImmutable() { checkFinishedTrialsImmutable(m_open, m_prefix); }
    void budgetAtomicUnderConcurrentConnections() { checkBudgetAtomic(m_open, m_prefix, 6, 60); }
    void claimUniqueUnderRaces() { checkClaimUnique(m_open, m_prefix, 6, 60); }
    void staleTrialsFailWithControlledClock() { checkStaleTrials(m_open, m_prefix); }
    void logsKeepTheNewestBytes() { checkLogs(m_open, m_prefix); }
    void artifacts() { checkArtifacts(m_open, m_prefix); }
    void renameAndDeleteCascade() { checkDeleteCascades(m_open, m_prefix); }
    void trialsChangedSince() { checkTrialsChangedSince(m_open, m_prefix); }
    void oneInstanceSharedByThreads() { checkSharedInstance(m_open, m_prefix); }

    // --- PostgreSQL specifics ---
    void schemaIsCreatedOnce()
    {
        // Several processes meeting an empty schema at once: one creates it, all use it.
        const std::string schema = newSchema("race");
        const StorageFactory open = postgresFactory(m_params, schema);
        std::vector<std::string> errors(4);
        std::vector<std::thread> pool;
        for (int i = 0; i < 4; ++i)
            pool.emplace_back([&, i] {
                try {
                    open()->studies();
                } catch (const std::exception& e) {
                    errors[i] = e.what();
                }
            });
        for (auto& t : pool)
            t.join();
        for (const auto& e : errors)
            QVERIFY2(e.empty(), e.c_str());
        QSqlQuery q(m_pg.db());
        QVERIFY(q.exec(QStringLiteral("SELECT version FROM %1.schema_version")
                           .arg(QString::fromStdString(schema))));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), SqlStorage::currentSchemaVersion);
        QVERIFY(!q.next());  // one row
    }

    void unreachableServerNamesHostAndPortButNotThePassword()
    {
        PgConnectionParams p = m_params;
        p.host = "127.0.0.1";
        p.port = 1;  // nothing listens there
        p.password = "s3cret-pw-123";
        try {
            PostgresStorage s(p);
            QFAIL("connected to port 1");
        } catch (const StorageError& e) {
            const QString msg = QString::fromUtf8(e.what());
            qInfo("%s", e.what());
            QVERIFY2(msg.contains(QStringLiteral("127.0.0.1:1")), e.what());
            QVERIFY2(msg.contains(QStringLiteral("cannot connect")), e.what());
            QVERIFY2(msg.length() > 60, e.what());  // carries the driver's own text too
            QVERIFY2(!msg.contains(QStringLiteral("s3cret")), e.what());
        }
    }

    void wrongPasswordIsAClearErrorWithoutThePassword()
    {
        PgConnectionParams p = m_params;
        p.password = "wrong-s3cret-pw";
        if (p.host == "localhost" && p.password.empty())
            QSKIP("peer authentication: no password involved");
        try {
            PostgresStorage s(p);
            QSKIP("the server accepts any password (trust authentication)");
        } catch (const StorageError& e) {
            const QString msg = QString::fromUtf8(e.what());
            qInfo("%s", e.what());
            QVERIFY2(msg.contains(QString::fromStdString(p.host)), e.what());
            QVERIFY2(!msg.contains(QStringLiteral("s3cret")), e.what());
        }
    }

    void newerSchemaIsRefusedAndLeftAlone()
    {
        const std::string schema = newSchema("newer");
        const StorageFactory open = postgresFactory(m_params, schema);
        {
            auto s = open();
            s->createStudy(makeStudy("kept"));
        }
        const QString sch = QString::fromStdString(schema);
        QVERIFY(admin(QStringLiteral("UPDATE %1.schema_version SET version = 9").arg(sch)));
        TW_EXPECT_STORAGE_ERROR(open(), "newer Tunewright (schema 9; this build reads up to 3)");
        QSqlQuery q(m_pg.db());
        QVERIFY(q.exec(QStringLiteral("SELECT (SELECT version FROM %1.schema_version), "
                                      "(SELECT COUNT(*) FROM %1.studies)")
                           .arg(sch)));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), 9);
        QCOMPARE(q.value(1).toInt(), 1);
    }

    // The same forward migration as for SQLite files, on a schema in the version 1 layout
    // made from the script that made tests/data/storage/schema_v1.twx.
    void v1SchemaMigrates()
    {
        const std::string schema = newSchema("v1");
        QFile file(tw::test::testData(QStringLiteral("storage/schema_v1.sql")));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QStringList lines;
        for (const QString& line : QString::fromUtf8(file.readAll()).split(QLatin1Char('\n')))
            if (!line.startsWith(QLatin1String("--")) && !line.startsWith(QLatin1String("PRAGMA")))
                lines << line;
        QString script = lines.join(QLatin1Char('\n'));
        script.replace(QLatin1String("INTEGER PRIMARY KEY AUTOINCREMENT"),
                       QLatin1String("BIGSERIAL PRIMARY KEY"));
        const QString sch = QString::fromStdString(schema);
        QVERIFY(admin(QStringLiteral("SET search_path = %1").arg(sch)));
        for (const QString& statement : script.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
            if (statement.trimmed().isEmpty())
                continue;
            QString error;
            QVERIFY2(admin(statement, &error), qPrintable(error + QLatin1String(": ") + statement));
        }
        // The fixture gives explicit ids; a real version 1 database drew them from the sequences.
        QVERIFY(admin(QStringLiteral("SELECT setval(pg_get_serial_sequence('studies', 'id'), 2)")));
        QVERIFY(admin(QStringLiteral("SELECT setval(pg_get_serial_sequence('trials', 'id'), 7)")));
        QVERIFY(admin(QStringLiteral("SET search_path = public")));

        auto storage = postgresFactory(m_params, schema)();
        QCOMPARE(dynamic_cast<SqlStorage&>(*storage).schemaVersionFound(), 1);
        const auto iris = storage->findStudy("iris-mlp");
        QVERIFY(iris.has_value());
        QCOMPARE(q(iris->userAttrs.at("note")), QStringLiteral(R"("baseline sweep")"));
        QCOMPARE(iris->threads, 1);
        std::int64_t version = -1;
        const auto trials = storage->trialsChangedSince(iris->id, 0, &version);
        QCOMPARE(int(trials.size()), 5);
        QCOMPARE(*trials[0].value, 0.9666666666666667);
        QVERIFY(trials[0].distributions.at("model.hidden") ==
                Distribution::makeCategorical({"[32]", "[64,64]", "[128,64]"}));
        QVERIFY(std::isnan(trials[1].intermediate.at(1)));
        QVERIFY(trials[3].state == TrialState::Running);
        const auto next = storage->createTrial(iris->id, makeTrial(TrialState::Waiting), 5);
        QVERIFY(next.has_value());  // the failed trial marked retried does not count
        QCOMPARE(next->number, 5);
        storage->appendTrialLog(next->id, "stdout", "log");
        storage->putArtifact(next->id, "model", "{}");
        auto again = postgresFactory(m_params, schema)();
        QCOMPARE(dynamic_cast<SqlStorage&>(*again).schemaVersionFound(),
                 SqlStorage::currentSchemaVersion);
        QCOMPARE(int(again->trials(iris->id).size()), 6);
    }

    // #14: the version 2 file written by `tunewright-cli run` (tests/data/storage/
    // schema_v2.twx), copied table by table into a PostgreSQL schema, migrates to
    // version 3 with every log blob kept byte for byte as the stream's first chunk.
    void v2SchemaMigratesItsLogsIntoChunks()
    {
        const std::string schema = newSchema("v2");
        const QString sch = QString::fromStdString(schema);
        std::map<std::pair<qint64, QString>, QByteArray> blobs;
        int trialCount = 0;
        {
            QSqlDatabase lite = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v2-fixture"));
            // A copy: SQLite puts -wal and -shm files beside any file it opens in WAL mode.
            QTemporaryDir copyDir;
            const QString copy = copyDir.filePath(QStringLiteral("v2.twx"));
            QVERIFY(QFile::copy(tw::test::testData(QStringLiteral("storage/schema_v2.twx")), copy));
            QFile(copy).setPermissions(QFile::ReadOwner | QFile::WriteOwner);
            lite.setDatabaseName(copy);
            QVERIFY(lite.open());
            QSqlQuery tables(lite);
            QVERIFY(tables.exec(QStringLiteral("SELECT name, sql, type FROM sqlite_master WHERE sql IS NOT NULL "
                                               "AND name NOT LIKE 'sqlite_%' ORDER BY type DESC, rowid")));
            QStringList names;
            QVERIFY(admin(QStringLiteral("SET search_path = %1").arg(sch)));
            while (tables.next()) {
                QString ddl = tables.value(1).toString();
                ddl.replace(QLatin1String("INTEGER PRIMARY KEY AUTOINCREMENT"), QLatin1String("BIGSERIAL PRIMARY KEY"));
                ddl.replace(QLatin1String(" BLOB"), QLatin1String(" BYTEA"));
                QString error;
                QVERIFY2(admin(ddl, &error), qPrintable(error + QLatin1String(": ") + ddl));
                if (tables.value(2).toString() == QLatin1String("table"))
                    names << tables.value(0).toString();
            }
            for (const QString& table : names) {
                QSqlQuery rows(lite);
                QVERIFY(rows.exec(QStringLiteral("SELECT * FROM %1 ORDER BY rowid").arg(table)));
                while (rows.next()) {
                    const int n = rows.record().count();
                    QStringList marks;
                    for (int i = 0; i < n; ++i)
                        marks << QStringLiteral("?");
                    QSqlQuery insert(m_pg.db());
                    QVERIFY(insert.prepare(
                        QStringLiteral("INSERT INTO %1 VALUES (%2)").arg(table, marks.join(QLatin1Char(',')))));
                    for (int i = 0; i < n; ++i)
                        insert.addBindValue(rows.value(i));
                    QVERIFY2(insert.exec(), qPrintable(insert.lastError().text()));
                    if (table == QLatin1String("trial_logs"))
                        blobs[{rows.value(0).toLongLong(), rows.value(1).toString()}] = rows.value(2).toByteArray();
                    if (table == QLatin1String("trials"))
                        ++trialCount;
                }
            }
            QVERIFY(admin(QStringLiteral("SET search_path = public")));
            lite.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("v2-fixture"));
        QVERIFY(blobs.size() >= 3);
        for (const char* table : {"studies", "trials"})
            QVERIFY(admin(QStringLiteral("SELECT setval(pg_get_serial_sequence('%1.%2', 'id'), "
                                         "(SELECT MAX(id) FROM %1.%2))")
                              .arg(sch, QLatin1String(table))));

        auto storage = postgresFactory(m_params, schema)();
        QCOMPARE(dynamic_cast<SqlStorage&>(*storage).schemaVersionFound(), 2);
        for (const auto& [key, blob] : blobs)
            QVERIFY(storage->trialLog(key.first, key.second.toStdString()) == blob.toStdString());
        const auto studies = storage->studies();
        int trials = 0;
        for (const auto& study : studies)
            trials += int(storage->trials(study.id).size());
        QCOMPARE(trials, trialCount);
        QSqlQuery q(m_pg.db());
        QVERIFY(q.exec(QStringLiteral("SELECT (SELECT COUNT(*) FROM %1.trial_log_chunks), "
                                      "(SELECT COUNT(*) FROM pg_tables WHERE schemaname = '%1' AND "
                                      "tablename = 'trial_logs')")
                           .arg(sch)));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toInt(), int(blobs.size()));
        QCOMPARE(q.value(1).toInt(), 0);
        const auto [key, blob] = *blobs.begin();
        storage->appendTrialLog(key.first, key.second.toStdString(), "more\n");
        QVERIFY(storage->trialLog(key.first, key.second.toStdString()) == blob.toStdString() + "more\n");
        const auto made = storage->createTrial(studies.at(0).id, makeTrial(TrialState::Running));
        QVERIFY(made.has_value());
        QCOMPARE(made->number, int(storage->trials(studies.at(0).id).size()) - 1);
        QVERIFY(made->id > trialCount);  // ids go on after the copied ones
    }

    void otherApplicationsTablesAreTolerated()
    {
        // A shared database may hold other tables; ours are added beside them.
        const std::string schema = newSchema("shared");
        QVERIFY(admin(QStringLiteral("CREATE TABLE %1.invoices (id INT)")
                          .arg(QString::fromStdString(schema))));
        auto s = postgresFactory(m_params, schema)();
        QVERIFY(s->studies().empty());
    }
};

QTEST_GUILESS_MAIN(tst_PostgresStorage)
#include "tst_postgresstorage.moc"
