// ctest-labels: integration
// `tunewright-cli importance` (#16): its output formats and bad input, and its ranking
// against Optuna's FanovaImportanceEvaluator on the same trials (exported as an Optuna
// journal), skipped only when Debian's python3-optuna or python3-sklearn is missing.
#include "analysis/ParamImportance.h"
#include "core/Random.h"
#include "storage/SqliteStorage.h"
#include "support/ProgramRun.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <ctime>

namespace {

const char* kStudy = "six params";

// An additive objective of known structure, each parameter's share of the variance (over
// the sampling distribution) about: x 45 %, lr 25 % (log-scaled; its effect lies in its
// top decade, so it ranks second whether measured in log space as we do or in raw space as
// Optuna 3.1 does), optimizer (categorical) 15 %, layers (int) 9 %, momentum 5 %, junk 0.
// The shares are far enough apart (and the minor ones far enough above the forest's noise
// on junk, about 1 %) for a ranking to be meaningful on 200 trials.
double objective(double x, double lr, int opt, double layers, double momentum)
{
    const double optEffect[] = {0.0, -0.95, -0.475};
    return 2.3 * x + 1.9 * std::max(0.0, std::log10(lr) + 2) + optEffect[opt] + 0.13 * layers + 0.78 * momentum;
}

// n trials sampled at random (log-uniform for lr), all complete, in an SQLite file.
void writeStudy(const QString& file, int n)
{
    tw::SqliteStorage storage(file);
    tw::StudyRecord rec;
    rec.name = kStudy;
    rec.metric = "value";
    rec = storage.createStudy(rec);
    const auto fx = tw::Distribution::makeFloat(0, 1);
    const auto flr = tw::Distribution::makeFloat(1e-5, 1e-1, true);
    const auto fopt = tw::Distribution::makeCategorical({"\"sgd\"", "\"adam\"", "\"rmsprop\""});
    const auto flayers = tw::Distribution::makeInt(1, 8);
    tw::Random rng(2026);
    for (int i = 0; i < n; ++i) {
        tw::FrozenTrial t;
        t.state = tw::TrialState::Running;
        t = *storage.createTrial(rec.id, t);
        const double x = rng.uniform01(), lr = std::pow(10.0, -5 + 4 * rng.uniform01());
        const int opt = int(rng.below(3));
        const double layers = 1 + double(rng.below(8)), momentum = rng.uniform01(), junk = rng.uniform01();
        storage.setTrialParams(t.id, {{"x", x, fx}, {"lr", lr, flr}, {"optimizer", double(opt), fopt},
                                      {"layers", layers, flayers}, {"momentum", momentum, fx}, {"junk", junk, fx}});
        storage.finishTrial(t.id, tw::TrialState::Complete, objective(x, lr, opt, layers, momentum), {},
                            tw::Clock::now());
    }
}

// Spearman's rank correlation of two importance lists over the same names (no ties).
double spearman(const std::vector<std::string>& a, const std::vector<std::string>& b)
{
    const double n = double(a.size());
    double d2 = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const auto j = std::find(b.begin(), b.end(), a[i]) - b.begin();
        d2 += (double(i) - double(j)) * (double(i) - double(j));
    }
    return 1 - 6 * d2 / (n * (n * n - 1));
}

} // namespace

class tst_ImportanceCommand : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_file = m_dir.filePath("six.twx");
        writeStudy(m_file, 200);
    }

    // The JSON of the issue: evaluator, trials, importances as an array, highest first, sum 1.
    void printsJson()
    {
        const auto r = tw::test::runCli({"importance", "--storage", m_file, "--format", "json", "--seed", "3"});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(o.keys(), QStringList({"evaluator", "importances", "trials"}));
        QCOMPARE(o["evaluator"].toString(), QString("fanova"));
        QCOMPARE(o["trials"].toInt(), 200);
        const QJsonArray list = o["importances"].toArray();
        QCOMPARE(list.size(), 6);
        QCOMPARE(list[0].toObject()["param"].toString(), QString("x"));
        double sum = 0, previous = 2;
        for (const auto& v : list) {
            const double imp = v.toObject()["importance"].toDouble();
            QVERIFY(imp <= previous);
            previous = imp;
            sum += imp;
        }
        QVERIFY(std::abs(sum - 1) < 1e-9);
        QCOMPARE(list[5].toObject()["param"].toString(), QString("junk"));
        // Deterministic given the seed: the same bytes again.
        QCOMPARE(tw::test::runCli({"importance", "--storage", m_file, "--format", "json", "--seed", "3"}).out, r.out);
    }

    void printsATableAndMdi()
    {
        const auto r = tw::test::runCli({"importance", "--storage", m_file, "--evaluator", "mdi"});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.startsWith("mdi importance over 200 complete trials, seed 0\n"), qPrintable(r.out));
        const QStringList lines = r.out.split('\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 8);
        QVERIFY(lines[2].startsWith("x "));
        const auto sub = tw::test::runCli({"importance", "--storage", m_file, "--max-trials", "50"});
        QCOMPARE(sub.exitCode, 0);
        QVERIFY2(sub.out.startsWith("fanova importance over 50 complete trials (a random subset of 200)"), qPrintable(sub.out));
    }

    void badInputExitsTwo_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("evaluator") << QStringList{"--evaluator", "shap"} << "--evaluator: expected fanova or mdi, got \"shap\"";
        QTest::newRow("format") << QStringList{"--format", "csv"} << "--format: expected table or json";
        QTest::newRow("seed") << QStringList{"--seed", "-1"} << "--seed: expected an integer >= 0";
        QTest::newRow("study") << QStringList{"--study", "nope"} << "nope";
        QTest::newRow("positional") << QStringList{"extra"} << "unexpected argument \"extra\"";
    }
    void badInputExitsTwo()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const auto r = tw::test::runCli(QStringList{"importance", "--storage", m_file} + args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
    }

    void refusesAStudyWithTooFewTrials()
    {
        const QString file = m_dir.filePath("one.twx");
        writeStudy(file, 1);
        const auto r = tw::test::runCli({"importance", "--storage", file});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("study 'six params': importance needs at least 2 complete trials"), qPrintable(r.err));
    }

    // Same most important parameter as Optuna's fANOVA and Spearman >= 0.8 on the 200 trials.
    // TW_IMPORTANCE_TRIALS=N runs it on N trials instead, for docs/benchmarks.md; either way
    // both evaluators' CPU times are printed (never asserted).
    void agreesWithOptuna()
    {
        QProcess probe;
        probe.start("/usr/bin/python3", {"-c", "import optuna, sklearn"});
        if (!probe.waitForFinished(60000) || probe.exitCode() != 0)
            QSKIP("python3-optuna or python3-sklearn cannot be imported: apt-get install python3-optuna python3-sklearn");
        QString file = m_file;
        const int n = qEnvironmentVariableIntValue("TW_IMPORTANCE_TRIALS");
        if (n > 0) {
            file = m_dir.filePath("bench.twx");
            writeStudy(file, n);
        }
        const QString journal = m_dir.filePath("journal.log");
        const auto exported = tw::test::runCli({"export", "--storage", file, "--optuna-journal", journal});
        QVERIFY2(exported.exitCode == 0, qPrintable(exported.err));

        tw::test::ProgramOptions options;
        options.timeoutMs = 600000;
        QProcess py;
        py.start("/usr/bin/python3", {tw::test::sourcePath("tests/support/optuna_importance.py"), journal, kStudy, "fanova", "0"});
        QVERIFY(py.waitForFinished(options.timeoutMs));
        QVERIFY2(py.exitCode() == 0, py.readAllStandardError().constData());
        const QJsonObject theirs = QJsonDocument::fromJson(py.readAllStandardOutput()).object();
        std::vector<std::string> optunaOrder;
        QString optunaText;
        for (const auto& v : theirs["importances"].toArray()) {
            optunaOrder.push_back(v.toArray()[0].toString().toStdString());
            optunaText += QString(" %1=%2").arg(v.toArray()[0].toString()).arg(v.toArray()[1].toDouble(), 0, 'f', 4);
        }

        tw::SqliteStorage storage(file);
        const auto trials = storage.trials(storage.findStudy(kStudy)->id);
        const std::clock_t start = std::clock();
        const auto ours = tw::ParamImportance::compute(trials, {});
        const double ourCpu = double(std::clock() - start) / CLOCKS_PER_SEC;
        QVERIFY2(ours.ok(), ours.error.c_str());
        std::vector<std::string> ourOrder;
        QString ourText;
        for (const auto& e : ours.importances) {
            ourOrder.push_back(e.param);
            ourText += QString(" %1=%2").arg(QString::fromStdString(e.param)).arg(e.importance, 0, 'f', 4);
        }
        const double rho = spearman(ourOrder, optunaOrder);
        qInfo().noquote() << "trials" << theirs["trials"].toInt() << "\n  ours:  " << ourText << "cpu" << ourCpu
                          << "s\n  optuna:" << optunaText << "cpu" << theirs["cpu_seconds"].toDouble() << "s\n  spearman" << rho;
        QCOMPARE(optunaOrder.size(), ourOrder.size());
        QCOMPARE(ourOrder.front(), optunaOrder.front());
        QVERIFY(rho >= 0.8);
    }

private:
    QTemporaryDir m_dir;
    QString m_file;
};

QTEST_MAIN(tst_ImportanceCommand)
#include "tst_importancecommand.moc"
