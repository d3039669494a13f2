#include "storage/SqliteStorage.h"
#include "storage/StorageEnvironmentError.h"
#include "support/StorageBackendChecks.h"

#include <QCryptographicHash>
#include <QFile>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <cstdio>

using namespace tw;
using namespace tw::test;

namespace {

// The factory the shared checks (and the storage contract suite) open backends with.
StorageFactory sqliteFactory(const QString& path)
{
    return [path] { return std::make_unique<SqliteStorage>(path); };
}

QByteArray fileHash(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256);
}

// Child mode 1: writes finished trials forever, printing each number once it is committed.
// The parent kills it with SIGKILL at an arbitrary moment.
int childWriter(const QString& path, const QString& studyName)
{
    SqliteStorage s(path);
    const auto study = s.findStudy(studyName.toStdString());
    if (!study)
        return 3;
    for (int k = 0;; ++k) {
        FrozenTrial t = makeTrial(TrialState::Running, at(k));
        t.distributions["x"] = Distribution::makeFloat(0, 1000);
        t.params["x"] = k;
        const auto created = s.createTrial(study->id, t);
        for (int step = 0; step < 3; ++step)
            s.reportIntermediate(created->id, step, k + step * 0.5);
        s.appendTrialLog(created->id, "stdout", "trial " + std::to_string(k) + "\n");
        s.finishTrial(created->id, TrialState::Complete, k * 0.5, "", at(k + 1));
        std::printf("done %d\n", created->number);
        std::fflush(stdout);
    }
}

// Child mode 2: dies with SIGKILL in the middle of a write transaction.
int childMidTransaction(const QString& path)
{
    {
        SqliteStorage s(path);  // makes sure the file is in WAL mode, as in real use
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw"));
    db.setDatabaseName(path);
    if (!db.open())
        return 3;
    QSqlQuery q(db);
    q.exec(QStringLiteral("BEGIN IMMEDIATE"));
    q.exec(QStringLiteral("INSERT INTO studies (name, direction, spec_json, metric, created) "
                          "VALUES ('ghost', 'minimize', '{}', 'value', 0)"));
    q.exec(QStringLiteral("UPDATE trials SET state = 'failed', value = NULL"));
    q.exec(QStringLiteral("DELETE FROM trial_values"));
    std::printf("in transaction\n");
    std::fflush(stdout);
    std::raise(SIGKILL);
    return 4;
}

// Child mode 3: a worker process. Runs enqueued trials first, then creates new ones within
// the study's budget, until neither is left; prints "finished <id>" for each trial it ran.
int childWorker(const QString& path, const QString& studyName, int budget)
{
    SqliteStorage s(path);
    const auto study = s.findStudy(studyName.toStdString());
    if (!study)
        return 3;
    for (;;) {
        auto t = s.claimWaitingTrial(study->id, at(1));
        if (!t)
            t = s.createTrial(study->id, makeTrial(TrialState::Running, at(1)), budget);
        if (!t)
            return 0;
        s.reportIntermediate(t->id, 0, t->number);
        if (!s.finishTrial(t->id, TrialState::Complete, t->number, "", at(2)))
            return 5;
        std::printf("finished %lld\n", static_cast<long long>(t->id));
        std::fflush(stdout);
    }
}

} // namespace

class tst_SqliteStorage : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_path;
    StorageFactory m_open;
    std::string m_prefix = uniquePrefix();

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_path = m_dir.filePath(QStringLiteral("sub/folder/study.twx"));  // folders are made
        m_open = sqliteFactory(m_path);
    }

    // --- the StudyStorage contract ---
    void studiesCrud() { checkStudiesCrud(m_open, m_prefix); }
    void trialNumbering() { checkTrialNumbering(m_open, m_prefix); }
    void paramsRoundTrip() { checkParamsRoundTrip(m_open, m_prefix); }
    void intermediateNonFinite() { checkIntermediateNonFinite(m_open, m_prefix); }
    void finishedTrialsImmutable() { checkFinishedTrialsImmutable(m_open, m_prefix); }
    void budgetAtomicUnderConcurrentCreators() { checkBudgetAtomic(m_open, m_prefix, 6, 60); }
    void claimUniqueUnderRaces() { checkClaimUnique(m_open, m_prefix, 6, 60); }
    void staleTrialsFailWithControlledClock() { checkStaleTrials(m_open, m_prefix); }
    void logsKeepTheNewestBytes() { checkLogs(m_open, m_prefix); }
    void artifacts() { checkArtifacts(m_open, m_prefix); }
    void renameAndDeleteCascade() { checkDeleteCascades(m_open, m_prefix); }
    void trialsChangedSince() { checkTrialsChangedSince(m_open, m_prefix); }
    void oneInstanceSharedByThreads() { checkSharedInstance(m_open, m_prefix); }

    // --- SQLite specifics ---
    void fileIsInWalMode()
    {
        auto s = m_open();
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("peek"));
        db.setDatabaseName(m_path);
        QVERIFY(db.open());
        {
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode")) && q.next());
            QCOMPARE(q.value(0).toString(), QStringLiteral("wal"));
            QVERIFY(q.exec(QStringLiteral("SELECT version FROM schema_version")) && q.next());
            QCOMPARE(q.value(0).toInt(), SqlStorage::currentSchemaVersion);
        }
        db.close();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("peek"));
        QCOMPARE(static_cast<SqliteStorage*>(s.get())->path(), m_path);
        QCOMPARE(static_cast<SqliteStorage*>(s.get())->schemaVersionFound(),
                 SqlStorage::currentSchemaVersion);
    }

    void instancesInOneThreadHaveTheirOwnConnections()
    {
        SqliteStorage a(m_path);
        SqliteStorage b(m_path);
        const auto study = a.createStudy(makeStudy(m_prefix + "two-connections"));
        QVERIFY(b.findStudy(m_prefix + "two-connections").has_value());
        b.deleteStudy(study.id);
        QVERIFY(!a.findStudy(m_prefix + "two-connections").has_value());
    }

    void badPathsAreClearErrors()
    {
        TW_EXPECT_STORAGE_ERROR(SqliteStorage(QStringLiteral("relative/study.twx")),
                                "expected an absolute file path");
        TW_EXPECT_STORAGE_ERROR(SqliteStorage(m_dir.path()), "is a folder");

        const QString text = m_dir.filePath(QStringLiteral("notes.twx"));
        {
            QFile f(text);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray("this is not a database, just text that happens to be long enough "
                               "to look like a file header and then some more bytes\n")
                        .repeated(40));
        }
        const QByteArray before = fileHash(text);
        TW_EXPECT_STORAGE_ERROR(SqliteStorage(text), "not a Tunewright experiment file");
        QCOMPARE(fileHash(text), before);

        // Somebody else's SQLite database is refused and left alone.
        const QString foreign = m_dir.filePath(QStringLiteral("foreign.sqlite"));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("f"));
            db.setDatabaseName(foreign);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec(QStringLiteral("CREATE TABLE contacts (name TEXT)")));
            q.finish();
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("f"));
        const QByteArray foreignBefore = fileHash(foreign);
        TW_EXPECT_STORAGE_ERROR(SqliteStorage(foreign), "not a Tunewright experiment database");
        QCOMPARE(fileHash(foreign), foreignBefore);
    }

    // #13 item 8: opening for reading (or for an existing study) creates nothing.
    void readAccessCreatesNothing()
    {
        const QString missing = m_dir.filePath(QStringLiteral("typo/folder/exp.twx"));
        TW_EXPECT_STORAGE_ERROR(SqliteStorage(missing, StorageAccess::ReadOnly),
                                "no such experiment file: ");
        TW_EXPECT_STORAGE_ERROR(SqliteStorage(missing, StorageAccess::Existing),
                                "no such experiment file: ");
        QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("typo"))));
        const QString empty = m_dir.filePath(QStringLiteral("empty.twx"));
        QVERIFY(QFile(empty).open(QIODevice::WriteOnly));
        TW_EXPECT_STORAGE_ERROR(SqliteStorage(empty, StorageAccess::ReadOnly),
                                "holds no Tunewright experiment yet");
        QCOMPARE(QFileInfo(empty).size(), qint64(0));
    }

    // #13 item 7: a read-only storage reads, and a write is an environment error in words.
    void readOnlyAccessReadsAndNeverWrites()
    {
        const QString path = m_dir.filePath(QStringLiteral("readonly.twx"));
        {
            SqliteStorage s(path);
            s.createStudy(makeStudy(m_prefix + "kept"));
        }
        const QByteArray before = fileHash(path);
        SqliteStorage r(path, StorageAccess::ReadOnly);
        QCOMPARE(r.access(), StorageAccess::ReadOnly);
        QVERIFY(r.findStudy(m_prefix + "kept").has_value());
        try {
            r.createStudy(makeStudy(m_prefix + "new"));
            QFAIL("a read-only storage wrote");
        } catch (const StorageEnvironmentError& e) {
            const QString text = QString::fromUtf8(e.what());
            QVERIFY2(text.contains("cannot be written") && text.contains("read-only"), e.what());
            QVERIFY2(!text.contains("INSERT") && !text.contains("::"), e.what());
        }
        QCOMPARE(fileHash(path), before);
    }

    // A writer killed with SIGKILL at an arbitrary moment loses nothing it committed.
    void killedWriterLosesNothingFinished()
    {
        const QString path = m_dir.filePath(QStringLiteral("killed.twx"));
        const std::string name = m_prefix + "killed";
        SqliteStorage(path).createStudy(makeStudy(name));
        QProcess child;
        child.start(QCoreApplication::applicationFilePath(),
                    {QStringLiteral("--child-writer"), path, QString::fromStdString(name)});
        QVERIFY(child.waitForStarted());
        std::set<int> done;
        QByteArray pending;
        while (done.size() < 40) {
            QVERIFY2(child.waitForReadyRead(20000), "the child wrote nothing for 20 s");
            pending += child.readAllStandardOutput();
            int nl;
            while ((nl = pending.indexOf('\n')) >= 0) {
                const QByteArray line = pending.left(nl);
                pending.remove(0, nl + 1);
                if (line.startsWith("done "))
                    done.insert(line.mid(5).toInt());
            }
        }
        child.kill();  // SIGKILL, while it is somewhere in its next trial
        QVERIFY(child.waitForFinished(10000));
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);

        SqliteStorage s(path);
        const auto study = s.findStudy(name);
        QVERIFY(study.has_value());
        const auto all = s.trials(study->id);
        QVERIFY(all.size() >= done.size());
        int running = 0;
        for (const FrozenTrial& t : all) {
            if (!done.count(t.number)) {
                // Past what we read: committed but not yet reported, or killed mid-way.
                QVERIFY(t.number > *done.rbegin());
                QVERIFY(t.state == TrialState::Complete || t.state == TrialState::Running);
                running += t.state == TrialState::Running;
                continue;
            }
            QVERIFY(t.state == TrialState::Complete);
            QCOMPARE(*t.value, t.number * 0.5);
            QCOMPARE(t.params.at("x"), double(t.number));
            QCOMPARE(int(t.intermediate.size()), 3);
            QCOMPARE(t.intermediate.at(2), t.number + 1.0);
            QCOMPARE(q(s.trialLog(t.id, "stdout")),
                     QStringLiteral("trial %1\n").arg(t.number));
        }
        QVERIFY(running <= 1);
        // Resuming: whatever was running is failed as stale by the next process.
        QCOMPARE(int(s.failStaleTrials(study->id, at(100000), std::chrono::seconds(60)).size()),
                 running);
    }

    // Worker processes sharing one file: the budget holds across them and no trial is run twice.
    void workerProcessesShareOneFile()
    {
        const QString path = m_dir.filePath(QStringLiteral("workers.twx"));
        const std::string name = m_prefix + "workers";
        const int budget = 120, enqueued = 30, workers = 4;
        std::set<std::int64_t> expectedWaiting;
        std::int64_t studyId = -1;
        {
            SqliteStorage s(path);
            studyId = s.createStudy(makeStudy(name)).id;
            for (int i = 0; i < enqueued; ++i)
                expectedWaiting.insert(s.createTrial(studyId, makeTrial(TrialState::Waiting))->id);
        }
        std::vector<std::unique_ptr<QProcess>> children;
        for (int i = 0; i < workers; ++i) {
            children.push_back(std::make_unique<QProcess>());
            children.back()->start(QCoreApplication::applicationFilePath(),
                                   {QStringLiteral("--child-worker"), path,
                                    QString::fromStdString(name), QString::number(budget)});
        }
        std::multiset<std::int64_t> finished;
        for (auto& child : children) {
            QVERIFY(child->waitForFinished(60000));
            QCOMPARE(child->exitStatus(), QProcess::NormalExit);
            QVERIFY2(child->exitCode() == 0, child->readAllStandardError().constData());
            for (const QByteArray& line : child->readAllStandardOutput().split('\n'))
                if (line.startsWith("finished "))
                    finished.insert(line.mid(9).toLongLong());
        }
        QCOMPARE(int(finished.size()), budget);
        QCOMPARE(int(std::set<std::int64_t>(finished.begin(), finished.end()).size()), budget);
        SqliteStorage s(path);
        const auto all = s.trials(studyId);
        QCOMPARE(int(all.size()), budget);
        for (int i = 0; i < budget; ++i) {
            QCOMPARE(all[i].number, i);
            QVERIFY(all[i].state == TrialState::Complete);
            QVERIFY(finished.count(all[i].id) == 1);
        }
        for (std::int64_t id : expectedWaiting)
            QVERIFY(finished.count(id) == 1);
    }

    // A kill inside an open write transaction rolls it back entirely.
    void killInsideTransactionRollsBack()
    {
        const QString path = m_dir.filePath(QStringLiteral("midtx.twx"));
        std::int64_t studyId = -1;
        {
            SqliteStorage s(path);
            studyId = s.createStudy(makeStudy("real")).id;
            for (int i = 0; i < 5; ++i) {
                const auto t = s.createTrial(studyId, makeTrial(TrialState::Running, at(0)));
                s.reportIntermediate(t->id, 0, i);
                s.finishTrial(t->id, TrialState::Complete, i, "", at(1));
            }
        }
        QProcess child;
        child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--child-midtx"), path});
        QVERIFY(child.waitForFinished(20000));
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);
        QVERIFY(child.readAllStandardOutput().contains("in transaction"));

        SqliteStorage s(path);
        QVERIFY(!s.findStudy("ghost").has_value());
        const auto all = s.trials(studyId);
        QCOMPARE(int(all.size()), 5);
        for (int i = 0; i < 5; ++i) {
            QVERIFY(all[i].state == TrialState::Complete);
            QCOMPARE(*all[i].value, double(i));
            QCOMPARE(all[i].intermediate.at(0), double(i));
        }
    }
};

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    if (argc >= 4 && qstrcmp(argv[1], "--child-writer") == 0)
        return childWriter(QString::fromLocal8Bit(argv[2]), QString::fromLocal8Bit(argv[3]));
    if (argc >= 5 && qstrcmp(argv[1], "--child-worker") == 0)
        return childWorker(QString::fromLocal8Bit(argv[2]), QString::fromLocal8Bit(argv[3]),
                           QByteArray(argv[4]).toInt());
    if (argc >= 3 && qstrcmp(argv[1], "--child-midtx") == 0)
        return childMidTransaction(QString::fromLocal8Bit(argv[2]));
    tst_SqliteStorage test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_sqlitestorage.moc"
