// tunewright-cli predict on a folder of images (#15): a CNN trained on a CSV of pixels
// with "image_shape", then applied to PNG and JPEG files that the test draws.
#include "support/ProgramRun.h"
#include "core/Random.h"
#include "support/TestPaths.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QTemporaryDir>
#include <QtTest>


using tw::test::runCli;
using tw::test::runProgram;

namespace {

// 4x4 grayscale images, 0-255: class "top" has a bright upper half, "bottom" a bright
// lower half, with noise.
QImage drawImage(bool top, int side, tw::Random& rng)
{
    auto noise = [](tw::Random& r) { return static_cast<int>(r.between(0, 60)); };
    QImage image(side, side, QImage::Format_Grayscale8);
    for (int y = 0; y < side; ++y) {
        uchar* line = image.scanLine(y);
        const bool bright = (y < side / 2) == top;
        for (int x = 0; x < side; ++x)
            line[x] = static_cast<uchar>(bright ? 255 - noise(rng) : noise(rng));
    }
    return image;
}

QString writeCsv(const QTemporaryDir& dir)
{
    tw::Random rng(7);
    QString text;
    for (int i = 0; i < 16; ++i)
        text += QStringLiteral("p%1,").arg(i);
    text += "label\n";
    for (int r = 0; r < 240; ++r) {
        const bool top = r % 2 == 0;
        const QImage image = drawImage(top, 4, rng);
        for (int y = 0; y < 4; ++y)
            for (int x = 0; x < 4; ++x)
                text += QString::number(image.constScanLine(y)[x]) + ',';
        text += top ? "top\n" : "bottom\n";
    }
    const QString path = dir.filePath("pixels.csv");
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    f.write(text.toUtf8());
    return path;
}

QString writeSpec(const QTemporaryDir& dir, const QString& csv, const QString& shape)
{
    const QString path = dir.filePath("spec.json");
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    f.write(QString(R"({
      "name": "pixels", "metric": "val_accuracy",
      "objective": {"type": "train",
        "dataset": {"source": "csv:%1", "target": "label", "image_shape": %2,
                    "split": {"validation": 0.25, "seed": 1}},
        "model": {"type": "cnn", "conv": [{"filters": 4, "kernel": 3}], "hidden": [8]},
        "training": {"learning_rate": 0.01, "batch_size": 16, "epochs": 15, "seed": 2}},
      "search_space": {"training.learning_rate": {"type": "float", "low": 0.001, "high": 0.1, "log": true}},
      "sampler": {"type": "random"}
    })")
                .arg(csv, shape)
                .toUtf8());
    return path;
}

} // namespace

class tst_PredictCommand : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(tw::test::binPath(QStringLiteral("tunewright-cli"))),
                 "build the tunewright-cli target first");
    }

    void cnnPredictsAFolderOfImages()
    {
        QTemporaryDir dir;
        const QString model = dir.filePath("pixels.model.json");
        auto r = runCli({"train", writeSpec(dir, writeCsv(dir), "[1, 4, 4]"), "--save-model", model});
        QCOMPARE(r.exitCode, 0);

        // PNGs at the model's size, an 8x8 one (resized), an RGB JPEG (made gray).
        const QString images = dir.filePath("images");
        QVERIFY(QDir().mkpath(images));
        tw::Random rng(11);
        QVERIFY(drawImage(true, 4, rng).save(images + "/a_top.png"));
        QVERIFY(drawImage(false, 4, rng).save(images + "/b_bottom.png"));
        QVERIFY(drawImage(true, 8, rng).save(images + "/c_top_big.png"));
        QVERIFY(drawImage(false, 8, rng).convertToFormat(QImage::Format_RGB32).save(images + "/d_bottom.jpg", "JPEG", 95));
        QFile junk(images + "/notes.txt");
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write("not an image\n");
        junk.close();

        // Without any display or platform plugin setting: the CLI reads images headless.
        tw::test::ProgramOptions headless;
        for (const char* name : {"QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"})
            headless.env.remove(QString::fromLatin1(name));
        r = runProgram(QStringLiteral("tunewright-cli"), {"predict", "--model", model, "--data", images}, headless);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QStringList out = r.out.split('\n', Qt::SkipEmptyParts);
        QCOMPARE(out.size(), 5);
        QCOMPARE(out[0], QString("file,label,p_bottom,p_top"));
        QVERIFY2(out[1].startsWith("a_top.png,top,"), qPrintable(out[1]));
        QVERIFY2(out[2].startsWith("b_bottom.png,bottom,"), qPrintable(out[2]));
        QVERIFY2(out[3].startsWith("c_top_big.png,top,"), qPrintable(out[3]));
        QVERIFY2(out[4].startsWith("d_bottom.jpg,bottom,"), qPrintable(out[4]));
        const QStringList fields = out[1].split(',');
        QVERIFY(std::abs(fields[2].toDouble() + fields[3].toDouble() - 1.0) < 1e-5);
    }

    void badImageInputExitsTwo()
    {
        QTemporaryDir dir;
        const QString model = dir.filePath("pixels.model.json");
        const QString spec = writeSpec(dir, writeCsv(dir), "[1, 4, 4]");
        QCOMPARE(runCli({"train", spec, "--save-model", model, "--params", R"({"training.epochs": 1})"}).exitCode, 0);
        const QString empty = dir.filePath("empty");
        QVERIFY(QDir().mkpath(empty));
        auto r = runCli({"predict", "--model", model, "--data", empty});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("holds no PNG or JPEG file"), qPrintable(r.err));

        QFile broken(empty + "/broken.png");
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write("not a png");
        broken.close();
        r = runCli({"predict", "--model", model, "--data", empty});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("broken.png") && r.err.contains("cannot read the image"), qPrintable(r.err));

        // A shape that is not the CSV's: said before any training.
        r = runCli({"train", writeSpec(dir, dir.filePath("pixels.csv"), "[1, 4, 5]")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains("image_shape") && r.err.contains("16 feature columns"), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(tst_PredictCommand)
#include "tst_predictcommand.moc"
