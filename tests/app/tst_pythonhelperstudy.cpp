// ctest-labels: integration
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include "support/ProgramRun.h"

#include <cmath>

// A study through the command objective whose trials are a pure-Python script using
// python/tunewright (#19), with a median pruner: the values, the intermediate steps and
// the states as `tunewright-cli trials` reports them; NaN and Infinity results (#13 item 16).
class tst_PythonHelperStudy : public QObject {
    Q_OBJECT

    static double f(double x, int step) { return (x - 0.3) * (x - 0.3) + 0.5 / step; }

private slots:
    void runsAPrunedStudyOfAPythonScript()
    {
        if (!QFileInfo::exists("/usr/bin/python3"))
            QSKIP("no /usr/bin/python3");
        QTemporaryDir dir;
        const QJsonObject spec{
            {"version", 1}, {"name", "py-helper"}, {"direction", "minimize"},
            {"objective",
             QJsonObject{{"type", "command"},
                         {"argv", QJsonArray{"/usr/bin/python3",
                                             tw::test::testData(QStringLiteral("commands/tw_quadratic.py"))}},
                         {"workdir", dir.path()},
                         {"env", QJsonObject{{"PYTHONPATH", tw::test::sourcePath(QStringLiteral("python"))},
                                             {"PYTHONDONTWRITEBYTECODE", "1"}}},
                         {"timeout_s", 60}}},
            {"search_space", QJsonObject{{"x", QJsonObject{{"type", "float"}, {"low", 0}, {"high", 1}, {"step", 0.1}}}}},
            {"sampler", QJsonObject{{"type", "grid"}, {"seed", 4}}},
            {"pruner", QJsonObject{{"type", "median"}, {"n_startup_trials", 2}, {"n_warmup_steps", 1}}},
            {"budget", QJsonObject{{"trials", 11}, {"parallel", 1}}}};
        const QString specPath = dir.filePath("spec.json");
        QFile f(specPath);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QJsonDocument(spec).toJson());
        f.close();
        const QString storage = "sqlite:///" + dir.filePath("py.twx");
        auto r = tw::test::runCli({"run", specPath, "--storage", storage});
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        r = tw::test::runCli({"trials", "--storage", storage, "--format", "json"});
        QCOMPARE(r.exitCode, 0);
        const QJsonArray trials = QJsonDocument::fromJson(r.out.toUtf8()).array();
        QCOMPARE(trials.size(), 11);

        QMap<QString, int> states;
        for (const QJsonValue& v : trials) {
            const QJsonObject t = v.toObject();
            const double x = t["params"].toObject()["x"].toDouble();
            const QString state = t["state"].toString();
            const QJsonObject steps = t["intermediate"].toObject();
            const QString where = QStringLiteral("trial %1 (x = %2, %3)").arg(t["number"].toInt()).arg(x).arg(state);
            states[state]++;
            if (x < 1e-9) {  // no steps, the result Infinity: complete with inf
                QCOMPARE(state, QStringLiteral("complete"));
                QCOMPARE(t["value"].toString(), QStringLiteral("inf"));
                QVERIFY(steps.isEmpty());
                continue;
            }
            if (x >= 0.95) {  // the result NaN: failed
                QCOMPARE(state, QStringLiteral("failed"));
                QVERIFY2(t["reason"].toString().contains("the objective returned NaN"), qPrintable(where));
                continue;
            }
            // Every step reported is the script's value; a pruned trial stops at its first
            // rejected step, a complete one has all six and the last one's value.
            int last = 0;
            for (auto it = steps.begin(); it != steps.end(); ++it) {
                const int step = it.key().toInt();
                QVERIFY2(step == last + 1, qPrintable(where));
                last = step;
                QVERIFY2(std::fabs(it.value().toDouble() - this->f(x, step)) < 1e-12, qPrintable(where));
            }
            if (state == QLatin1String("complete")) {
                QCOMPARE(last, 6);
                QVERIFY2(std::fabs(t["value"].toDouble() - this->f(x, 6)) < 1e-12, qPrintable(where));
            } else {
                QVERIFY2(state == QLatin1String("pruned"), qPrintable(where));
                QVERIFY2(last >= 1 && last <= 6, qPrintable(where));  // at any reported step
                QVERIFY(t["value"].isNull());
            }
        }
        QCOMPARE(states.value("failed"), 1);
        QVERIFY2(states.value("pruned") >= 1, qPrintable(r.out));
        QVERIFY2(states.value("complete") >= 3, qPrintable(r.out));
        // The trials wrote nothing into their folders, so none is left behind.
        QVERIFY(!QFileInfo::exists(dir.filePath("tw-trials")));
    }
};

QTEST_GUILESS_MAIN(tst_PythonHelperStudy)
#include "tst_pythonhelperstudy.moc"
