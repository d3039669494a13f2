// ctest-labels: unit tsan
// #14: the study path's write buffer: what it holds, in what order it writes, when, and
// what the trial's own pruner sees meanwhile. Intervals are an hour where a test must
// see the buffer hold its writes (no flush can come from the clock then), and a few
// milliseconds where it waits for a flush by time (polling, never asserting a duration).
#include "pruners/MedianPruner.h"
#include "samplers/RandomSampler.h"
#include "storage/SqliteStorage.h"
#include "study/InMemoryStorage.h"
#include "study/Study.h"
#include "study/TrialWriteBuffer.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

#include <chrono>
#include <thread>

using namespace std::chrono_literals;
using tw::TrialState;

namespace {

constexpr auto kHour = std::chrono::milliseconds(std::chrono::hours(1));

tw::StudyRecord newStudy(tw::StudyStorage& s, const std::string& name = "s")
{
    tw::StudyRecord r;
    r.name = name;
    r.direction = tw::StudyDirection::Minimize;
    return s.createStudy(r);
}

tw::FrozenTrial running()
{
    tw::FrozenTrial t;
    t.state = TrialState::Running;
    t.started = tw::Clock::now();
    return t;
}

tw::SearchSpace space1()
{
    return tw::SearchSpace({{"x", tw::Distribution::makeFloat(-1.0, 1.0), std::nullopt}});
}

tw::StudyOptions buffered(std::chrono::milliseconds interval)
{
    tw::StudyOptions o;
    o.flushInterval = interval;
    return o;
}

// Polls until `done` holds, for at most 20 s (a loaded machine), and says whether it did.
bool eventually(const std::function<bool()>& done)
{
    const auto until = std::chrono::steady_clock::now() + 20s;
    while (!done()) {
        if (std::chrono::steady_clock::now() > until)
            return false;
        std::this_thread::sleep_for(2ms);
    }
    return true;
}

int chunkRows(const QString& path, std::int64_t trialId, const QString& stream)
{
    int n = -1;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw"));
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery q(db);
            q.prepare(QStringLiteral("SELECT COUNT(*) FROM trial_log_chunks WHERE trial_id = ? AND stream = ?"));
            q.addBindValue(qint64(trialId));
            q.addBindValue(stream);
            if (q.exec() && q.next())
                n = q.value(0).toInt();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("raw"));
    return n;
}

} // namespace

class tst_TrialWriteBuffer : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

private slots:
    void holdsWritesUntilFlushThenWritesThemInOrder()
    {
        const QString path = m_dir.filePath(QStringLiteral("order.twx"));
        tw::SqliteStorage storage(path);
        const auto study = newStudy(storage);
        const auto t = storage.createTrial(study.id, running());
        tw::TrialWriteBuffer buffer(storage, kHour);
        for (int step = 0; step < 50; ++step) {
            buffer.report(t->id, step, 1.0 / (step + 1));
            buffer.appendLog(t->id, "train", "epoch " + std::to_string(step) + "\n");
        }
        buffer.report(t->id, 7, -7.0);  // a step reported again: the last value wins
        buffer.appendLog(t->id, "stderr", "warning\n");
        buffer.appendLog(t->id, "train", "done\n");
        buffer.heartbeat(t->id, tw::Clock::now());
        QVERIFY(buffer.hasPending());
        QCOMPARE(buffer.flushCount(), 0LL);
        QVERIFY(storage.trial(t->id).intermediate.empty());
        QCOMPARE(storage.trialLog(t->id, "train"), std::string());

        buffer.flush();
        QCOMPARE(buffer.flushCount(), 1LL);
        QVERIFY(!buffer.hasPending());
        const tw::FrozenTrial got = storage.trial(t->id);
        QCOMPARE(int(got.intermediate.size()), 50);
        QCOMPARE(got.intermediate.at(49), 1.0 / 50);
        QCOMPARE(got.intermediate.at(7), -7.0);
        QVERIFY(got.heartbeat.has_value());
        std::string expected;
        for (int step = 0; step < 50; ++step)
            expected += "epoch " + std::to_string(step) + "\n";
        expected += "done\n";
        QCOMPARE(storage.trialLog(t->id, "train"), expected);
        QCOMPARE(storage.trialLog(t->id, "stderr"), std::string("warning\n"));
        // 50 appends in a row became one chunk; the stderr line between cut it in two.
        QCOMPARE(chunkRows(path, t->id, QStringLiteral("train")), 2);
        QCOMPARE(chunkRows(path, t->id, QStringLiteral("stderr")), 1);
        buffer.flush();  // nothing pending: no write
        QCOMPARE(buffer.flushCount(), 1LL);
    }

    void flushesByTime()
    {
        tw::InMemoryStorage storage;
        const auto study = newStudy(storage);
        const auto t = storage.createTrial(study.id, running());
        tw::TrialWriteBuffer buffer(storage, 5ms);
        buffer.report(t->id, 0, 0.5);
        buffer.appendLog(t->id, "train", "epoch 0\n");
        QVERIFY(eventually([&] { return storage.trial(t->id).intermediate.count(0) == 1; }));
        QVERIFY(eventually([&] { return storage.trialLog(t->id, "train") == "epoch 0\n"; }));
        // Writes after a flush start a new interval.
        buffer.report(t->id, 1, 0.25);
        QVERIFY(eventually([&] { return storage.trial(t->id).intermediate.count(1) == 1; }));
        QVERIFY(buffer.flushCount() >= 1);
    }

    void writeThroughWithIntervalZero()
    {
        tw::InMemoryStorage storage;
        const auto study = newStudy(storage);
        const auto t = storage.createTrial(study.id, running());
        tw::TrialWriteBuffer buffer(storage, 0ms);
        buffer.report(t->id, 3, 0.5);
        QCOMPARE(storage.trial(t->id).intermediate.at(3), 0.5);
        buffer.appendLog(t->id, "train", "x");
        QCOMPARE(storage.trialLog(t->id, "train"), std::string("x"));
        QCOMPARE(buffer.flushCount(), 2LL);
        QVERIFY(!buffer.hasPending());
    }

    void pendingLogIsCappedToTheNewestBytes()
    {
        tw::InMemoryStorage storage;
        const auto study = newStudy(storage);
        const auto t = storage.createTrial(study.id, running());
        tw::TrialWriteBuffer buffer(storage, kHour);
        const std::size_t cap = tw::StudyStorage::logCap();
        std::string all;
        for (int i = 0; all.size() < 2 * cap; ++i) {
            const std::string line = "line " + std::to_string(i) + std::string(997, '.') + "\n";
            buffer.appendLog(t->id, "train", line);
            all += line;
        }
        buffer.flush();
        const std::string log = storage.trialLog(t->id, "train");
        QCOMPARE(log.size(), cap);
        QVERIFY(log == all.substr(all.size() - cap));
        // One append past the cap on its own keeps its tail too.
        std::string big(cap + 100, 'b');
        big.back() = 'z';
        buffer.appendLog(t->id, "big", big);
        buffer.flush();
        QCOMPARE(storage.trialLog(t->id, "big"), big.substr(100));
    }

    void refusedTrialIsRememberedAndOthersStillWritten()
    {
        tw::InMemoryStorage storage;
        const auto study = newStudy(storage);
        const auto a = storage.createTrial(study.id, running());
        const auto b = storage.createTrial(study.id, running());
        tw::TrialWriteBuffer buffer(storage, kHour);
        buffer.report(a->id, 0, 1.0);
        buffer.report(b->id, 0, 2.0);
        buffer.appendLog(b->id, "stdout", "tail\n");
        // Another process fails b as stale before this one flushes.
        QVERIFY(storage.finishTrial(b->id, TrialState::Failed, std::nullopt, "stale", tw::Clock::now()));
        buffer.flush();
        QVERIFY(!buffer.refused(a->id));
        QVERIFY(buffer.refused(b->id));
        QCOMPARE(storage.trial(a->id).intermediate.at(0), 1.0);
        QVERIFY(storage.trial(b->id).intermediate.empty());
        QCOMPARE(storage.trialLog(b->id, "stdout"), std::string("tail\n"));  // a log still completes
    }

    void destructorWritesWhatIsPending()
    {
        tw::InMemoryStorage storage;
        const auto study = newStudy(storage);
        const auto t = storage.createTrial(study.id, running());
        {
            tw::TrialWriteBuffer buffer(storage, kHour);
            buffer.report(t->id, 0, 4.0);
        }
        QCOMPARE(storage.trial(t->id).intermediate.at(0), 4.0);
    }

    // --- through Study ----------------------------------------------------------------

    void tellFlushesTheTrialBeforeFinishingIt()
    {
        const QString path = m_dir.filePath(QStringLiteral("tell.twx"));
        tw::SqliteStorage storage(path);
        const auto rec = newStudy(storage);
        tw::Study study(storage, rec, space1(), std::make_shared<tw::RandomSampler>(1), nullptr, buffered(kHour));
        const auto t = study.ask();
        for (int step = 0; step < 20; ++step) {
            study.report(*t, step, double(step));
            study.appendLog(*t, "train", "epoch " + std::to_string(step) + "\n");
        }
        QVERIFY(storage.trial(t->id).intermediate.empty());  // held, an hour's interval
        QVERIFY(study.tell(*t, 19.0));
        const tw::FrozenTrial done = storage.trial(t->id);
        QVERIFY(done.state == TrialState::Complete);
        QCOMPARE(int(done.intermediate.size()), 20);
        QCOMPARE(done.intermediate.at(19), 19.0);
        QVERIFY(storage.trialLog(t->id, "train").rfind("epoch 0\n", 0) == 0);
        QCOMPARE(chunkRows(path, t->id, QStringLiteral("train")), 1);
        QCOMPARE(study.writeBuffer().flushCount(), 1LL);
        // Told: further reports are refused at once.
        QVERIFY_THROWS_EXCEPTION(tw::StorageError, study.report(*t, 20, 1.0));
    }

    void ownPrunerSeesItsValuesBeforeTheyAreStored()
    {
        tw::InMemoryStorage storage;
        const auto rec = newStudy(storage);
        tw::Study study(storage, rec, space1(), std::make_shared<tw::RandomSampler>(1),
                        std::make_shared<tw::MedianPruner>(2), buffered(kHour));
        for (double v : {1.0, 2.0}) {
            const auto t = study.ask();
            study.report(*t, 0, v);
            QVERIFY(!study.shouldPrune(*t));  // startup trials
            QVERIFY(study.tell(*t, v));
        }
        // Worse than the median at step 0: pruned on a value still in the buffer.
        const auto bad = study.ask();
        study.report(*bad, 0, 5.0);
        QVERIFY(storage.trial(bad->id).intermediate.empty());
        QVERIFY(study.shouldPrune(*bad));
        // Better: not pruned; then worse at the next step, from memory again.
        const auto good = study.ask();
        study.report(*good, 0, 0.5);
        QVERIFY(!study.shouldPrune(*good));
        study.report(*good, 1, 0.4);
        QVERIFY(!study.shouldPrune(*good));
        QVERIFY(storage.trial(good->id).intermediate.empty());
        QVERIFY(study.tell(*bad, TrialState::Pruned, std::nullopt, "pruned at step 0"));
        QVERIFY(study.tell(*good, 0.4));
        QCOMPARE(int(storage.trial(good->id).intermediate.size()), 2);
        QCOMPARE(storage.trial(bad->id).intermediate.at(0), 5.0);
    }

    void trialFinishedElsewhereIsPrunedAfterTheFlush()
    {
        tw::InMemoryStorage storage;
        const auto rec = newStudy(storage);
        tw::Study study(storage, rec, space1(), std::make_shared<tw::RandomSampler>(1), nullptr, buffered(kHour));
        const auto t = study.ask();
        study.report(*t, 0, 1.0);
        QVERIFY(!study.shouldPrune(*t));
        QVERIFY(storage.finishTrial(t->id, TrialState::Failed, std::nullopt, "stale", tw::Clock::now()));
        study.flushWrites();
        QVERIFY(study.writeBuffer().refused(t->id));
        QVERIFY(study.shouldPrune(*t));
        QVERIFY_THROWS_EXCEPTION(tw::StorageError, study.report(*t, 1, 1.0));
        QVERIFY(!study.tell(*t, 1.0));
    }

    void heartbeatsAreWrittenBeforeStaleTrialsAreJudged()
    {
        tw::InMemoryStorage storage;
        const auto rec = newStudy(storage);
        tw::TimePoint now = tw::TimePoint(std::chrono::seconds(1'700'000'000));
        tw::StudyOptions o = buffered(kHour);
        o.grace = std::chrono::seconds(60);
        o.clock = [&now] { return now; };
        tw::Study study(storage, rec, space1(), std::make_shared<tw::RandomSampler>(1), nullptr, o);
        const auto t = study.ask();
        now += std::chrono::seconds(50);
        study.heartbeat(*t);
        QVERIFY(!storage.trial(t->id).heartbeat.has_value());  // buffered
        now += std::chrono::seconds(30);  // 80 s after the start, 30 s after the beat
        QVERIFY(study.failStaleTrials().empty());
        QVERIFY(storage.trial(t->id).heartbeat.has_value());
    }

    void onePrunerReadPerIntervalButEveryTellSeen()
    {
        // With parallel 1 the pruner's view must hold every trial finished before: a
        // told trial forces the next read, whatever the interval.
        tw::InMemoryStorage storage;
        const auto rec = newStudy(storage);
        tw::Study study(storage, rec, space1(), std::make_shared<tw::RandomSampler>(1),
                        std::make_shared<tw::MedianPruner>(0), buffered(kHour));
        const auto first = study.ask();
        study.report(*first, 0, 1.0);
        QVERIFY(!study.shouldPrune(*first));  // nothing complete yet
        QVERIFY(study.tell(*first, 1.0));
        const auto second = study.ask();
        study.report(*second, 0, 2.0);
        QVERIFY(study.shouldPrune(*second));  // sees the first trial, finished just now
    }
};

QTEST_GUILESS_MAIN(tst_TrialWriteBuffer)
#include "tst_trialwritebuffer.moc"
