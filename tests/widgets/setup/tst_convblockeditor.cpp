// The Model section's conv blocks (#15): edits write objective.model.conv, the shapes and
// the parameter count shown are the engine's, a block that does not fit is an error beside
// it and keeps the spec invalid (so Start stays disabled).
#include "setup/ConvBlockEditor.h"
#include "setup/ModelSection.h"
#include "setup/SpecEditor.h"
#include "setup/SpecField.h"
#include "io/BuiltinDatasets.h"
#include "ml/Model.h"
#include "objectives/TrainSetup.h"
#include "spec/CanonicalJson.h"
#include "spec/StudySpecParser.h"

#include "support/TestPaths.h"

#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QtTest>

using namespace tw;
using namespace tw::widgets;

namespace {

QJsonObject digitsCnnSpec()
{
    return QJsonObject{
        {"version", 1},
        {"name", "digits-cnn"},
        {"metric", "val_accuracy"},
        {"objective",
         QJsonObject{{"type", "train"},
                     {"dataset", QJsonObject{{"source", "builtin:digits"}}},
                     {"model", QJsonObject{{"type", "cnn"},
                                           {"conv", QJsonArray{QJsonObject{{"filters", 8}, {"kernel", 3}, {"pool", 2}},
                                                               QJsonObject{{"filters", 16}, {"padding", "valid"}}}},
                                           {"hidden", QJsonArray{32}}}},
                     {"training", QJsonObject{{"epochs", 2}}}}},
        {"search_space", QJsonObject{}},
        {"budget", QJsonObject{{"trials", 2}}}};
}

QJsonObject modelOf(const QJsonObject& spec)
{
    return spec.value("objective").toObject().value("model").toObject();
}

QJsonArray convOf(const SpecEditor& e)
{
    return e.spec().value("objective").toObject().value("model").toObject().value("conv").toArray();
}

// What a trial of this spec builds, from the engine with the real data.
ModelArchitecture engineArchitecture(const QJsonObject& spec)
{
    const auto parsed = StudySpecParser::parseObject(spec);
    if (!parsed)
        qFatal("bad spec: %s", qPrintable(parsed.error()));
    const LoadedDataset digits = BuiltinDatasets::load("digits");
    return TrainSetup::architecture(parsed->objective.model, parsed->objective.training, digits.data);
}

// "1x8x8" as the form writes it, "1×8×8".
QString times(QString text)
{
    return text.replace('x', QChar(0x00d7));
}

QString shown(const ImageShape& s)
{
    return times(QStringLiteral("→ ") + QString::fromStdString(s.toString()));
}

} // namespace

class tst_ConvBlockEditor : public QObject {
    Q_OBJECT
private slots:
    void showsTheEnginesShapesAndParameterCount()
    {
        SpecEditor editor;
        editor.setSpec(digitsCnnSpec());
        QVERIFY2(editor.isValid(), qPrintable(editor.firstError()));
        ConvBlockEditor* conv = editor.convEditor();
        QVERIFY(conv->isVisibleTo(&editor));
        QCOMPARE(conv->count(), 2);
        QCOMPARE(conv->filtersSpin(0)->value(), 8);
        QCOMPARE(conv->paddingCombo(1)->currentText(), QStringLiteral("valid"));
        QCOMPARE(conv->strideSpin(1)->value(), 1);   // absent: the default
        QCOMPARE(conv->poolSpin(1)->text(), QStringLiteral("none"));
        QVERIFY(conv->inputLabel()->text().contains(times("Input 1x8x8")));

        const ModelArchitecture a = engineArchitecture(editor.spec());
        const std::vector<ImageShape> shapes = a.convShapes();
        QCOMPARE(shapes.size(), size_t(2));
        QCOMPARE(conv->shapeLabel(0)->text(), shown(shapes[0])); // 8x4x4
        QCOMPARE(conv->shapeLabel(1)->text(), shown(shapes[1])); // 16x2x2
        const QString params = QLocale().toString(static_cast<long long>(Model::parameterCount(a)));
        QVERIFY2(conv->summaryLabel()->text().contains(params + " parameters"), qPrintable(conv->summaryLabel()->text()));
        QVERIFY(conv->summaryLabel()->text().contains(QLocale().toString(a.denseInputs())));

        // As you type: the labels follow each edit at once, before the spec is checked.
        conv->filtersSpin(1)->setValue(24);
        QCOMPARE(convOf(editor).at(1).toObject().value("filters").toInt(), 24);
        QCOMPARE(convOf(editor).at(1).toObject().keys(), (QStringList{"filters", "padding"})); // nothing else written
        const ModelArchitecture b = engineArchitecture(editor.spec());
        QCOMPARE(conv->shapeLabel(1)->text(), shown(b.convShapes()[1]));
        QVERIFY(conv->summaryLabel()->text().contains(
            QLocale().toString(static_cast<long long>(Model::parameterCount(b))) + " parameters"));
    }

    void addRemoveAndReorderWriteTheSpec()
    {
        SpecEditor editor;
        editor.setSpec(digitsCnnSpec());
        ConvBlockEditor* conv = editor.convEditor();
        QTest::mouseClick(conv->addButton(), Qt::LeftButton);
        QCOMPARE(convOf(editor).size(), 3);
        QCOMPARE(conv->count(), 3);
        QCOMPARE(convOf(editor).at(2).toObject().value("filters").toInt(), 32); // twice the last block's
        conv->moveBlock(2, -1);
        QCOMPARE(convOf(editor).at(1).toObject().value("filters").toInt(), 32);
        QCOMPARE(convOf(editor).at(2).toObject().value("filters").toInt(), 16);
        QCOMPARE(conv->filtersSpin(1)->value(), 32);
        conv->moveBlock(0, -1); // already first: nothing
        QCOMPARE(convOf(editor).at(0).toObject().value("filters").toInt(), 8);
        conv->removeBlock(1);
        QCOMPARE(convOf(editor), modelOf(digitsCnnSpec()).value("conv").toArray());
        QVERIFY2(editor.isValid(), qPrintable(editor.firstError()));
        // The whole spec round-trips: nothing but the edits changed.
        QCOMPARE(CanonicalJson::write(editor.spec()), CanonicalJson::write(digitsCnnSpec()));
    }

    void aBlockThatDoesNotFitIsAnErrorBesideIt()
    {
        SpecEditor editor;
        editor.setSpec(digitsCnnSpec());
        QSignalSpy validity(&editor, &SpecEditor::validityChanged);
        ConvBlockEditor* conv = editor.convEditor();
        conv->poolSpin(1)->setValue(4); // the 16x2x2 map pooled by 4
        QCOMPARE(conv->shapeLabel(1)->text(), QStringLiteral("→ smaller than 1×1"));
        QVERIFY(conv->shapeLabel(1)->minimumWidth() >= conv->shapeLabel(1)->fontMetrics().horizontalAdvance(
                                                           conv->shapeLabel(1)->text())); // never cut
        QVERIFY(!editor.isValid());
        QVERIFY(validity.count() >= 1);
        QCOMPARE(validity.last().at(0).toBool(), false); // what disables Start
        QVERIFY2(editor.firstError().startsWith("objective.model.conv[1].pool: pooling by 4"),
                 qPrintable(editor.firstError()));
        QCOMPARE(editor.errorField(), editor.field({"objective", "model", "conv"}));
        QVERIFY(conv->errorLabel(1)->isVisibleTo(conv));
        QVERIFY2(conv->errorLabel(1)->text().startsWith("pool: pooling by 4"), qPrintable(conv->errorLabel(1)->text()));
        QVERIFY(!conv->errorLabel(0)->isVisibleTo(conv));
        QVERIFY(!conv->summaryLabel()->text().contains("parameters"));
        QVERIFY(!conv->summaryLabel()->text().contains("values to the dense layers"));

        conv->poolSpin(1)->setValue(1);
        QVERIFY2(editor.isValid(), qPrintable(editor.firstError()));
        QCOMPARE(validity.last().at(0).toBool(), true);
        QVERIFY(!conv->errorLabel(1)->isVisibleTo(conv));

        conv->kernelSpin(0)->setValue(4); // even
        QVERIFY(!editor.isValid());
        QVERIFY2(conv->errorLabel(0)->text().startsWith("kernel: expected an odd kernel size"),
                 qPrintable(conv->errorLabel(0)->text()));
        QCOMPARE(conv->shapeLabel(0)->text(), QStringLiteral("→ ?"));
    }

    void switchingTypesKeepsWhatApplies()
    {
        SpecEditor editor;
        editor.setSpec(digitsCnnSpec());
        const auto model = [&] { return editor.spec().value("objective").toObject().value("model").toObject(); };
        auto* type = qobject_cast<QComboBox*>(editor.field({"objective", "model", "type"})->editor());
        type->setCurrentIndex(type->findText("mlp", Qt::MatchStartsWith));
        QCOMPARE(model().value("type").toString(), QStringLiteral("mlp"));
        QVERIFY(!model().contains("conv")); // an MLP has no blocks...
        QCOMPARE(model().value("hidden").toArray(), QJsonArray{32}); // ...but keeps its dense layers
        QVERIFY(!editor.convEditor()->isVisibleTo(&editor));
        QVERIFY2(editor.isValid(), qPrintable(editor.firstError()));
        type->setCurrentIndex(type->findText("cnn", Qt::MatchStartsWith));
        QCOMPARE(model(), modelOf(digitsCnnSpec())); // the blocks come back
        QVERIFY(editor.convEditor()->isVisibleTo(&editor));

        // A CNN on a table is an error at the type, saying what to add.
        QJsonObject iris = digitsCnnSpec();
        QJsonObject objective = iris["objective"].toObject();
        objective["dataset"] = QJsonObject{{"source", "builtin:iris"}};
        iris["objective"] = objective;
        editor.setSpec(iris);
        QVERIFY(!editor.isValid());
        QCOMPARE(editor.errorField(), editor.field({"objective", "model", "type"}));
        QVERIFY(editor.convEditor()->inputLabel()->text().contains("has no image shape"));
    }

    void theFashionMnistExampleRoundTrips()
    {
        QFile f(tw::test::sourcePath("resources/examples/fashion-mnist-cnn.json"));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QJsonObject spec = QJsonDocument::fromJson(f.readAll()).object();
        SpecEditor editor;
        editor.setSpec(spec);
        QVERIFY2(editor.isValid(), qPrintable(editor.firstError()));
        QCOMPARE(CanonicalJson::write(editor.spec()), CanonicalJson::write(spec));
        ConvBlockEditor* conv = editor.convEditor();
        QCOMPARE(conv->shapeLabel(0)->text(), times("→ 32x14x14"));
        QCOMPARE(conv->shapeLabel(1)->text(), times("→ 64x7x7"));
        QVERIFY2(conv->summaryLabel()->text().contains("(10 classes)"), qPrintable(conv->summaryLabel()->text()));
        editor.writeShownValues(); // defaults made explicit, still valid
        QVERIFY2(editor.isValid(), qPrintable(editor.firstError()));
    }
};

QTEST_MAIN(tst_ConvBlockEditor)
#include "tst_convblockeditor.moc"
