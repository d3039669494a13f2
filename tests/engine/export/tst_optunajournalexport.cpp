// ctest-labels: integration
#include "export/OptunaJournalExport.h"
#include "support/SampleTrials.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

// Optuna 3.1 (Debian's python3-optuna) must load the journal with the same study,
// states, params, values and intermediate values.
class tst_OptunaJournalExport : public QObject {
    Q_OBJECT
private slots:
    void optunaLoadsIt()
    {
        const QString python = "/usr/bin/python3";
        QProcess probe;
        probe.start(python, {"-c", "import optuna"});
        if (!probe.waitForFinished(60000) || probe.exitCode() != 0)
            QSKIP("python3-optuna is not installed: apt-get install python3-optuna");

        tw::StudyRecord study;
        study.name = "iris \"mlp\"";
        study.direction = tw::StudyDirection::Maximize;
        QTemporaryDir dir;
        const QString file = dir.filePath("journal.log");
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(tw::OptunaJournalExport::write(study, tw::test::sampleTrials()));
        f.close();

        const char* script = R"(
import math, sys, warnings
warnings.simplefilter("ignore")
import optuna
from optuna.storages import JournalStorage, JournalFileStorage
s = JournalStorage(JournalFileStorage(sys.argv[1]))
study = optuna.load_study(study_name='iris "mlp"', storage=s)
assert study.direction == optuna.study.StudyDirection.MAXIMIZE
t = study.trials
assert [x.state.name for x in t] == ["COMPLETE", "PRUNED", "FAIL", "COMPLETE", "RUNNING"], [x.state.name for x in t]
assert t[0].value == 0.91 and t[3].value == 0.97
assert study.best_trial.number == 3
assert t[0].params["model.hidden"] == "[32]", t[0].params
assert t[0].params["training.batch_size"] == 16
assert abs(t[1].params["training.learning_rate"] - 0.002) < 1e-15
assert t[0].params["training.optimizer"] == "adam"
assert t[1].intermediate_values[2] == math.inf
assert math.isnan(t[2].intermediate_values[2])
assert t[0].intermediate_values[1] == 0.6
assert t[2].system_attrs["tunewright:reason"] == "loss became NaN at epoch 2"
assert t[0].duration.total_seconds() == 2.5
print("ok", len(t))
)";
        QProcess py;
        py.start(python, {"-c", script, file});
        QVERIFY(py.waitForFinished(120000));
        const QString out = QString::fromUtf8(py.readAllStandardOutput() + py.readAllStandardError());
        QVERIFY2(py.exitCode() == 0, qPrintable(out));
        QVERIFY(out.contains("ok 5"));
    }
};

QTEST_GUILESS_MAIN(tst_OptunaJournalExport)
#include "tst_optunajournalexport.moc"
