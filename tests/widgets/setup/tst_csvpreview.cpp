#include "setup/CsvPreviewModel.h"

#include "io/CsvHead.h"
#include "objectives/SpecDataLoader.h"
#include "spec/DatasetSpec.h"

#include <QAbstractItemModelTester>
#include <QFont>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace tw;
using namespace tw::widgets;

class tst_CsvPreview : public QObject {
    Q_OBJECT
private slots:
    // #18: what the preview shows is what a trial reads: same delimiter, header, column
    // names and missing values, on a file whose ; is sniffed and whose N/A and n/a are
    // missing tokens of any letter case.
    void previewAgreesWithATrialsRead()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath("plants.csv");
        QFile f(file);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("height;\"leaf width\";colour;kind\n"
                "1.5;N/A;green;a\n"
                "n/a;0.4;red;b\n"
                "2.5;0.7;NA;a\n"
                "3.0;0.9;green;b\n"
                "2.0;0.5;red;a\n");
        f.close();

        CsvPreviewModel model;
        model.setPreview(CsvHead::read(file, {}));
        DatasetSpec spec;
        spec.source = QStringLiteral("csv:") + file;
        spec.sourceKind = DatasetSpec::SourceKind::Csv;
        spec.sourceName = file;
        spec.missing = DatasetSpec::Missing::Mode;
        const LoadedDataset trial = SpecDataLoader::load(spec);

        QCOMPARE(trial.format, std::string("csv, semicolon-delimited, header row"));
        QCOMPARE(model.preview().layout.describe(), trial.format);
        QCOMPARE(model.columnCount(), int(trial.columns.size()));
        for (int c = 0; c < model.columnCount(); ++c) {
            QCOMPARE(model.headerData(c, Qt::Horizontal).toString().toStdString(),
                     trial.columns[size_t(c)].name);
            QCOMPARE(model.preview().missing[size_t(c)], trial.columns[size_t(c)].missing);
        }
        QCOMPARE(model.preview().missing, (std::vector<long long>{1, 1, 1, 0}));
        QCOMPARE(model.rowCount() - 1, 5); // every data row; the header is not one
        QCOMPARE(model.columnName(model.targetColumn()), QStringLiteral("kind"));
        QCOMPARE(QString::fromStdString(trial.data.targetName), QStringLiteral("kind"));
        // Missing cells are shown as missing.
        const QModelIndex na = model.index(1, 1);
        QCOMPARE(model.data(na).toString(), QStringLiteral("N/A"));
        QVERIFY(model.data(na, Qt::FontRole).value<QFont>().italic());
        QVERIFY(!model.data(model.index(1, 0), Qt::FontRole).isValid());
    }

    void modelHasARoleRowAndOneTarget()
    {
        CsvPreviewModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        model.setPreview(CsvHead::readBytes("a,b,c\n1,2,x\n3,4,y\n", "t.csv", {}));
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.columnCount(), 3);
        QCOMPARE(model.headerData(1, Qt::Horizontal).toString(), QStringLiteral("b"));
        QCOMPARE(model.targetColumn(), 2); // the last column by default
        QCOMPARE(model.data(model.index(0, 2)).toString(), QStringLiteral("target"));
        QCOMPARE(model.data(model.index(2, 1)).toString(), QStringLiteral("4"));
        QVERIFY(model.flags(model.index(0, 0)) & Qt::ItemIsEditable);
        QVERIFY(!(model.flags(model.index(1, 0)) & Qt::ItemIsEditable));

        QSignalSpy edited(&model, &CsvPreviewModel::rolesEdited);
        QVERIFY(model.setData(model.index(0, 0), "target"));
        QCOMPARE(model.targetColumn(), 0);
        QCOMPARE(model.role(2), CsvPreviewModel::ColumnRole::Feature);
        QVERIFY(model.setData(model.index(0, 1), "ignore"));
        QCOMPARE(model.ignoredColumns(), QList<int>{1});
        QVERIFY(!model.setData(model.index(0, 1), "bogus"));
        QVERIFY(!model.setData(model.index(1, 1), "target"));
        QCOMPARE(edited.count(), 2);

        model.setRoles(-1, {0});
        QCOMPARE(model.targetColumn(), -1);
        QCOMPARE(model.ignoredColumns(), QList<int>{0});
        QCOMPARE(edited.count(), 2); // programmatic roles are not edits
        model.setPreview(CsvHead::readBytes("p,q\n1,2\n", "t.csv", {}));
        QCOMPARE(model.columnCount(), 2);
        QCOMPARE(model.targetColumn(), 1);
    }
};

QTEST_MAIN(tst_CsvPreview)
#include "tst_csvpreview.moc"
