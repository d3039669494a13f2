#include "io/DataError.h"
#include "modelio/ModelCsvInput.h"

#include <QBuffer>
#include <QtTest>

using namespace tw;

namespace {

// Inputs: two numeric columns and one text column with categories blue, red.
SavedModel model()
{
    SavedModel m;
    m.model = Model(ModelArchitecture::linearRegression(4), 0);
    m.task = Task::Regression;
    m.featureNames = {"w", "h", "colour=blue", "colour=red"};
    m.inputs = {{"w", ModelInputColumn::Type::Numeric, {}},
                {"h", ModelInputColumn::Type::Numeric, {}},
                {"colour", ModelInputColumn::Type::Categorical, {"blue", "red"}}};
    return m;
}

FeatureMatrix read(const QByteArray& text)
{
    QByteArray copy = text;
    QBuffer b(&copy);
    b.open(QIODevice::ReadOnly);
    return ModelCsvInput::read(b, "in.csv", model());
}

QString errorOf(const QByteArray& text)
{
    try {
        read(text);
    } catch (const DataError& e) {
        return QString::fromStdString(e.what());
    }
    return "no error";
}

} // namespace

class tst_ModelCsvInput : public QObject {
    Q_OBJECT
private slots:
    void columnsAreFoundByNameInAnyOrder()
    {
        const FeatureMatrix x = read("id;colour;h;w;target\n1;red;2.5;3;x\n2;blue;-1;0.5;y\n");
        QCOMPARE(x.rows(), Eigen::Index(2));
        FeatureMatrix expected(2, 4);
        expected << 3.0f, 2.5f, 0.0f, 1.0f, 0.5f, -1.0f, 1.0f, 0.0f;
        QVERIFY(x == expected);
    }

    void aFileWithoutHeaderIsReadByPosition()
    {
        const FeatureMatrix x = read("1,2,blue\n3,4,red\n");
        FeatureMatrix expected(2, 4);
        expected << 1, 2, 1, 0, 3, 4, 0, 1;
        QVERIFY(x == expected);
    }

    void headerOnlyGivesNoRows()
    {
        QCOMPARE(read("w,h,colour\n").rows(), Eigen::Index(0));
    }

    void errorsSayWhereAndWhat()
    {
        QCOMPARE(errorOf("w,colour\n1,red\n"),
                 QString("in.csv:1:1: expected a header row naming the model's columns; missing: h"));
        QCOMPARE(errorOf("w,h,colour\n1,2,green\n"),
                 QString("in.csv:2:5: unknown category 'green' in column 'colour'; the model knows blue, red"));
        QCOMPARE(errorOf("w,h,colour\n1,abc,red\n"),
                 QString("in.csv:2:3: expected a number in column 'h', got 'abc'"));
        QCOMPARE(errorOf("w,h,colour\n1,,red\n"),
                 QString("in.csv:2:3: missing value in column 'h'; the model needs every input"));
        QCOMPARE(errorOf("w,h,colour\n1,2\n"), QString("in.csv:2:1: expected at least 3 fields, got 2"));
        QVERIFY(errorOf("").contains("empty file"));
    }
};

QTEST_GUILESS_MAIN(tst_ModelCsvInput)
#include "tst_modelcsvinput.moc"
