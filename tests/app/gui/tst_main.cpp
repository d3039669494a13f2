// ctest-labels: integration
// The workbench's program as a user starts it from a terminal without a display: runs that
// show no window work, a plain start says what is missing instead of Qt's abort.
#include "support/ProgramRun.h"
#include "support/TestPaths.h"

#include <QDir>
#include <QImage>
#include <QTemporaryDir>
#include <QtTest>

namespace {

// Runs tunewright with `extraEnv` on top of an environment without any display.
tw::test::ProgramResult runGui(const QStringList& args, const QStringList& extraEnv = {})
{
    tw::test::ProgramOptions options;
    for (const char* name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
        options.env.remove(QString::fromLatin1(name));
    for (const QString& pair : extraEnv)
        options.env.insert(pair.section(u'=', 0, 0), pair.section(u'=', 1));
    return tw::test::runProgram(QStringLiteral("tunewright"), args, options);
}

} // namespace

class TestMain : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(tw::test::binPath(QStringLiteral("tunewright"))),
                 "build the tunewright target first");
    }

    void versionAndHelpNeedNoDisplay()
    {
        const auto version = runGui({QStringLiteral("--version")});
        QVERIFY2(version.exitCode == 0, qPrintable(version.err));
        QVERIFY2(version.out.startsWith(QStringLiteral("tunewright ")), qPrintable(version.out));

        const auto help = runGui({QStringLiteral("--help")});
        QVERIFY2(help.exitCode == 0, qPrintable(help.err));
        QVERIFY(help.out.contains(QStringLiteral("--screenshot")));
    }

    void plainStartWithoutDisplaySaysWhy()
    {
        QTemporaryDir home;
        const auto r = runGui({}, {QStringLiteral("HOME=") + home.path()});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("no display")), qPrintable(r.err));
        QVERIFY2(r.err.contains(QStringLiteral("tunewright-cli")), qPrintable(r.err));
        // Nothing was created: it stopped before opening the default experiment.
        QVERIFY(QDir(home.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden)
                    .isEmpty());
    }

    void screenshotGoesOffscreenByItself()
    {
        QTemporaryDir dir;
        const QString png = dir.filePath(QStringLiteral("shot.png"));
        const auto r = runGui({QStringLiteral("--screenshot"), png, QStringLiteral("--study"),
                                 QStringLiteral("branin-gp"), QStringLiteral("--tab"),
                                 QStringLiteral("leaderboard")},
                                {QStringLiteral("HOME=") + dir.path()});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QImage image(png);
        QVERIFY2(!image.isNull(), "the screenshot is not a readable PNG");
        QVERIFY(image.width() >= 800 && image.height() >= 600);
    }

    // A stored study is shown as it is: the picture is taken and nothing more runs.
    void screenshotOfAStoredStudyRunsNothing()
    {
        QTemporaryDir dir;
        const QString twx = dir.filePath(QStringLiteral("stored.twx"));
        const QString example = tw::test::sourcePath(QStringLiteral("resources/examples/branin-gp.json"));
        QVERIFY(QFile::exists(example));
        const auto made = tw::test::runProgram(QStringLiteral("tunewright-cli"),
                                               {QStringLiteral("run"), example, QStringLiteral("--storage"),
                                                twx, QStringLiteral("--trials"), QStringLiteral("5")});
        QVERIFY2(made.exitCode == 0, qPrintable(made.err));
        const auto before = tw::test::runProgram(QStringLiteral("tunewright-cli"),
                                                 {QStringLiteral("trials"), QStringLiteral("--storage"), twx,
                                                  QStringLiteral("--format"), QStringLiteral("csv")});
        QVERIFY2(before.exitCode == 0, qPrintable(before.err));

        const QString png = dir.filePath(QStringLiteral("stored.png"));
        const auto r = runGui({QStringLiteral("--screenshot"), png, QStringLiteral("--tab"), QStringLiteral("live"), twx},
                              {QStringLiteral("HOME=") + dir.path()});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QImage image(png);
        QVERIFY2(!image.isNull(), "the screenshot is not a readable PNG");
        const auto after = tw::test::runProgram(QStringLiteral("tunewright-cli"),
                                                {QStringLiteral("trials"), QStringLiteral("--storage"), twx,
                                                 QStringLiteral("--format"), QStringLiteral("csv")});
        QCOMPARE(after.out, before.out);

        const auto missing = runGui({QStringLiteral("--screenshot"), png, dir.filePath(QStringLiteral("none.twx"))},
                                    {QStringLiteral("HOME=") + dir.path()});
        QCOMPARE(missing.exitCode, 2);
        QVERIFY2(missing.err.contains(QStringLiteral("none.twx")), qPrintable(missing.err));
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("none.twx"))));
    }
};

QTEST_GUILESS_MAIN(TestMain)
#include "tst_main.moc"
