// ctest-labels: integration
// `tunewright --plot KIND --out FILE` (#16): every kind writes a PNG of the asked size
// without a display, with something drawn on it; PDF and SVG too; bad input exits 2 with
// a message.
#include "storage/SqliteStorage.h"
#include "support/ProgramRun.h"

#include <QImage>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

namespace {

tw::test::ProgramResult runGui(const QStringList& args)
{
    tw::test::ProgramOptions options;
    for (const char* name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
        options.env.remove(QString::fromLatin1(name));
    return tw::test::runProgram(QStringLiteral("tunewright"), args, options);
}

// 30 trials over x (float), lr (log) and opt (categorical), each reporting 3 steps; every
// fifth pruned.
void writeStudy(const QString& file)
{
    tw::SqliteStorage storage(file);
    tw::StudyRecord rec;
    rec.name = "plots";
    rec.metric = "loss";
    rec = storage.createStudy(rec);
    const auto fx = tw::Distribution::makeFloat(0, 1);
    const auto flr = tw::Distribution::makeFloat(1e-4, 1e-1, true);
    const auto fopt = tw::Distribution::makeCategorical({"\"sgd\"", "\"adam\""});
    for (int i = 0; i < 30; ++i) {
        tw::FrozenTrial t;
        t.state = tw::TrialState::Running;
        t = *storage.createTrial(rec.id, t);
        const double x = std::fmod(i * 0.618034, 1.0), lr = std::pow(10.0, -4 + 3 * std::fmod(i * 0.754878, 1.0));
        storage.setTrialParams(t.id, {{"x", x, fx}, {"lr", lr, flr}, {"opt", double(i % 2), fopt}});
        const double value = 3 * x + std::log10(lr) * 0.2 + (i % 2);
        for (int s = 0; s < 3; ++s)
            storage.reportIntermediate(t.id, s, value + 1.0 / (s + 1));
        const bool pruned = i % 5 == 4;
        storage.finishTrial(t.id, pruned ? tw::TrialState::Pruned : tw::TrialState::Complete,
                            pruned ? std::nullopt : std::optional<double>(value), {}, tw::Clock::now());
    }
}

} // namespace

class tst_PlotExport : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_file = m_dir.filePath("plots.twx");
        writeStudy(m_file);
    }

    void writesAPngOfTheAskedSize_data()
    {
        QTest::addColumn<QString>("kind");
        for (const char* kind : {"history", "importance", "parallel", "contour", "slice", "edf", "timeline", "intermediate"})
            QTest::newRow(kind) << QString(kind);
    }
    void writesAPngOfTheAskedSize()
    {
        QFETCH(QString, kind);
        const QString png = m_dir.filePath(kind + ".png");
        const auto r = runGui({"--plot", kind, "--out", png, "--storage", m_file, "--width", "640", "--height", "480"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QImage image(png);
        QVERIFY2(!image.isNull(), "not a readable PNG");
        QCOMPARE(image.size(), QSize(640, 480));
        // Something is drawn: more than a handful of distinct colours.
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 4)
            for (int x = 0; x < image.width(); x += 4)
                colours.insert(image.pixel(x, y));
        QVERIFY2(colours.size() > 3, qPrintable(QString::number(colours.size())));
    }

    void pdfAndParams()
    {
        const QString pdf = m_dir.filePath("slice.pdf");
        const auto r = runGui({"--plot", "slice", "--out", pdf, "--storage", m_file, "--study", "plots", "--params", "x,lr"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QFile f(pdf);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.read(5) == "%PDF-");
    }

    void svgOfAContour()
    {
        const QString svg = m_dir.filePath("contour.svg");
        const auto r = runGui({"--plot", "contour", "--out", svg, "--storage", m_file, "--params", "lr,x",
                               "--width", "500", "--height", "400"});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QFile f(svg);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray text = f.readAll();
        QVERIFY(text.contains("<svg"));
        QVERIFY(text.contains("width=\"500"));
        QVERIFY(text.contains("<image"));  // the colour map
    }

    void badInputExitsTwo_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("kind") << QStringList{"--plot", "pie", "--out", "a.png"} << "--plot: expected one of history, importance";
        QTest::newRow("out") << QStringList{"--plot", "edf", "--out", "a.jpg"} << "expected a file ending in .png, .pdf or .svg";
        QTest::newRow("contour params") << QStringList{"--plot", "contour", "--out", "a.png", "--params", "x"}
                                        << "the contour takes two parameters (x,y), got 1";
        QTest::newRow("contour param") << QStringList{"--plot", "contour", "--out", "a.png", "--params", "x,nope"}
                                       << "no parameter \"nope\" in every complete trial (there are: lr, opt, x)";
        QTest::newRow("no out") << QStringList{"--plot", "edf"} << "--plot needs --out";
        QTest::newRow("param") << QStringList{"--plot", "slice", "--out", "a.png", "--params", "nope"} << "has no parameter \"nope\"";
        QTest::newRow("study") << QStringList{"--plot", "edf", "--out", "a.png", "--study", "nope"} << "nope";
        QTest::newRow("size") << QStringList{"--plot", "edf", "--out", "a.png", "--width", "10"} << "100 to 10000 pixels";
    }
    void badInputExitsTwo()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const auto r = runGui(args + QStringList{"--storage", m_file});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
    }

private:
    QTemporaryDir m_dir;
    QString m_file;
};

QTEST_GUILESS_MAIN(tst_PlotExport)
#include "tst_plotexport.moc"
