// The one objective contract suite (tests/support/ObjectiveContract.h, #18), run against
// the three objectives a spec can name: function, command and train.
#include "support/ObjectiveContract.h"
#include "support/TestPaths.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QtTest>

using tw::test::ObjectiveContract;
using tw::test::ObjectiveSubject;

namespace {

QJsonObject floatParam(double low, double high, bool log = false)
{
    QJsonObject p{{"type", "float"}, {"low", low}, {"high", high}};
    if (log)
        p.insert("log", true);
    return p;
}

} // namespace

class tst_ObjectiveContracts : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    ObjectiveSubject command(const QString& script) const
    {
        ObjectiveSubject s;
        s.objective = QJsonObject{
            {"type", "command"},
            {"argv", QJsonArray{"/bin/sh", tw::test::testData(QStringLiteral("commands/") + script), "{x}", "25"}},
            {"workdir", m_dir.path()}};
        s.searchSpace = QJsonObject{{"x", floatParam(-1, 1)}};
        return s;
    }

    static QJsonObject train(const QString& source)
    {
        return QJsonObject{
            {"type", "train"},
            {"dataset", QJsonObject{{"source", source}, {"split", QJsonObject{{"validation", 0.3}, {"seed", 1}}}}},
            {"model", QJsonObject{{"type", "mlp"}, {"hidden", QJsonArray{8}}}},
            {"training", QJsonObject{{"batch_size", 16}, {"epochs", 6}, {"seed", 0}}}};
    }

private slots:
    void function_data() { ObjectiveContract::addRows(); }
    void function()
    {
        ObjectiveSubject s;
        s.objective = QJsonObject{{"type", "function"}, {"name", "branin"}};
        s.searchSpace = QJsonObject{{"x0", floatParam(-5, 10)}, {"x1", floatParam(0, 15)}};
        s.reportsSteps = false;
        ObjectiveContract::run(s);
    }

    void command_data() { ObjectiveContract::addRows(); }
    void command()
    {
        ObjectiveSubject s = command(QStringLiteral("curve.sh"));
        s.broken = command(QStringLiteral("crash.sh")).objective;
        s.brokenReasonHolds = QStringLiteral("ValueError: bad learning rate");
        ObjectiveContract::run(s);
    }

    void train_data() { ObjectiveContract::addRows(); }
    void train()
    {
        ObjectiveSubject s;
        s.objective = train(QStringLiteral("builtin:iris"));
        s.searchSpace = QJsonObject{{"training.learning_rate", floatParam(0.005, 0.05, true)}};
        s.metric = QStringLiteral("val_accuracy");
        s.direction = QStringLiteral("maximize");
        // A CSV that is gone by the time the trial runs.
        s.broken = train(QStringLiteral("csv:") + m_dir.filePath("gone.csv"));
        s.brokenReasonHolds = QStringLiteral("gone.csv");
        ObjectiveContract::run(s);
    }
};

QTEST_GUILESS_MAIN(tst_ObjectiveContracts)
#include "tst_objectivecontracts.moc"
