#include "io/DataError.h"
#include "io/IdxReader.h"
#include "support/IdxWriter.h"

#include <QTemporaryDir>
#include <QtTest>

using tw::IdxReader;
using namespace tw::test;

namespace {

QString errorOf(const QString& path)
{
    try {
        IdxReader::read(path);
    } catch (const tw::DataError& e) {
        return QString::fromStdString(e.what());
    }
    return QString();
}

std::vector<std::uint8_t> ramp(int n)
{
    std::vector<std::uint8_t> v(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i)
        v[size_t(i)] = std::uint8_t(i * 7 % 256);
    return v;
}

} // namespace

class tst_IdxReader : public QObject {
    Q_OBJECT
private slots:
    void init() { QVERIFY(m_dir.isValid()); }

    void readsGzipAndPlainFiles()
    {
        const auto values = ramp(5 * 3 * 4);
        const QString gz = m_dir.filePath("images.gz");
        const QString plain = m_dir.filePath("images.idx");
        QVERIFY(writeGz(gz, idxBytes({5, 3, 4}, values)));
        QVERIFY(writePlain(plain, idxBytes({5, 3, 4}, values)));
        for (const QString& path : {gz, plain}) {
            const auto a = IdxReader::read(path);
            QCOMPARE(a.dims, (std::vector<int>{5, 3, 4}));
            QCOMPARE(a.values, values);
        }
    }

    void readsAClassificationDataset()
    {
        const QString images = m_dir.filePath("img.gz");
        const QString labels = m_dir.filePath("lab.gz");
        QVERIFY(writeGz(images, idxBytes({4, 2, 3}, ramp(24))));
        QVERIFY(writeGz(labels, idxBytes({4}, {2, 0, 1, 2})));
        const auto d = IdxReader::readClassification(images, labels, {"a", "b", "c"});
        QCOMPARE(d.rows(), Eigen::Index(4));
        QCOMPARE(d.features(), Eigen::Index(6));
        QCOMPARE(d.imageShape, std::optional<tw::ImageShape>(tw::ImageShape{1, 2, 3}));
        QCOMPARE(d.task, tw::Task::Classification);
        QCOMPARE(d.x(1, 2), float(8 * 7 % 256));  // image 1, row 0, column 2
        QCOMPARE(d.x(3, 5), float(23 * 7 % 256));
        QCOMPARE(d.y(0), 2.0f);
        QCOMPARE(d.featureNames[4], std::string("pixel_1_1"));
        QCOMPARE(d.classCounts(), (std::vector<Eigen::Index>{1, 1, 2}));
    }

    void rejectsBadFiles_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<bool>("compressed");
        QTest::addColumn<QString>("expected");
        const QByteArray good = idxBytes({3, 2, 2}, ramp(12));
        QTest::newRow("empty") << QByteArray() << true << "truncated: 0 bytes; expected an IDX header";
        QTest::newRow("bad magic") << QByteArray("PK\x03\x04 zip file") << false
                                   << "bad magic number 0x504b0304; expected an IDX file";
        QTest::newRow("float type") << idxBytes({2}, {0, 0, 0, 0, 0, 0, 0, 0}, 0x0D) << true
                                    << "element type 0x0d (float) is not supported; expected 0x08";
        QTest::newRow("no dimensions") << idxBytes({}, {}) << true
                                       << "declares 0 dimensions; expected 1 to 4";
        QTest::newRow("zero size") << idxBytes({0, 28, 28}, {}) << true
                                   << "dimension 0 is 0; expected a size from 1";
        QTest::newRow("truncated header") << good.left(9) << true
                                          << "truncated header: expected 16 bytes";
        QTest::newRow("truncated data") << good.left(good.size() - 5) << true
                                        << "truncated: the header declares 12 values, the file holds 7";
        QTest::newRow("trailing data") << good + "x" << true
                                       << "more data after the 12 values the header declares";
        QTest::newRow("huge header") << idxBytes({65536, 65536, 65536}, {}) << true
                                     << "declares more than 4294967296 values";
        QTest::newRow("plain truncated") << good.left(good.size() - 1) << false
                                         << "the file holds 11";
    }
    void rejectsBadFiles()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(bool, compressed);
        QFETCH(QString, expected);
        const QString path = m_dir.filePath(compressed ? "bad.gz" : "bad.idx");
        QVERIFY(compressed ? writeGz(path, bytes) : writePlain(path, bytes));
        const QString e = errorOf(path);
        QVERIFY2(e.startsWith(path + ": ") && e.contains(expected), qPrintable(e));
    }

    void rejectsACutGzipStream()
    {
        const QString whole = m_dir.filePath("whole.gz");
        QVERIFY(writeGz(whole, idxBytes({50, 10, 10}, ramp(5000))));
        QFile f(whole);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray compressed = f.readAll();
        const QString cut = m_dir.filePath("cut.gz");
        QVERIFY(writePlain(cut, compressed.left(compressed.size() / 2)));
        const QString e = errorOf(cut);
        QVERIFY2(e.contains("truncated"), qPrintable(e));
    }

    void rejectsMismatchedLabels()
    {
        const QString images = m_dir.filePath("img.gz");
        const QString labels = m_dir.filePath("lab.gz");
        QVERIFY(writeGz(images, idxBytes({3, 2, 2}, ramp(12))));
        QVERIFY(writeGz(labels, idxBytes({2}, {0, 1})));
        auto message = [&](const std::vector<std::string>& classes) {
            try {
                IdxReader::readClassification(images, labels, classes);
            } catch (const tw::DataError& e) {
                return QString::fromStdString(e.what());
            }
            return QString();
        };
        QVERIFY(message({"a", "b"}).contains("holds 2 labels; expected 3, one per image"));
        QVERIFY(writeGz(labels, idxBytes({3}, {0, 1, 5})));
        QVERIFY2(message({"a", "b"}).contains("label 5 of item 2; expected a class from 0 to 1"),
                 qPrintable(message({"a", "b"})));
        QVERIFY(message({"a", "b"}).startsWith(labels));
        QVERIFY(errorOf(m_dir.filePath("absent.gz")).contains("cannot open"));
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(tst_IdxReader)
#include "tst_idxreader.moc"
