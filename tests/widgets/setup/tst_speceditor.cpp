#include "setup/AugmentListEditor.h"
#include "setup/CsvPreviewModel.h"
#include "setup/DatasetSection.h"
#include "setup/LayerListEditor.h"
#include "setup/ObjectiveSection.h"
#include "setup/SearchSpaceModel.h"
#include "setup/SpecEditor.h"
#include "setup/SpecField.h"
#include "setup/StudySection.h"
#include "setup/SyntheticPreviewPlot.h"
#include "spec/CanonicalJson.h"
#include "spec/StudySpecParser.h"

#include "support/TestPaths.h"
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QScrollArea>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace tw;
using namespace tw::widgets;
using M = SearchSpaceModel;

namespace {

QJsonObject irisExample()
{
    QFile f(QStringLiteral(":/examples/iris-mlp-gp.json"));
    if (!f.open(QIODevice::ReadOnly)) {
        f.setFileName(tw::test::sourcePath(QStringLiteral("resources/examples/iris-mlp-gp.json")));
        if (!f.open(QIODevice::ReadOnly))
            return {};
    }
    return QJsonDocument::fromJson(f.readAll()).object();
}

// Whether every leaf of `part` is in `whole` with the same JSON value (defaults may be added).
bool containsLeaves(const QJsonValue& part, const QJsonValue& whole, const QString& at, QString* where)
{
    if (part.isObject() && whole.isObject()) {
        const QJsonObject p = part.toObject(), w = whole.toObject();
        for (auto it = p.begin(); it != p.end(); ++it)
            if (!containsLeaves(it.value(), w.value(it.key()), at + u'.' + it.key(), where))
                return false;
        return true;
    }
    if (!CanonicalJson::equal(part, whole)) {
        *where = at + QStringLiteral(": ") + CanonicalJson::write(part) + QStringLiteral(" vs ") +
                 CanonicalJson::write(whole);
        return false;
    }
    return true;
}

template <class W> W* editorOf(SpecEditor& e, const QStringList& path)
{
    SpecField* f = e.field(path);
    return f ? qobject_cast<W*>(f->editor()) : nullptr;
}

} // namespace

class tst_SpecEditor : public QObject {
    Q_OBJECT
private slots:
    void startsWithAValidDefault()
    {
        SpecEditor editor;
        QVERIFY2(editor.isValid(), qPrintable(editor.firstError()));
        QCOMPARE(editor.spec(), SpecEditor::defaultSpec());
    }

    void roundTripsTheIrisExample()
    {
        const QJsonObject iris = irisExample();
        QVERIFY(!iris.isEmpty());
        SpecEditor editor;
        QSignalSpy changed(&editor, &SpecEditor::specChanged);
        editor.setSpec(iris);
        QVERIFY2(editor.isValid(), qPrintable(editor.firstError()));
        QCOMPARE(CanonicalJson::write(editor.spec()), CanonicalJson::write(iris));
        QCOMPARE(changed.count(), 0); // setSpec is not an edit

        // The fields show the document.
        QCOMPARE(editorOf<QLineEdit>(editor, {"objective", "training", "learning_rate"})->text(),
                 QStringLiteral("0.01"));
        QCOMPARE(editorOf<QSpinBox>(editor, {"objective", "training", "epochs"})->value(), 60);
        QVERIFY(editorOf<QComboBox>(editor, {"objective", "model", "type"})->currentText().startsWith("mlp"));
        QCOMPARE(editor.layerEditor()->layers(), QJsonArray{32});
        QVERIFY(editorOf<QComboBox>(editor, {"sampler", "type"})->currentText().startsWith("gp"));
        QCOMPARE(editorOf<QComboBox>(editor, {"pruner", "type"})->currentText(), QStringLiteral("median"));
        QCOMPARE(editorOf<QComboBox>(editor, {"metric"})->currentText(), QStringLiteral("val_accuracy"));
        QCOMPARE(editor.datasetSection()->kindCombo()->currentIndex(), 0);
        QCOMPARE(editor.datasetSection()->builtinCombo()->currentData().toString(), QStringLiteral("iris"));
        QCOMPARE(editor.searchSpaceModel()->rowCount(), 4);
        // A missing optional key shows its default (the parser's).
        QCOMPARE(editorOf<QLineEdit>(editor, {"objective", "training", "epsilon"})->placeholderText(),
                 QStringLiteral("1e-8"));
        QCOMPARE(editorOf<QComboBox>(editor, {"objective", "model", "init"})->currentText(),
                 QStringLiteral("auto"));
        QVERIFY(editorOf<QCheckBox>(editor, {"objective", "training", "early_stopping", "enabled"})->isChecked());
        // Built-in preview: iris's bundled CSV, species as the target.
        CsvPreviewModel* preview = editor.csvPreviewModel();
        QCOMPARE(preview->columnCount(), 5);
        QCOMPARE(preview->columnName(preview->targetColumn()), QStringLiteral("species"));

        // Writing back what every field shows adds defaults and changes nothing else.
        editor.writeShownValues();
        QVERIFY2(editor.isValid(), qPrintable(editor.firstError()));
        QString where;
        QVERIFY2(containsLeaves(iris, editor.spec(), QString(), &where), qPrintable(where));
        const QJsonObject training =
            editor.spec().value("objective").toObject().value("training").toObject();
        QCOMPARE(training.value("beta2").toDouble(), 0.999);
        QCOMPARE(training.value("epsilon").toDouble(), 1e-8);
        QVERIFY(!training.contains("momentum")); // adam: its row is hidden
        const auto before = StudySpecParser::parseObject(iris);
        const auto after = StudySpecParser::parseObject(editor.spec());
        QVERIFY(before && after);
        QCOMPARE(after->objective.training.epsilon, before->objective.training.epsilon);
        QCOMPARE(after->objective.training.shuffle, before->objective.training.shuffle);
        QVERIFY(after->objective.model.init == before->objective.model.init);
        QCOMPARE(after->sampler.refitEvery, before->sampler.refitEvery);
        QCOMPARE(after->retry.graceS, before->retry.graceS);
        QVERIFY(after->direction == before->direction);
        QCOMPARE(after->objective.dataset.target, before->objective.dataset.target);
    }

    void badSearchSpaceCellMarksItsRow()
    {
        SpecEditor editor;
        editor.setSpec(irisExample());
        editor.resize(1200, 900);
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        QSignalSpy validity(&editor, &SpecEditor::validityChanged);
        M* model = editor.searchSpaceModel();
        QTableView* view = editor.searchSpaceTable();
        const int row = model->rowOf("training.learning_rate");
        const QModelIndex low = model->index(row, M::LowColumn);

        // Type "abc" into the cell, through the view's own editor.
        view->scrollTo(low);
        view->setCurrentIndex(low);
        view->edit(low);
        auto* cell = qobject_cast<QLineEdit*>(view->indexWidget(low));
        if (!cell)
            cell = view->viewport()->findChild<QLineEdit*>();
        QVERIFY(cell);
        cell->selectAll();
        QTest::keyClicks(cell, "abc");
        QTest::keyClick(cell, Qt::Key_Return);
        QTRY_COMPARE(model->data(low).toString(), QStringLiteral("abc")); // the delegate commits queued

        QTRY_COMPARE(validity.count(), 1); // after the debounce, without asking
        QCOMPARE(validity.last().at(0).toBool(), false);
        QVERIFY(!editor.isValid());
        QCOMPARE(editor.firstError(),
                 QStringLiteral("search_space[\"training.learning_rate\"].low: expected a number, "
                                "got \"abc\""));
        QCOMPARE(model->errorRow(), row);
        QVERIFY(model->data(model->index(row, M::NameColumn), Qt::BackgroundRole).isValid());
        QVERIFY(model->data(low, Qt::ToolTipRole).toString().contains("expected a number"));
        QVERIFY(editor.searchSpaceMessage()->isVisible());
        QVERIFY(editor.searchSpaceMessage()->text().contains("expected a number, got \"abc\""));
        QVERIFY(editor.summaryLabel()->text().contains("expected a number"));

        // low > high
        QVERIFY(model->setData(low, "0.5"));
        QVERIFY(!editor.isValid());
        QVERIFY2(editor.firstError().contains("low (0.5) must be less than high (0.1)"),
                 qPrintable(editor.firstError()));
        QCOMPARE(model->errorRow(), row);

        // Fixed: everything clears.
        QVERIFY(model->setData(low, "1e-4"));
        QVERIFY(editor.isValid());
        QCOMPARE(model->errorRow(), -1);
        QVERIFY(!editor.searchSpaceMessage()->isVisible());
        QCOMPARE(validity.last().at(0).toBool(), true);
        QCOMPARE(CanonicalJson::write(editor.spec()), CanonicalJson::write(irisExample()));

        // A choice that does not fit the objective names its row too.
        const int hidden = model->rowOf("model.hidden");
        QVERIFY(model->setData(model->index(hidden, M::ChoicesColumn), "[16], [0]"));
        QVERIFY(!editor.isValid());
        QCOMPARE(model->errorRow(), hidden);
    }

    void badFieldShowsItsMessageBesideIt()
    {
        SpecEditor editor;
        editor.setSpec(irisExample());
        const QStringList lrPath{"objective", "training", "learning_rate"};
        auto* lr = editorOf<QLineEdit>(editor, lrPath);
        lr->clear();
        QTest::keyClicks(lr, "-1");
        QVERIFY(!editor.isValid());
        QCOMPARE(editor.firstError(),
                 QStringLiteral("objective.training.learning_rate: expected a number > 0, got -1"));
        SpecField* field = editor.field(lrPath);
        QCOMPARE(editor.errorField(), field);
        QVERIFY(!field->errorLabel()->isHidden());
        QCOMPARE(field->errorLabel()->text(), QStringLiteral("expected a number > 0, got -1"));
        lr->setText("0.02");
        QVERIFY(editor.isValid());
        QVERIFY(field->errorLabel()->isHidden());
        QCOMPARE(editor.spec().value("objective").toObject().value("training").toObject()
                     .value("learning_rate").toDouble(), 0.02);

        // A spin box: cv_folds 1 is refused by the parser, next to the field.
        auto* folds = editorOf<QSpinBox>(editor, {"objective", "cv_folds"});
        folds->setValue(1);
        QVERIFY(!editor.isValid());
        QCOMPARE(editor.errorField(), editor.field({"objective", "cv_folds"}));
        folds->setValue(5);
        QVERIFY(editor.isValid());

        // The split's sum belongs to the test fraction's row.
        auto* test = editorOf<QLineEdit>(editor, {"objective", "dataset", "split", "test"});
        test->setText("0.9");
        QVERIFY(!editor.isValid());
        QCOMPARE(editor.errorField(), editor.field({"objective", "dataset", "split", "test"}));
        test->setText("0.2");
        QVERIFY(editor.isValid());

        // A message about a key whose row is hidden (momentum, with adam) goes to the section.
        QJsonObject spec = irisExample();
        QJsonObject objective = spec.value("objective").toObject();
        QJsonObject training = objective.value("training").toObject();
        training.insert("momentum", 2);
        objective.insert("training", training);
        spec.insert("objective", objective);
        editor.setSpec(spec);
        QVERIFY(!editor.isValid());
        QVERIFY(editor.errorField());
        QCOMPARE(editor.errorField()->path(), (QStringList{"objective", "training"}));
        QVERIFY(editor.errorField()->errorLabel()->text().contains("momentum"));

        // A path no field claims goes to the summary at the top.
        spec = irisExample();
        spec.insert("colour", "blue");
        editor.setSpec(spec);
        QVERIFY(!editor.isValid());
        QCOMPARE(editor.errorField(), nullptr);
        QVERIFY(editor.summaryLabel()->text().contains("colour: unknown key"));
    }

    void modelTypeAndLayersWriteModelHidden()
    {
        QJsonObject spec = irisExample();
        QJsonObject objective = spec.value("objective").toObject();
        objective.insert("model", QJsonObject{{"type", "softmax"}});
        spec.insert("objective", objective);
        spec.remove("search_space");
        SpecEditor editor;
        editor.setSpec(spec);
        QVERIFY2(editor.isValid(), qPrintable(editor.firstError()));
        SpecField* hidden = editor.field({"objective", "model", "hidden"});
        QVERIFY(!hidden->widget()->isVisibleTo(&editor)); // not an MLP

        auto* type = editorOf<QComboBox>(editor, {"objective", "model", "type"});
        type->setCurrentIndex(type->findText("mlp", Qt::MatchStartsWith));
        const auto model = [&] { return editor.spec().value("objective").toObject().value("model").toObject(); };
        QCOMPARE(model().value("type").toString(), QStringLiteral("mlp"));
        QVERIFY(hidden->widget()->isVisibleTo(&editor));
        LayerListEditor* layers = editor.layerEditor();
        QCOMPARE(layers->layers(), QJsonArray{64}); // the default, shown
        QVERIFY(!model().contains("hidden"));

        layers->list()->setCurrentRow(0);
        layers->addLayer();
        QCOMPARE(model().value("hidden").toArray(), (QJsonArray{64, 64}));
        layers->list()->item(1)->setData(Qt::EditRole, 16);
        QCOMPARE(model().value("hidden").toArray(), (QJsonArray{64, 16}));
        layers->moveLayer(-1);
        QCOMPARE(model().value("hidden").toArray(), (QJsonArray{16, 64}));
        layers->list()->item(0)->setData(Qt::EditRole, 0);
        QVERIFY(!editor.isValid());
        QCOMPARE(editor.errorField(), hidden);
        QCOMPARE(layers->list()->currentRow(), 0); // the bad layer is selected
        layers->list()->setCurrentRow(0);
        layers->removeLayer();
        QCOMPARE(model().value("hidden").toArray(), QJsonArray{64});
        QVERIFY2(editor.isValid(), qPrintable(editor.firstError()));
    }

    void csvPreviewRolesWriteTargetAndIgnore()
    {
        SpecEditor editor;
        editor.setSpec(irisExample());
        DatasetSection* dataset = editor.datasetSection();
        dataset->kindCombo()->setCurrentIndex(1); // CSV file
        QVERIFY(!editor.isValid());
        QVERIFY2(editor.firstError().startsWith("objective.dataset.source"), qPrintable(editor.firstError()));
        dataset->csvEdit()->setText(tw::test::testData(QStringLiteral("setup/flowers.csv")));
        QVERIFY2(editor.isValid(), qPrintable(editor.firstError()));
        const auto ds = [&] { return editor.spec().value("objective").toObject().value("dataset").toObject(); };
        QCOMPARE(ds().value("source").toString(),
                 QStringLiteral("csv:") + tw::test::testData(QStringLiteral("setup/flowers.csv")));
        QVERIFY(!ds().contains("target")); // iris's target went with iris

        CsvPreviewModel* model = editor.csvPreviewModel();
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model->columnCount(), 6);
        QCOMPARE(model->preview().columns, (QStringList{"id", "sepal length", "sepal width",
                                                          "petal_length", "petal_width", "species"}));
        QCOMPARE(model->rowCount(), 7); // the role row and six rows of data
        QCOMPARE(model->preview().layout.delimiter, ';');
        QCOMPARE(model->targetColumn(), 5); // the last column, by default

        QVERIFY(model->setData(model->index(CsvPreviewModel::RoleRow, 2), "target"));
        QCOMPARE(ds().value("target").toString(), QStringLiteral("sepal width"));
        QVERIFY(model->setData(model->index(CsvPreviewModel::RoleRow, 0), "ignore"));
        QCOMPARE(ds().value("columns").toObject().value("ignore").toArray(), QJsonArray{"id"});
        // #13: iris's val_accuracy cannot be measured on a column of lengths; the form says
        // so beside the dataset instead of letting every trial fail.
        QVERIFY(!editor.isValid());
        QVERIFY2(editor.firstError().startsWith(
                     "objective.dataset.target: metric \"val_accuracy\" needs a classification target"),
                 qPrintable(editor.firstError()));

        // Back from the document: another target by index, and the preview follows.
        editor.validateNow();
        QJsonObject spec = editor.spec();
        QJsonObject objective = spec.value("objective").toObject();
        QJsonObject d = objective.value("dataset").toObject();
        d.insert("target", 4);
        d.remove("columns");
        objective.insert("dataset", d);
        spec.insert("objective", objective);
        editor.setSpec(spec);
        QCOMPARE(model->targetColumn(), 4);
        QVERIFY(model->ignoredColumns().isEmpty());

        // Switching to a built-in and back brings the CSV settings back.
        dataset->kindCombo()->setCurrentIndex(0);
        QVERIFY(!ds().contains("target"));
        dataset->kindCombo()->setCurrentIndex(1);
        QCOMPARE(ds().value("target").toInt(), 4);
        QVERIFY(ds().value("source").toString().endsWith("flowers.csv"));
    }

    void syntheticSourceShowsAScatter()
    {
        SpecEditor editor;
        editor.setSpec(irisExample());
        DatasetSection* dataset = editor.datasetSection();
        dataset->kindCombo()->setCurrentIndex(2);
        QVERIFY2(editor.isValid(), qPrintable(editor.firstError()));
        QCOMPARE(editor.spec().value("objective").toObject().value("dataset").toObject()
                     .value("source").toString(), QStringLiteral("synthetic:moons"));
        SyntheticPreviewPlot* plot = dataset->syntheticPlot();
        QCOMPARE(plot->graphCount(), 2); // one per class
        QCOMPARE(plot->pointCount(), 1000); // the parser's default n_samples
        auto* samples = editorOf<QSpinBox>(editor, {"objective", "dataset", "synthetic", "n_samples"});
        QVERIFY(samples->isVisibleTo(&editor));
        samples->setValue(200);
        QVERIFY(editor.isValid());
        QCOMPARE(plot->pointCount(), 200);
        samples->setValue(50000); // more than the preview draws
        QVERIFY(editor.isValid());
        QCOMPARE(plot->pointCount(), SyntheticPreviewPlot::maxPoints);
        auto* kind = dataset->syntheticCombo();
        kind->setCurrentIndex(kind->findText("blobs"));
        QVERIFY(editor.isValid());
        QCOMPARE(plot->graphCount(), 3);
        auto* classes = editorOf<QSpinBox>(editor, {"objective", "dataset", "synthetic", "n_classes"});
        QVERIFY(classes->isVisibleTo(&editor));
        classes->setValue(5);
        QVERIFY(editor.isValid());
        QCOMPARE(plot->graphCount(), 5);
    }

    void objectiveTypeSwitchKeepsTheOldOne()
    {
        SpecEditor editor;
        editor.setSpec(irisExample());
        QComboBox* objective = editor.studySection()->objectiveCombo();
        objective->setCurrentIndex(2); // test function
        QVERIFY2(editor.isValid(), qPrintable(editor.firstError()));
        QCOMPARE(editor.spec().value("objective").toObject(),
                 (QJsonObject{{"type", "function"}, {"name", "branin"}}));
        QVERIFY(!editor.spec().contains("search_space"));
        QVERIFY(!editor.spec().contains("metric"));
        QVERIFY(!editor.datasetSection()->isVisibleTo(&editor));
        QVERIFY(editor.objectiveSection()->isVisibleTo(&editor));
        QCOMPARE(editor.searchSpaceModel()->rowCount(), 0);
        QCOMPARE(editor.searchSpaceModel()->knownNames(), (QStringList{"x0", "x1"}));

        objective->setCurrentIndex(1); // command
        QVERIFY(!editor.isValid());
        QCOMPARE(editor.errorField(), editor.field({"objective", "argv"}));
        editor.objectiveSection()->interpreterEdit()->setCurrentText("python3");
        QTest::keyClicks(editor.objectiveSection()->scriptEdit(), "my train.py");
        QTest::keyClicks(editor.objectiveSection()->argumentsEdit(), "--lr {lr}");
        QCOMPARE(editor.spec().value("objective").toObject().value("argv").toArray(),
                 (QJsonArray{"python3", "my train.py", "--lr", "{lr}"}));
        QVERIFY(!editor.isValid());
        QVERIFY2(editor.firstError().contains("{lr} is not a parameter"), qPrintable(editor.firstError()));
        QCOMPARE(editor.errorField(), editor.field({"objective", "argv"}));
        QCOMPARE(editor.searchSpaceModel()->knownNames(), QStringList{"lr"});
        QCOMPARE(editor.searchSpaceModel()->addParameter(), 0);
        QVERIFY2(editor.isValid(), qPrintable(editor.firstError()));

        objective->setCurrentIndex(0); // back to training: all of it returns
        QVERIFY2(editor.isValid(), qPrintable(editor.firstError()));
        QCOMPARE(CanonicalJson::write(editor.spec()), CanonicalJson::write(irisExample()));
        QCOMPARE(editor.searchSpaceModel()->rowCount(), 4);
    }

    void samplerAndPrunerSwitchesKeepOnlyTheirKeys()
    {
        SpecEditor editor;
        editor.setSpec(irisExample());
        auto* sampler = editorOf<QComboBox>(editor, {"sampler", "type"});
        sampler->setCurrentIndex(1); // random
        QVERIFY2(editor.isValid(), qPrintable(editor.firstError()));
        QCOMPARE(editor.spec().value("sampler").toObject(),
                 (QJsonObject{{"type", "random"}, {"seed", 0}}));
        sampler->setCurrentIndex(3); // gp again: n_startup comes back
        QCOMPARE(editor.spec().value("sampler").toObject().value("n_startup").toInt(), 8);

        auto* pruner = editorOf<QComboBox>(editor, {"pruner", "type"});
        pruner->setCurrentIndex(2); // percentile needs its percentile
        QVERIFY2(editor.isValid(), qPrintable(editor.firstError()));
        QCOMPARE(editor.spec().value("pruner").toObject().value("percentile").toDouble(), 50.0);
        QCOMPARE(editor.spec().value("pruner").toObject().value("n_warmup_steps").toInt(), 10);
        pruner->setCurrentIndex(4); // hyperband: max_resource from the epochs
        QVERIFY2(editor.isValid(), qPrintable(editor.firstError()));
        QVERIFY(!editor.spec().value("pruner").toObject().contains("n_warmup_steps"));
        pruner->setCurrentIndex(0);
        QVERIFY(!editor.spec().contains("pruner"));
        QVERIFY(editor.isValid());
    }

    void importsAndExportsFiles()
    {
        QTemporaryDir dir;
        SpecEditor editor;
        QVERIFY(editor.importSpec(dir.filePath("missing.json")).contains("cannot read"));
        QFile bad(dir.filePath("bad.json"));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("{\n  \"name\": \"x\",\n  oops\n}\n");
        bad.close();
        const QString err = editor.importSpec(bad.fileName());
        QVERIFY2(err.startsWith(bad.fileName() + ":3:"), qPrintable(err));
        QFile array(dir.filePath("array.json"));
        QVERIFY(array.open(QIODevice::WriteOnly));
        array.write("[1, 2]");
        array.close();
        QVERIFY(editor.importSpec(array.fileName()).contains("expected a JSON object"));
        QCOMPARE(editor.spec(), SpecEditor::defaultSpec()); // nothing was loaded

        // A relative CSV path is made absolute; a missing name becomes the file's.
        QVERIFY(QFile::copy(tw::test::testData(QStringLiteral("setup/flowers.csv")),
                            dir.filePath("flowers.csv")));
        QJsonObject spec = irisExample();
        spec.remove("name");
        QJsonObject objective = spec.value("objective").toObject();
        objective.insert("dataset", QJsonObject{{"source", "csv:flowers.csv"}});
        spec.insert("objective", objective);
        QFile good(dir.filePath("flowers-study.json"));
        QVERIFY(good.open(QIODevice::WriteOnly));
        good.write(QJsonDocument(spec).toJson());
        good.close();
        QCOMPARE(editor.importSpec(good.fileName()), QString());
        QVERIFY2(editor.isValid(), qPrintable(editor.firstError()));
        QCOMPARE(editor.spec().value("name").toString(), QStringLiteral("flowers-study"));
        QCOMPARE(editor.spec().value("objective").toObject().value("dataset").toObject()
                     .value("source").toString(),
                 QStringLiteral("csv:") + dir.filePath("flowers.csv"));
        QCOMPARE(editor.csvPreviewModel()->columnCount(), 6);

        QCOMPARE(editor.exportSpec(dir.filePath("out.json")), QString());
        SpecEditor again;
        QCOMPARE(again.importSpec(dir.filePath("out.json")), QString());
        QCOMPARE(again.spec(), editor.spec());
        QVERIFY(!editor.exportSpec(dir.filePath("no/such/dir/out.json")).isEmpty());
    }

    void augmentationListWritesItsEntries()
    {
        SpecEditor editor;
        editor.setSpec(irisExample());
        AugmentListEditor* augment = editor.datasetSection()->augmentEditor();
        augment->addEntry();
        const auto entries = [&] {
            return editor.spec().value("objective").toObject().value("dataset").toObject()
                .value("augment").toArray();
        };
        QCOMPARE(entries(), (QJsonArray{QJsonObject{{"type", "gaussian_noise"}}}));
        QVERIFY(editor.isValid());
        augment->valueEdit(0, 0)->setText("-1");
        QVERIFY(!editor.isValid());
        QCOMPARE(editor.errorField(), editor.field({"objective", "dataset", "augment"}));
        augment->typeCombo(0)->setCurrentIndex(augment->typeCombo(0)->findData("random_erasing"));
        QCOMPARE(entries(), (QJsonArray{QJsonObject{{"type", "random_erasing"}}}));
        QVERIFY(editor.isValid());
        augment->valueEdit(0, 1)->setText("0.3");
        QCOMPARE(entries().at(0).toObject().value("max_area").toDouble(), 0.3);
        augment->removeEntry(0);
        QVERIFY(!editor.spec().value("objective").toObject().value("dataset").toObject().contains("augment"));
    }

    void tooltipsOnEveryField()
    {
        SpecEditor editor;
        for (SpecField* f : editor.fields()) {
            if (f->kind() == SpecField::Kind::Custom && f->editor()->isHidden())
                continue; // a section's own message label
            QVERIFY2(!f->editor()->toolTip().isEmpty(), qPrintable(f->path().join('.')));
        }
    }

    void screenshot()
    {
        SpecEditor editor;
        editor.setSpec(irisExample());
        editor.resize(1200, 900);
        editor.show();
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        QTest::qWait(50);
        const QImage shot = editor.grab().toImage();
        QCOMPARE(shot.size() / shot.devicePixelRatio(), QSize(1200, 900));
        QVERIFY(shot.save(QStringLiteral("/tmp/tw-setup-iris.png")));
        auto* scroll = editor.findChild<QScrollArea*>();
        QVERIFY(scroll && scroll->widget());
        QVERIFY(scroll->widget()->grab().toImage().save(QStringLiteral("/tmp/tw-setup-iris-full.png")));

        // A problem in the search space: the "Show" link scrolls to its row.
        M* model = editor.searchSpaceModel();
        model->setData(model->index(model->rowOf("training.learning_rate"), M::LowColumn), "abc");
        QVERIFY(!editor.isValid());
        editor.showErrorField();
        QTest::qWait(50);
        QVERIFY(editor.grab().save(QStringLiteral("/tmp/tw-setup-error-table.png")));
        model->setData(model->index(model->rowOf("training.learning_rate"), M::LowColumn), "1e-4");
        auto* lr = editorOf<QLineEdit>(editor, {"objective", "training", "learning_rate"});
        lr->setText("fast");
        QVERIFY(!editor.isValid());
        editor.showErrorField();
        QTest::qWait(50);
        QVERIFY(editor.grab().save(QStringLiteral("/tmp/tw-setup-error-field.png")));
        lr->setText("0.01");

        // A CSV file and a synthetic source.
        editor.datasetSection()->kindCombo()->setCurrentIndex(1);
        editor.datasetSection()->csvEdit()->setText(
            tw::test::testData(QStringLiteral("setup/flowers.csv")));
        QVERIFY(editor.isValid());
        scroll->ensureWidgetVisible(editor.datasetSection());
        QTest::qWait(50);
        QVERIFY(editor.grab().save(QStringLiteral("/tmp/tw-setup-csv.png")));
        editor.datasetSection()->kindCombo()->setCurrentIndex(2);
        QVERIFY(editor.isValid());
        QTest::qWait(50);
        QVERIFY(editor.grab().save(QStringLiteral("/tmp/tw-setup-synthetic.png")));
    }

    // The system palette is followed: a dark one must read as well (looked at by hand).
    void darkPaletteScreenshot()
    {
        const QPalette light = QApplication::palette();
        QPalette dark;
        dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
        dark.setColor(QPalette::WindowText, QColor(0xe0, 0xe0, 0xe0));
        dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
        dark.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x26));
        dark.setColor(QPalette::Text, QColor(0xe0, 0xe0, 0xe0));
        dark.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
        dark.setColor(QPalette::ButtonText, QColor(0xe0, 0xe0, 0xe0));
        dark.setColor(QPalette::Highlight, QColor(0x2a, 0x82, 0xda));
        dark.setColor(QPalette::HighlightedText, Qt::white);
        dark.setColor(QPalette::PlaceholderText, QColor(0x80, 0x80, 0x80));
        dark.setColor(QPalette::Mid, QColor(0x50, 0x50, 0x50));
        dark.setColor(QPalette::Disabled, QPalette::Text, QColor(0x78, 0x78, 0x78));
        dark.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x78, 0x78, 0x78));
        dark.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x78, 0x78, 0x78));
        QApplication::setPalette(dark);
        {
            SpecEditor editor;
            editor.setSpec(irisExample());
            editor.resize(1200, 900);
            editor.show();
            QVERIFY(QTest::qWaitForWindowExposed(&editor));
            M* model = editor.searchSpaceModel();
            model->setData(model->index(model->rowOf("model.hidden"), M::ChoicesColumn), "[16], [0]");
            QVERIFY(!editor.isValid());
            editor.showErrorField();
            QTest::qWait(50);
            QVERIFY(editor.grab().save(QStringLiteral("/tmp/tw-setup-dark.png")));
        }
        QApplication::setPalette(light);
    }
};

QTEST_MAIN(tst_SpecEditor)
#include "tst_speceditor.moc"
