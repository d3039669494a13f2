#include "setup/SearchSpaceModel.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QtTest>

using namespace tw::widgets;
using M = SearchSpaceModel;

namespace {

QJsonObject irisSpace()
{
    return QJsonDocument::fromJson(R"({
        "training.learning_rate": {"type": "float", "low": 1e-4, "high": 0.1, "log": true},
        "training.batch_size":    {"type": "int", "low": 8, "high": 64, "step": 8},
        "model.hidden":           {"type": "categorical", "choices": [[16], [32, 16], [64, 32]]},
        "model.dropout":          {"type": "float", "low": 0.0, "high": 0.5,
                                   "condition": {"param": "model.hidden", "not_in": [[16]]}}
    })").object();
}

} // namespace

class tst_SearchSpaceModel : public QObject {
    Q_OBJECT
private slots:
    void showsEveryColumn()
    {
        M model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSpace(irisSpace());
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.columnCount(), int(M::ColumnCount));
        const int lr = model.rowOf("training.learning_rate");
        QCOMPARE(model.data(model.index(lr, M::TypeColumn)).toString(), QStringLiteral("float"));
        QCOMPARE(model.data(model.index(lr, M::LowColumn)).toString(), QStringLiteral("1e-4"));
        QCOMPARE(model.data(model.index(lr, M::HighColumn)).toString(), QStringLiteral("0.1"));
        QCOMPARE(model.data(model.index(lr, M::LogColumn), Qt::CheckStateRole).toInt(),
                 int(Qt::Checked));
        const int hidden = model.rowOf("model.hidden");
        QCOMPARE(model.data(model.index(hidden, M::ChoicesColumn)).toString(),
                 QStringLiteral("[[16],[32,16],[64,32]]"));
        QVERIFY(!(model.flags(model.index(hidden, M::LowColumn)) & Qt::ItemIsEditable));
        const int dropout = model.rowOf("model.dropout");
        QCOMPARE(model.data(model.index(dropout, M::ConditionParamColumn)).toString(),
                 QStringLiteral("model.hidden"));
        QCOMPARE(model.data(model.index(dropout, M::ConditionOpColumn)).toString(),
                 QStringLiteral("not_in"));
        QCOMPARE(model.data(model.index(dropout, M::ConditionValuesColumn)).toString(),
                 QStringLiteral("[[16]]"));
        QCOMPARE(model.space(), irisSpace());
        QVERIFY(!model.headerData(M::LogColumn, Qt::Horizontal, Qt::ToolTipRole).toString().isEmpty());
    }

    void editsWriteTheJson()
    {
        M model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSpace(irisSpace());
        QSignalSpy edited(&model, &M::spaceEdited);
        const int lr = model.rowOf("training.learning_rate");
        QVERIFY(model.setData(model.index(lr, M::LowColumn), "abc"));
        QCOMPARE(model.parameter(lr).value("low").toString(), QStringLiteral("abc"));
        QVERIFY(model.setData(model.index(lr, M::LowColumn), "0.001"));
        QCOMPARE(model.parameter(lr).value("low").toDouble(), 0.001);
        QVERIFY(model.setData(model.index(lr, M::LogColumn), Qt::Unchecked, Qt::CheckStateRole));
        QVERIFY(!model.parameter(lr).contains("log"));
        QVERIFY(model.setData(model.index(lr, M::StepColumn), "0.001"));
        QVERIFY(model.setData(model.index(lr, M::StepColumn), ""));
        QVERIFY(!model.parameter(lr).contains("step"));

        const int hidden = model.rowOf("model.hidden");
        QVERIFY(model.setData(model.index(hidden, M::ChoicesColumn), "[8], [16, 8]"));
        QCOMPARE(model.parameter(hidden).value("choices").toArray(),
                 (QJsonArray{QJsonArray{8}, QJsonArray{16, 8}}));
        QVERIFY(model.setData(model.index(hidden, M::ChoicesColumn), "[8"));
        QCOMPARE(model.parameter(hidden).value("choices").toString(), QStringLiteral("[8"));
        QVERIFY(model.setData(model.index(hidden, M::ChoicesColumn), "[[8], [16, 8]]"));

        const int batch = model.rowOf("training.batch_size");
        QVERIFY(model.setData(model.index(batch, M::TypeColumn), "categorical"));
        QCOMPARE(model.parameter(batch).value("choices").toArray(), (QJsonArray{8, 64}));
        QVERIFY(model.setData(model.index(batch, M::TypeColumn), "fixed"));
        QCOMPARE(model.parameter(batch).value("value").toInt(), 8);
        QVERIFY(model.setData(model.index(batch, M::ChoicesColumn), "32"));
        QCOMPARE(model.parameter(batch).value("value").toInt(), 32);
        QVERIFY(model.setData(model.index(batch, M::TypeColumn), "int"));
        QVERIFY(!model.setData(model.index(batch, M::TypeColumn), "complex"));

        // Conditions: a new one starts from the parent's first choice; ops swap the key.
        QVERIFY(model.setData(model.index(lr, M::ConditionParamColumn), "model.hidden"));
        QCOMPARE(model.parameter(lr).value("condition").toObject().value("in").toArray(),
                 (QJsonArray{QJsonArray{8}}));
        QVERIFY(model.setData(model.index(lr, M::ConditionOpColumn), "not_in"));
        QVERIFY(model.parameter(lr).value("condition").toObject().contains("not_in"));
        QVERIFY(model.setData(model.index(lr, M::ConditionValuesColumn), "[[16, 8]]"));
        QCOMPARE(model.parameter(lr).value("condition").toObject().value("not_in").toArray(),
                 (QJsonArray{QJsonArray{16, 8}}));
        QVERIFY(model.setData(model.index(lr, M::ConditionParamColumn), ""));
        QVERIFY(!model.parameter(lr).contains("condition"));
        QVERIFY(edited.count() >= 14);
    }

    void renamesAddsAndRemoves()
    {
        M model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSpace(irisSpace());
        QSignalSpy rejected(&model, &M::rejected);
        const int hidden = model.rowOf("model.hidden");
        QVERIFY(!model.setData(model.index(hidden, M::NameColumn), "model.dropout"));
        QCOMPARE(rejected.count(), 1);
        QVERIFY(model.setData(model.index(hidden, M::NameColumn), "model.layers"));
        // The condition follows its parent's new name.
        const int dropout = model.rowOf("model.dropout");
        QCOMPARE(model.data(model.index(dropout, M::ConditionParamColumn)).toString(),
                 QStringLiteral("model.layers"));

        model.setKnownNames({"training.learning_rate", "training.weight_decay", "model.dropout"});
        const int added = model.addParameter();
        QCOMPARE(added, 4);
        QCOMPARE(model.names().value(added), QStringLiteral("training.weight_decay"));
        QCOMPARE(model.parameter(added), M::templateFor("training.weight_decay"));
        // An untouched new row takes the template of its new name.
        QVERIFY(model.setData(model.index(added, M::NameColumn), "model.hidden"));
        QCOMPARE(model.parameter(added).value("type").toString(), QStringLiteral("categorical"));
        QCOMPARE(model.addParameter("model.hidden"), -1);
        const int again = model.addParameter();
        QCOMPARE(model.names().value(again), QStringLiteral("training.weight_decay"));
        const int anon = model.addParameter();
        QCOMPARE(model.names().value(anon), QStringLiteral("param1"));
        QVERIFY(model.removeParameter(anon));
        QVERIFY(!model.removeParameter(99));
        QCOMPARE(model.rowCount(), 6);

        // setSpace keeps the order of the rows still there.
        const QStringList order = model.names();
        QJsonObject space = model.space();
        space.remove("training.batch_size");
        model.setSpace(space);
        QStringList expected = order;
        expected.removeAll("training.batch_size");
        QCOMPARE(model.names(), expected);
    }

    void marksTheRowInError()
    {
        M model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSpace(irisSpace());
        const int lr = model.rowOf("training.learning_rate");
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setError("training.learning_rate", "low: expected a number");
        QCOMPARE(model.errorRow(), lr);
        QCOMPARE(changed.count(), 1);
        QVERIFY(model.data(model.index(lr, M::HighColumn), Qt::BackgroundRole).isValid());
        QCOMPARE(model.data(model.index(lr, M::HighColumn), Qt::ToolTipRole).toString(),
                 QStringLiteral("low: expected a number"));
        QVERIFY(!model.data(model.index(lr == 0 ? 1 : 0, 0), Qt::BackgroundRole).isValid());
        model.clearError();
        QCOMPARE(model.errorRow(), -1);
        QVERIFY(!model.data(model.index(lr, M::HighColumn), Qt::BackgroundRole).isValid());
        model.setError("not.a.row", "x");
        QCOMPARE(model.errorRow(), -1);
    }
};

QTEST_MAIN(tst_SearchSpaceModel)
#include "tst_searchspacemodel.moc"
