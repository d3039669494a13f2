#include "io/DataError.h"
#include "io/DatasetSource.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using tw::DatasetSource;

namespace {

QString parseError(const QString& text)
{
    try {
        DatasetSource::parse(text, "/base");
    } catch (const tw::DataError& e) {
        return QString::fromStdString(e.what());
    }
    return QString();
}

} // namespace

class tst_DatasetSource : public QObject {
    Q_OBJECT
private slots:
    void parsesTheThreeForms()
    {
        auto s = DatasetSource::parse("builtin:iris");
        QCOMPARE(s.kind(), DatasetSource::Kind::Builtin);
        QCOMPARE(s.target(), QString("iris"));
        QCOMPARE(s.toString(), QString("builtin:iris"));

        s = DatasetSource::parse("csv:data/x.csv", "/home/me/study");
        QCOMPARE(s.kind(), DatasetSource::Kind::Csv);
        QCOMPARE(s.target(), QString("/home/me/study/data/x.csv"));
        QCOMPARE(s.toString(), QString("csv:/home/me/study/data/x.csv"));
        QCOMPARE(DatasetSource::parse("csv:../x.csv", "/a/b").target(), QString("/a/x.csv"));
        QCOMPARE(DatasetSource::parse("csv:/abs/x.csv", "/a/b").target(), QString("/abs/x.csv"));
        QCOMPARE(DatasetSource::parse("csv:x.csv").target(), QDir::current().filePath("x.csv"));

        s = DatasetSource::parse("synthetic:moons");
        QCOMPARE(s.kind(), DatasetSource::Kind::Synthetic);
        QCOMPARE(s.target(), QString("moons"));
    }

    void rejectsWhatItCannotRead_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("no scheme") << "iris.csv"
                                   << "dataset.source 'iris.csv': expected builtin:NAME, csv:PATH "
                                      "or synthetic:KIND";
        QTest::newRow("unknown scheme") << "http://x" << "unknown source type 'http'";
        QTest::newRow("unknown builtin") << "builtin:mnist"
                                         << "unknown built-in dataset 'mnist'; expected one of "
                                            "iris, wine, breast_cancer, digits, diabetes, "
                                            "fashion_mnist";
        QTest::newRow("empty csv") << "csv:" << "expected a file path after csv:";
        QTest::newRow("unknown synthetic") << "synthetic:moon"
                                           << "unknown synthetic kind 'moon'; expected one of "
                                              "moons, circles, spirals, blobs, xor, friedman1, sine";
    }
    void rejectsWhatItCannotRead()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        const QString e = parseError(text);
        QVERIFY2(e.contains(expected), qPrintable(e));
    }

    void loadsCsvWithOptions()
    {
        QTemporaryDir dir;
        QFile f(dir.filePath("t.csv"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("a;b;label\n1;2;x\n3;NA;y\n5;6;y\n");
        f.close();
        tw::CsvOptions o;
        o.missing = tw::MissingPolicy::Drop;
        const auto r = DatasetSource::parse("csv:t.csv", dir.path()).load(o);
        QCOMPARE(r.data.rows(), Eigen::Index(2));
        QCOMPARE(r.droppedRows, 1LL);
        try {
            DatasetSource::parse("csv:absent.csv", dir.path()).load();
            QFAIL("no error");
        } catch (const tw::DataError& e) {
            QVERIFY2(QString(e.what()).endsWith("absent.csv: no such file; expected a CSV file"),
                     e.what());
        }
    }

    void loadsBuiltin()
    {
        const auto r = DatasetSource::parse("builtin:wine").load();
        QCOMPARE(r.data.rows(), Eigen::Index(178));
    }

    void syntheticUsesTheCallersGenerator()
    {
        const auto source = DatasetSource::parse("synthetic:xor");
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, source.load());
        std::string asked;
        const auto r = source.load({}, [&](const std::string& kind) {
            asked = kind;
            tw::Dataset d;
            d.x = tw::FeatureMatrix::Ones(4, 2);
            d.y = Eigen::VectorXf::Zero(4);
            return d;
        });
        QCOMPARE(asked, std::string("xor"));
        QCOMPARE(r.data.rows(), Eigen::Index(4));
        QCOMPARE(r.columns.size(), size_t(3));
    }
};

QTEST_GUILESS_MAIN(tst_DatasetSource)
#include "tst_datasetsource.moc"
