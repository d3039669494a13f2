#include "io/BuiltinDatasets.h"
#include "io/DataError.h"
#include "support/IdxWriter.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using tw::BuiltinDatasets;
using tw::Task;

namespace {

std::vector<Eigen::Index> counts(std::initializer_list<Eigen::Index> list) { return list; }

float largest(const tw::FeatureMatrix& x) { return *std::max_element(x.data(), x.data() + x.size()); }

} // namespace

class tst_BuiltinDatasets : public QObject {
    Q_OBJECT
private slots:
    void resourcesAreCompiledIn()
    {
        for (const char* name : {"iris", "wine", "breast_cancer", "digits", "diabetes"}) {
            QVERIFY2(QFile::exists(QStringLiteral(":/datasets/%1.csv").arg(name)), name);
            QVERIFY(!BuiltinDatasets::description(name).empty());
        }
        QVERIFY(QFile::exists(":/datasets/PROVENANCE.md"));
    }

    void iris()
    {
        const auto r = BuiltinDatasets::load("iris");
        QCOMPARE(r.data.rows(), Eigen::Index(150));
        QCOMPARE(r.data.features(), Eigen::Index(4));
        QCOMPARE(r.data.task, Task::Classification);
        QCOMPARE(r.data.targetName, std::string("species"));
        QCOMPARE(r.data.classLabels, (std::vector<std::string>{"setosa", "versicolor", "virginica"}));
        QCOMPARE(r.data.classCounts(), counts({50, 50, 50}));
        QCOMPARE(r.data.x(0, 0), 5.1f);
        QVERIFY(!r.officialTest);
    }

    void wineAndBreastCancer()
    {
        const auto wine = BuiltinDatasets::load("wine").data;
        QCOMPARE(wine.rows(), Eigen::Index(178));
        QCOMPARE(wine.features(), Eigen::Index(13));
        QCOMPARE(wine.targetName, std::string("cultivar"));
        QCOMPARE(wine.classCounts(), counts({59, 71, 48}));
        const auto cancer = BuiltinDatasets::load("breast_cancer").data;
        QCOMPARE(cancer.rows(), Eigen::Index(569));
        QCOMPARE(cancer.features(), Eigen::Index(30));
        QCOMPARE(cancer.targetName, std::string("diagnosis"));
        QCOMPARE(cancer.classLabels, (std::vector<std::string>{"benign", "malignant"}));
        QCOMPARE(cancer.classCounts(), counts({357, 212}));
    }

    void digitsAreImages()
    {
        const auto d = BuiltinDatasets::load("digits").data;
        QCOMPARE(d.rows(), Eigen::Index(1797));
        QCOMPARE(d.features(), Eigen::Index(64));
        QCOMPARE(d.task, Task::Classification);
        QCOMPARE(d.classCount(), 10);
        QCOMPARE(d.classLabels.front(), std::string("0"));
        QCOMPARE(d.classLabels.back(), std::string("9"));
        QCOMPARE(d.imageShape, std::optional<tw::ImageShape>(tw::ImageShape{1, 8, 8}));
        QCOMPARE(largest(d.x), 16.0f);
    }

    void diabetesIsRegression()
    {
        const auto d = BuiltinDatasets::load("diabetes").data;
        QCOMPARE(d.rows(), Eigen::Index(442));
        QCOMPARE(d.features(), Eigen::Index(10));
        QCOMPARE(d.task, Task::Regression);
        QCOMPARE(d.targetName, std::string("progression"));
        QCOMPARE(d.y(0), 151.0f);
        QVERIFY(d.classLabels.empty());
    }

    void optionsChooseAnotherTarget()
    {
        tw::CsvOptions o;
        o.target = tw::ColumnRef::byName("petal_width_cm");
        o.ignore = {tw::ColumnRef::byName("species")};
        const auto d = BuiltinDatasets::load("iris", o).data;
        QCOMPARE(d.task, Task::Regression);
        QCOMPARE(d.features(), Eigen::Index(3));
        QCOMPARE(d.y(0), 0.2f);
    }

    void unknownNameSaysWhatExists()
    {
        try {
            BuiltinDatasets::load("irs");
            QFAIL("no error");
        } catch (const tw::DataError& e) {
            QVERIFY2(QString(e.what()).contains("unknown built-in dataset 'irs'; expected one of "
                                                "iris, wine, breast_cancer, digits, diabetes"),
                     e.what());
        }
    }

    // Fashion-MNIST's layout and class names, on small files written here.
    void fashionMnistFromGeneratedFiles()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        std::vector<std::uint8_t> train(6 * 28 * 28), test(4 * 28 * 28);
        for (size_t i = 0; i < train.size(); ++i)
            train[i] = std::uint8_t(i % 251);
        using tw::test::idxBytes;
        using tw::test::writeGz;
        QVERIFY(writeGz(dir.filePath("train-images-idx3-ubyte.gz"), idxBytes({6, 28, 28}, train)));
        QVERIFY(writeGz(dir.filePath("train-labels-idx1-ubyte.gz"), idxBytes({6}, {9, 0, 0, 3, 0, 2})));
        QVERIFY(writeGz(dir.filePath("t10k-images-idx3-ubyte.gz"), idxBytes({4, 28, 28}, test)));
        qputenv("TW_FASHION_MNIST_DIR", dir.path().toLocal8Bit());
        QVERIFY(!BuiltinDatasets::isAvailable("fashion_mnist"));  // one file missing
        QCOMPARE(BuiltinDatasets::names().size(), size_t(5));
        try {
            BuiltinDatasets::load("fashion_mnist");
            QFAIL("no error");
        } catch (const tw::DataError& e) {
            QVERIFY2(QString(e.what()).contains("apt-get install dataset-fashion-mnist"), e.what());
        }
        QVERIFY(writeGz(dir.filePath("t10k-labels-idx1-ubyte.gz"), idxBytes({4}, {1, 1, 8, 9})));
        QVERIFY(BuiltinDatasets::isAvailable("fashion_mnist"));
        QCOMPARE(BuiltinDatasets::names().back(), std::string("fashion_mnist"));
        const auto r = BuiltinDatasets::load("fashion_mnist");
        qunsetenv("TW_FASHION_MNIST_DIR");
        QCOMPARE(r.data.rows(), Eigen::Index(6));
        QCOMPARE(r.data.features(), Eigen::Index(784));
        QCOMPARE(r.data.classLabels.front(), std::string("T-shirt/top"));
        QCOMPARE(r.data.classLabels.back(), std::string("Ankle boot"));
        QCOMPARE(r.data.x(1, 0), float(784 % 251));
        QCOMPARE(r.data.y(0), 9.0f);
        QVERIFY(r.officialTest);
        QCOMPARE(r.officialTest->rows(), Eigen::Index(4));
        QCOMPARE(r.officialTest->y(2), 8.0f);
        QCOMPARE(r.columns.size(), size_t(785));
    }

    void installedFashionMnist()
    {
        if (!BuiltinDatasets::isAvailable("fashion_mnist"))
            QSKIP("dataset-fashion-mnist is not installed");
        const auto r = BuiltinDatasets::load("fashion_mnist");
        QCOMPARE(r.data.rows(), Eigen::Index(60000));
        QCOMPARE(r.data.features(), Eigen::Index(784));
        QCOMPARE(r.data.imageShape, std::optional<tw::ImageShape>(tw::ImageShape{1, 28, 28}));
        QCOMPARE(r.data.classCount(), 10);
        QCOMPARE(r.data.classLabels[1], std::string("Trouser"));
        QCOMPARE(r.data.classCounts(), std::vector<Eigen::Index>(10, 6000));
        QVERIFY(r.officialTest);
        QCOMPARE(r.officialTest->rows(), Eigen::Index(10000));
        QCOMPARE(r.officialTest->classCounts(), std::vector<Eigen::Index>(10, 1000));
        QCOMPARE(largest(r.data.x), 255.0f);
    }
};

QTEST_GUILESS_MAIN(tst_BuiltinDatasets)
#include "tst_builtindatasets.moc"
