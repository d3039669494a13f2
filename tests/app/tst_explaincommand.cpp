// ctest-labels: integration
// `tunewright-cli explain` (#16 item 7): a GP study of branin run by the CLI stores a
// surrogate snapshot with each GP trial; rebuilding the surrogate from it puts the
// acquisition's maximum at the stored suggestion; the command prints it as JSON and as a
// table, and refuses trials without a snapshot (the Sobol start-up) and bad input. A TPE
// study's trials print l(x), g(x) and the split, the TPE start-up trials are refused.
#include "analysis/SurrogateRebuild.h"
#include "io/GPSnapshotJson.h"
#include "storage/SqliteStorage.h"
#include "support/ProgramRun.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

namespace {

const int kStartup = 5;
const int kTrials = 12;

QByteArray tpeSpec()
{
    return QJsonDocument(QJsonObject{
                             {"version", 1},
                             {"name", "branin-tpe"},
                             {"direction", "minimize"},
                             {"objective", QJsonObject{{"type", "function"}, {"name", "branin"}}},
                             {"search_space", QJsonObject{{"x0", QJsonObject{{"type", "float"}, {"low", -5.0}, {"high", 10.0}}},
                                                          {"x1", QJsonObject{{"type", "int"}, {"low", 0}, {"high", 15}}}}},
                             {"sampler", QJsonObject{{"type", "tpe"}, {"seed", 2}, {"n_startup", kStartup}}},
                             {"budget", QJsonObject{{"trials", kTrials}}}})
        .toJson();
}

QByteArray spec(int localEvery)
{
    return QJsonDocument(QJsonObject{
                             {"version", 1},
                             {"name", "branin-explain"},
                             {"direction", "minimize"},
                             {"objective", QJsonObject{{"type", "function"}, {"name", "branin"}}},
                             {"search_space", QJsonObject{{"x0", QJsonObject{{"type", "float"}, {"low", -5.0}, {"high", 10.0}}},
                                                          {"x1", QJsonObject{{"type", "float"}, {"low", 0.0}, {"high", 15.0}}}}},
                             {"sampler", QJsonObject{{"type", "gp"}, {"seed", 3}, {"n_startup", kStartup}, {"local_every", localEvery}}},
                             {"budget", QJsonObject{{"trials", kTrials}}}})
        .toJson();
}

} // namespace

class tst_ExplainCommand : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_file = m_dir.filePath("branin.twx");
        const QString specFile = m_dir.filePath("branin.json");
        QFile f(specFile);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(spec(2));  // every second GP trial in the trust region: both kinds are checked
        f.close();
        const auto r = tw::test::runCli({"run", specFile, "--storage", m_file});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        m_tpeFile = m_dir.filePath("tpe.twx");
        QFile t(m_dir.filePath("tpe.json"));
        QVERIFY(t.open(QIODevice::WriteOnly));
        t.write(tpeSpec());
        t.close();
        const auto rt = tw::test::runCli({"run", t.fileName(), "--storage", m_tpeFile});
        QVERIFY2(rt.exitCode == 0, qPrintable(rt.err));
    }

    // A TPE trial: a draw per parameter (univariate), each with its split, the winner's
    // score the best of its candidates; slices of l, g and their log ratio, whose value at
    // the chosen point is the draw's score; the trials l and g were fitted on.
    void printsTpeJson()
    {
        const auto r = tw::test::runCli({"explain", "--storage", m_tpeFile, "--trial", "10", "--format", "json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(o["trial"].toInt(), 10);
        QCOMPARE(o["sampler_method"].toString(), QString("tpe"));
        QCOMPARE(o["seed"].toString(), QString("2"));
        QCOMPARE(o["attempt"].toInt(), 0);
        const QJsonObject point = o["point"].toObject();
        QVERIFY(point["x1"].isDouble() && point["x1"].toDouble() == std::round(point["x1"].toDouble()));
        const QJsonArray draws = o["draws"].toArray();
        QCOMPARE(draws.size(), 2);
        double total = 0;
        for (const auto& v : draws) {
            const QJsonObject d = v.toObject();
            QVERIFY(!d["multivariate"].toBool());
            QCOMPARE(d["n"].toInt(), 10);
            QCOMPARE(d["below"].toArray().size(), 1);  // gamma(10) = ceil(0.1 * 10)
            QCOMPARE(d["above"].toArray().size(), 9);
            QCOMPARE(d["candidates_drawn"].toInt(), 8);
            QVERIFY(std::abs(d["score"].toDouble() - (d["log_l"].toDouble() - d["log_g"].toDouble())) < 1e-12);
            for (const auto& c : d["candidates"].toArray())
                QVERIFY(c.toObject()["score"].toDouble() <= d["score"].toDouble());
            total += d["score"].toDouble();
        }
        QVERIFY(std::abs(o["score"].toDouble() - total) < 1e-9);
        const QJsonArray slices = o["slices"].toArray();
        QCOMPARE(slices.size(), 2);
        for (int i = 0; i < 2; ++i) {
            const QJsonObject s = slices[i].toObject();
            const QJsonArray x = s["x"].toArray();
            QCOMPARE(s["l"].toArray().size(), x.size());
            QCOMPARE(s["g"].toArray().size(), x.size());
            QCOMPARE(s["ratio"].toArray().size(), x.size());
            QCOMPARE(s["below"].toArray().size() + s["above"].toArray().size(), 10);
            if (s["param"].toString() == "x1") {
                QCOMPARE(x.size(), 16);  // every int value
                const int at = s["point"].toInt();
                const double ratio = s["ratio"].toArray()[at].toDouble();
                QVERIFY(std::abs(ratio - draws[s["draw"].toInt()].toObject()["score"].toDouble()) < 1e-9);
            } else {
                QCOMPARE(x.size(), 101);
            }
        }
    }

    void printsATpeTable()
    {
        const auto r = tw::test::runCli({"explain", "--storage", m_tpeFile, "--trial", "11"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.startsWith("Trial 11: suggested by tpe, 2 draws from l(x)"), qPrintable(r.out));
        QVERIFY(r.out.contains("  x0 = ") && r.out.contains("  x1 = "));
        QVERIFY2(r.out.contains("l(x) from 2 of n = 11 trials: #"), qPrintable(r.out));
        const auto startup = tw::test::runCli({"explain", "--storage", m_tpeFile, "--trial", "3"});
        QCOMPARE(startup.exitCode, 2);
        QVERIFY2(startup.err.contains("trial 3 was suggested by random and has no snapshot"), qPrintable(startup.err));
        QVERIFY(startup.out.isEmpty());
    }

    // Each GP trial's snapshot rebuilds a surrogate whose acquisition peaks at the stored
    // suggestion: the trial's params encode to the snapshot's point (1e-6 in the unit
    // cube), the acquisition there is the one the sampler computed, no point along any
    // parameter through it within the search box is higher, and neither is any candidate.
    void rebuiltAcquisitionPeaksAtTheSuggestion()
    {
        tw::SqliteStorage storage(m_file);
        const auto studies = storage.studies();
        QCOMPARE(studies.size(), std::size_t(1));
        const auto trials = storage.trials(studies.front().id);
        QCOMPARE(trials.size(), std::size_t(kTrials));
        int gpTrials = 0, local = 0;
        for (const auto& t : trials) {
            const auto attr = t.systemAttrs.find(tw::GPSnapshot::kAttr);
            const auto method = t.systemAttrs.find("sampler_method");
            QVERIFY(method != t.systemAttrs.end());
            if (method->second != "\"gp\"") {
                QCOMPARE(method->second, std::string("\"sobol\""));
                QVERIFY2(attr == t.systemAttrs.end(), "a Sobol trial has a snapshot");
                continue;
            }
            QVERIFY2(attr != t.systemAttrs.end(), qPrintable(QString("GP trial %1 has no snapshot").arg(t.number)));
            QString error;
            auto snap = tw::GPSnapshotJson::parse(attr->second, &error);
            QVERIFY2(snap, qPrintable(error));
            QCOMPARE(snap->trial, t.number);
            QCOMPARE(int(snap->fittedOn.size()), t.number);  // every earlier trial, one worker
            const tw::SurrogateRebuild r(*snap, trials);
            ++gpTrials;
            local += snap->boxLow.empty() ? 0 : 1;
            const Eigen::VectorXd point = r.point();
            QVERIFY((r.encode(t.params) - point).cwiseAbs().maxCoeff() < 1e-6);
            const double top = r.acquisition(point);
            QVERIFY2(std::abs(top - snap->pointAcquisition) <= 1e-9 * std::max(1.0, std::abs(top)),
                     qPrintable(QString("trial %1: %2 rebuilt, %3 stored").arg(t.number).arg(top).arg(snap->pointAcquisition)));
            QVERIFY(r.inBox(point, 1e-9));
            for (const auto& c : snap->candidates)
                QVERIFY(c.acquisition <= top + 1e-6);
            for (const auto& s : r.slices(401)) {
                const auto dist = r.distributions().at(s.param);
                for (std::size_t i = 0; i < s.x.size(); ++i) {
                    Eigen::VectorXd x = point;
                    x[s.param == "x0" ? 0 : 1] = dist.toUnit(s.x[i]);
                    if (!r.inBox(x))
                        continue;
                    QVERIFY2(s.acquisition[i] <= top + 1e-6,
                             qPrintable(QString("trial %1, %2 = %3: acquisition %4 above the chosen %5")
                                            .arg(t.number).arg(QString::fromStdString(s.param)).arg(s.x[i])
                                            .arg(s.acquisition[i]).arg(top)));
                }
            }
        }
        QVERIFY(gpTrials >= kTrials - kStartup - 2);
        QVERIFY(local > 0 && local < gpTrials);
    }

    // The JSON of the issue: trial, sampler_method, acquisition, point, slices (x, mean,
    // std, acquisition per parameter), candidates ranked, observed trials.
    void printsJson()
    {
        const auto r = tw::test::runCli({"explain", "--storage", m_file, "--trial", "9", "--format", "json"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(o["trial"].toInt(), 9);
        QCOMPARE(o["sampler_method"].toString(), QString("gp"));
        QCOMPARE(o["acquisition"].toString(), QString("log_ei"));
        QVERIFY(o["point"].toObject().contains("x0") && o["point"].toObject().contains("x1"));
        const QJsonArray slices = o["slices"].toArray();
        QCOMPARE(slices.size(), 2);
        for (const auto& v : slices) {
            const QJsonObject s = v.toObject();
            const int n = s["x"].toArray().size();
            QVERIFY(n > 50);
            QCOMPARE(s["mean"].toArray().size(), n);
            QCOMPARE(s["std"].toArray().size(), n);
            QCOMPARE(s["acquisition"].toArray().size(), n);
        }
        const QJsonArray cands = o["candidates"].toArray();
        QVERIFY(!cands.isEmpty());
        for (int i = 1; i < cands.size(); ++i)
            QVERIFY(cands[i].toObject()["acquisition"].toDouble() <= cands[i - 1].toObject()["acquisition"].toDouble());
        const QJsonArray observed = o["observed"].toArray();
        QCOMPARE(observed.size(), 9);
        QCOMPARE(observed[0].toObject()["number"].toInt(), 0);
        QVERIFY(observed[0].toObject()["value"].isDouble());
    }

    void printsATable()
    {
        const auto r = tw::test::runCli({"explain", "--storage", m_file, "--trial", "7"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QVERIFY2(r.out.startsWith("Trial 7: suggested by gp, maximizing log_ei"), qPrintable(r.out));
        QVERIFY(r.out.contains("  x0 = ") && r.out.contains("  x1 = "));
        QVERIFY(r.out.contains("Other candidates, best first"));
    }

    void refusesWhatItCannotExplain_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("sobol trial") << QStringList{"--trial", "2"}
                                     << "trial 2 was suggested by sobol and has no snapshot; explanations exist for trials the GP or the TPE sampler suggested";
        QTest::newRow("no such trial") << QStringList{"--trial", "40"} << "has no trial 40 (it has 12 trials";
        QTest::newRow("no trial") << QStringList{} << "--trial N is required";
        QTest::newRow("bad trial") << QStringList{"--trial", "x"} << "--trial: expected an integer >= 0, got \"x\"";
        QTest::newRow("format") << QStringList{"--trial", "7", "--format", "csv"} << "--format: expected table or json";
        QTest::newRow("study") << QStringList{"--trial", "7", "--study", "nope"} << "nope";
    }
    void refusesWhatItCannotExplain()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const auto r = tw::test::runCli(QStringList{"explain", "--storage", m_file} + args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
    }

    // A snapshot that is not one is a clear message, not a crash.
    void badSnapshotText()
    {
        QString error;
        QVERIFY(!tw::GPSnapshotJson::parse("{\"version\": 1}", &error));
        QVERIFY2(error.contains("gp_snapshot: trial is missing"), qPrintable(error));
        QVERIFY(!tw::GPSnapshotJson::parse("{\"version\": 9}", &error));
        QVERIFY2(error.contains("version 9 is not known"), qPrintable(error));
        QVERIFY(!tw::GPSnapshotJson::parse("[1", &error));
        QVERIFY2(error.contains("not JSON"), qPrintable(error));
    }

private:
    QTemporaryDir m_dir;
    QString m_file;
    QString m_tpeFile;
};

QTEST_GUILESS_MAIN(tst_ExplainCommand)
#include "tst_explaincommand.moc"
