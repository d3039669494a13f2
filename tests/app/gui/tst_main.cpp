// ctest-labels: integration
// The workbench's program as a user starts it from a terminal without a display: runs that
// show no window work, a plain start says what is missing instead of Qt's abort.
#include "support/ProgramRun.h"

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
};

QTEST_GUILESS_MAIN(TestMain)
#include "tst_main.moc"
