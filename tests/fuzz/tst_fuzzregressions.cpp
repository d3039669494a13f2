// Replays every input a fuzz target ever crashed on (tests/data/fuzz-regressions/<target>/)
// through the same entry point as the fuzzer (tests/support/FuzzTargets.h), built like the
// rest of the suite: each must now give a success or a message, and keep the parser's
// invariants. The seed lists that exist only for the fuzzers are replayed too.
#include "support/FuzzTargets.h"

#include "support/TestPaths.h"
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QtTest>

class tst_FuzzRegressions : public QObject {
    Q_OBJECT

private:
    static void check(const QString& target, const QByteArray& input)
    {
        const auto it = tw::fuzz::targets().find(target);
        QVERIFY2(it != tw::fuzz::targets().end(),
                 qPrintable(QStringLiteral("no entry point for fuzz target '%1' in "
                                           "tests/support/FuzzTargets.h")
                                .arg(target)));
        const tw::fuzz::Outcome o = it->second(input);
        QVERIFY2(o.broken.isEmpty(), qPrintable(o.broken));
        QVERIFY2(o.ok || !o.error.isEmpty(), "a failure without a message");
    }

    static QByteArray contents(const QString& path)
    {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            qFatal("cannot read %s", qPrintable(path));
        return f.readAll();
    }

private slots:
    void crashInputs_data()
    {
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("path");
        const QDir root(tw::test::testData(QStringLiteral("fuzz-regressions")));
        int n = 0;
        for (const QString& target : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            QDirIterator files(root.filePath(target), QDir::Files);
            while (files.hasNext()) {
                const QString path = files.next();
                QTest::newRow(qPrintable(target + u'/' + QFileInfo(path).fileName()))
                    << target << path;
                ++n;
            }
        }
        if (n == 0)
            QTest::newRow("none") << QString() << QString();
    }
    void crashInputs()
    {
        QFETCH(QString, target);
        QFETCH(QString, path);
        if (path.isEmpty())
            QSKIP("no regression inputs in tests/data/fuzz-regressions");
        check(target, contents(path));
    }

    // The fuzzers' own seeds, so their entry points are checked by the normal suite too.
    void storageUrlSeeds()
    {
        const QByteArray list =
            contents(tw::test::testData(QStringLiteral("urls/storage-urls.txt")));
        int parsed = 0;
        for (const QByteArray& line : list.split('\n')) {
            check(QStringLiteral("storage_url"), line);
            parsed += tw::fuzz::storageUrl(line).ok;
        }
        QVERIFY(parsed > 10);
    }

    void idxSeeds()
    {
        const QDir dir(tw::test::testData(QStringLiteral("idx")));
        QStringList ok;
        for (const QString& name : dir.entryList({QStringLiteral("*.idx*")}, QDir::Files)) {
            check(QStringLiteral("idx_reader"), contents(dir.filePath(name)));
            if (tw::fuzz::idxReader(contents(dir.filePath(name))).ok)
                ok << name;
        }
        QCOMPARE(ok, QStringList({"images-2x3x2x2.idx", "images-3x2x2-then-labels-3.idx",
                                  "images-3x4x4.idx", "images-3x4x4.idx.gz", "labels-10.idx",
                                  "labels-10.idx.gz"}));
    }

    // Every model file in tests/data/models: the good ones load (and keep the target's
    // invariants), the bad ones fail with a message.
    void modelSeeds()
    {
        for (const char* kind : {"good", "bad"}) {
            const QDir dir(tw::test::testData(QStringLiteral("models/")) + QLatin1String(kind));
            const QStringList names = dir.entryList({QStringLiteral("*.json")}, QDir::Files);
            QVERIFY(names.size() >= 5);
            for (const QString& name : names) {
                const tw::fuzz::Outcome o = tw::fuzz::modelFile(contents(dir.filePath(name)));
                QVERIFY2(o.broken.isEmpty(), qPrintable(name + u' ' + o.broken));
                QVERIFY2(o.ok == (QLatin1String(kind) == QLatin1String("good")),
                         qPrintable(name + u' ' + o.error));
            }
        }
    }

    // The fuzz target sets wrong CRC-32s right, so that changed weights get past the
    // checksum; it leaves the file alone when they are right.
    void modelCrcRepair()
    {
        const QByteArray good =
            contents(tw::test::testData(QStringLiteral("models/good/linear-v1.json")));
        QVERIFY(tw::fuzz::detail::withRightCrcs(good).isEmpty());
        const QByteArray damaged = QByteArray(good).replace("\"770a06d7\"", "\"00000000\"");
        QVERIFY(damaged != good);
        const tw::fuzz::Outcome o = tw::fuzz::modelFile(damaged);
        QVERIFY(!o.ok);
        QVERIFY2(o.error.contains(QStringLiteral("CRC-32")), qPrintable(o.error));
        const QByteArray repaired = tw::fuzz::detail::withRightCrcs(damaged);
        QVERIFY(!repaired.isEmpty());
        QVERIFY(tw::fuzz::modelFile(repaired).ok);
    }

    void csvOptionsPrefix()
    {
        const QByteArray csv("a,b,label\n1,2,x\n3,4,y\n5,6,x\n7,8,y\n");
        QVERIFY(tw::fuzz::csvReader(csv).ok);
        QVERIFY(tw::fuzz::csvReader("#tw-options\ntarget=a\n\n" + csv).ok);
        const auto bad = tw::fuzz::csvReader("#tw-options\ntarget=nope\n\n" + csv);
        QVERIFY(!bad.ok);
        QVERIFY2(bad.error.contains(QStringLiteral("nope")), qPrintable(bad.error));
        QVERIFY(!tw::fuzz::csvReader("#tw-options\nmissing=sometimes\n\n" + csv).ok);
    }
};

QTEST_GUILESS_MAIN(tst_FuzzRegressions)
#include "tst_fuzzregressions.moc"
