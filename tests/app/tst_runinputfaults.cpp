// ctest-labels: integration faults
// #13 items 10-14 and 17 through the built CLI: input that was accepted and then made
// every trial fail, stopped the run at once, or was silently changed is refused (exit 2)
// before any study is created, with a message saying where.
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

#include "support/ProgramRun.h"

using tw::test::runCli;

class tst_RunInputFaults : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    QString write(const QString& name, const QByteArray& bytes)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        f.open(QIODevice::WriteOnly);
        f.write(bytes);
        return path;
    }
    QString writeSpec(const QString& name, const QJsonObject& spec)
    {
        return write(name + ".json", QJsonDocument(spec).toJson());
    }

    static QJsonObject sphere(const QString& name, const QJsonObject& x0, const QJsonObject& budget = {{"trials", 3}})
    {
        return QJsonObject{{"version", 1}, {"name", name},
                           {"objective", QJsonObject{{"type", "function"}, {"name", "sphere"}, {"dim", 1}}},
                           {"search_space", QJsonObject{{"x0", x0}}},
                           {"sampler", QJsonObject{{"type", "random"}, {"seed", 2}}},
                           {"budget", budget}};
    }
    static QJsonObject unitRange() { return QJsonObject{{"type", "float"}, {"low", -1}, {"high", 1}}; }

    // The studies a storage holds (it may not exist yet).
    static int studyCount(const QString& storage)
    {
        const auto r = runCli({"studies", "--storage", storage, "--format", "json"});
        return r.exitCode == 0 ? static_cast<int>(QJsonDocument::fromJson(r.out.toUtf8()).array().size()) : 0;
    }

    QJsonObject csvStudy(const QString& csv, const QString& metric, const QJsonObject& extra = {})
    {
        QJsonObject dataset = extra;
        dataset.insert("source", "csv:" + csv);
        return QJsonObject{{"version", 1}, {"name", "data"}, {"metric", metric},
                           {"objective", QJsonObject{{"type", "train"}, {"dataset", dataset},
                                                     {"training", QJsonObject{{"epochs", 1}}}}},
                           {"budget", QJsonObject{{"trials", 1}}}};
    }

private slots:
    void manyChoicesCreateQuickly() // item 10
    {
        QJsonArray choices;
        for (int i = 0; i < 100000; ++i)
            choices.append(i);
        const QString spec = writeSpec("choices", sphere("choices", {{"type", "categorical"}, {"choices", choices}}));
        QElapsedTimer clock;
        clock.start();
        const auto r = runCli({"run", spec, "--storage", m_dir.filePath("choices.twx"), "--create-only"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        qInfo("run --create-only with 100000 choices: %lld ms", clock.elapsed());
        QVERIFY(clock.elapsed() < 60000); // it took minutes; the bound is only against a hang
    }

    void hugeTimeoutIsNoLimit() // item 11
    {
        for (const double timeout : {9.3e9, 1e300, 5e8}) {
            const QString name = QStringLiteral("timeout%1").arg(int(std::log10(timeout)));
            const QString spec = writeSpec(name, sphere(name, unitRange(), {{"trials", 3}, {"timeout_s", timeout}}));
            const auto r = runCli({"run", spec, "--storage", m_dir.filePath("t.twx")});
            QVERIFY2(r.exitCode == 0, qPrintable(r.err));
            QVERIFY2(!r.err.contains("time budget"), qPrintable(r.err));
            QVERIFY2(r.err.contains("3 complete"), qPrintable(r.err));
        }
    }

    void tooWideRangeIsRefused() // item 12
    {
        const QString storage = m_dir.filePath("wide.twx");
        const QString spec =
            writeSpec("wide", sphere("wide", {{"type", "float"}, {"low", -1.7e308}, {"high", 1.7e308}}));
        const auto r = runCli({"run", spec, "--storage", storage});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("search_space.x0: the range"), qPrintable(r.err));
        QCOMPARE(studyCount(storage), 0);
    }

    void tooDeepValueIsRefusedAtCreate() // item 13
    {
        QByteArray value = "1";
        for (int i = 0; i < 1021; ++i)
            value = "[" + value + "]";
        const QString spec = write("deep.json", R"({"version": 1, "name": "deep",
            "objective": {"type": "command", "argv": ["true"]},
            "search_space": {"v": {"type": "fixed", "value": )" + value + "}}}");
        const QString storage = m_dir.filePath("deep.twx");
        const auto r = runCli({"run", spec, "--storage", storage});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("search_space.v.value") && r.err.contains("nested deeper than 128"), qPrintable(r.err));
        QCOMPARE(studyCount(storage), 0);
    }

    void duplicateKeysAndZeroTrialsAreRefused() // item 14
    {
        const QString storage = m_dir.filePath("dup.twx");
        const QString spec = write("dup.json", R"({"version": 1, "name": "dup",
            "objective": {"type": "function", "name": "sphere", "dim": 1},
            "search_space": {"x0": {"type": "float", "low": -1, "high": 1, "low": 0}}})");
        auto r = runCli({"run", spec, "--storage", storage});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("dup.json:3:") && r.err.contains("search_space.x0.low: duplicate key"),
                 qPrintable(r.err));
        const QString good = writeSpec("zero", sphere("zero", unitRange()));
        r = runCli({"run", good, "--storage", storage, "--trials", "0"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("--trials: expected an integer >= 1"), qPrintable(r.err));
        QCOMPARE(studyCount(storage), 0);
        // The params of `train` are read by the same rules.
        const QString iris = write("iris.json", R"({"metric": "val_accuracy",
            "objective": {"type": "train", "dataset": {"source": "builtin:iris"}}})");
        r = runCli({"train", iris, "--params", R"({"training.epochs": 1, "training.epochs": 2})"});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("[\"training.epochs\"]: duplicate key"), qPrintable(r.err));
    }

    void dataIsCheckedBeforeTheStudyIsCreated() // item 17
    {
        const QString storage = m_dir.filePath("data.twx");
        QByteArray rows = "a,b,price\n";
        for (int i = 0; i < 40; ++i)
            rows += QByteArray::number(i % 3) + "," + QByteArray::number(i * 0.5) + "," + QByteArray::number(i * 1.25 + 0.3) + "\n";
        const QString csv = write("prices.csv", rows);
        struct Case { QJsonObject spec; QString where; QString what; };
        const QList<Case> cases = {
            {csvStudy(m_dir.filePath("nowhere.csv"), "val_loss"), "objective.dataset.source", "no such file"},
            {csvStudy(csv, "val_loss", {{"target", "cost"}}), "objective.dataset.target", "'cost' not found"},
            {csvStudy(csv, "val_loss", {{"columns", QJsonObject{{"ignore", QJsonArray{"z"}}}}}),
             "objective.dataset.columns.ignore", "'z' not found"},
            {csvStudy(csv, "val_accuracy"), "objective.dataset.target", "needs a classification target"},
        };
        for (const Case& c : cases) {
            const QString spec = writeSpec("data", c.spec);
            const auto r = runCli({"run", spec, "--storage", storage});
            QCOMPARE(r.exitCode, 2);
            QVERIFY2(r.err.contains(c.where + ": ") && r.err.contains(c.what), qPrintable(r.err));
            QCOMPARE(studyCount(storage), 0);
        }
        const auto r = runCli({"run", writeSpec("data", csvStudy(csv, "val_rmse")), "--storage", storage});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.err.contains("1 complete"), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(tst_RunInputFaults)
#include "tst_runinputfaults.moc"
