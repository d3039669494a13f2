#include "modelio/ModelFile.h"
#include "core/Random.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include "support/TestPaths.h"

using namespace tw;

namespace {

QByteArray readAll(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(path));
    return f.readAll();
}

// A classifier with everything a model file can hold: batch norm (so buffers), dropout,
// a categorical input column, preprocessing and provenance.
SavedModel classifier()
{
    ModelArchitecture a = ModelArchitecture::mlp(5, {7, 4}, 3, OutputKind::Softmax, Activation::GELU);
    a.batchNorm = true;
    a.dropout = 0.25f;
    SavedModel m;
    m.model = Model(a, 42);
    // Running statistics that differ from the initial ones, so a lost buffer shows.
    for (Eigen::Index i = 0; i < m.model.buffers().size(); ++i)
        m.model.buffers()(i) = 0.5f + 0.1f * static_cast<float>(i);
    Eigen::VectorXf offset(5), scale(5);
    offset << 0.1f, -2.0f, 3.5f, 0.0f, 0.0f;
    scale << 1.5f, 0.25f, 7.0f, 1.0f, 1.0f;
    m.preprocessor = Preprocessor::fromParameters(Preprocessor::Kind::Standardize, offset, scale);
    m.task = Task::Classification;
    m.targetName = "kind";
    m.featureNames = {"x", "y", "z", "colour=blue", "colour=red"};
    m.classLabels = {"a b", "c,d", "\"e\""};
    m.inputs = {{"x", ModelInputColumn::Type::Numeric, {}},
                {"y", ModelInputColumn::Type::Numeric, {}},
                {"z", ModelInputColumn::Type::Numeric, {}},
                {"colour", ModelInputColumn::Type::Categorical, {"blue", "red"}}};
    m.provenance.study = std::string("a-study");
    m.provenance.trial = 4;
    m.provenance.metric = "val_accuracy";
    m.provenance.value = 0.875;
    m.provenance.params = QJsonObject{{"training.learning_rate", 0.01}, {"model.hidden", QJsonArray{7, 4}}};
    m.provenance.metrics = {{"val_accuracy", 0.875}, {"val_loss", std::nan("")}};
    m.provenance.testMetrics = {{"accuracy", 0.9}};
    m.provenance.dataset = "csv:/data/x.csv";
    m.provenance.created = "2024-05-01T10:00:00Z";
    m.provenance.tunewrightVersion = "0.1.0";
    return m;
}

FeatureMatrix someRows(Eigen::Index rows, Eigen::Index cols, unsigned seed)
{
    tw::Random gen(seed);
    FeatureMatrix x(rows, cols);
    for (Eigen::Index i = 0; i < x.size(); ++i)
        x.data()[i] = static_cast<float>(gen.uniform(-3.0, 3.0));
    return x;
}

} // namespace

class tst_ModelFile : public QObject {
    Q_OBJECT
private slots:
    void roundTripGivesIdenticalPredictions()
    {
        const SavedModel m = classifier();
        const auto back = ModelFile::fromBytes(ModelFile::toBytes(m), "mem");
        QVERIFY2(back.ok(), qPrintable(back.error()));
        const SavedModel& r = back.value();
        QVERIFY(r.model.architecture() == m.model.architecture());
        // Bit for bit: base64 of float32 loses nothing.
        QVERIFY(r.model.parameters() == m.model.parameters());
        QVERIFY(r.model.buffers() == m.model.buffers());
        QVERIFY(r.preprocessor.offset() == m.preprocessor.offset());
        QVERIFY(r.preprocessor.scale() == m.preprocessor.scale());
        QCOMPARE(r.preprocessor.kind(), Preprocessor::Kind::Standardize);
        QCOMPARE(r.featureNames, m.featureNames);
        QCOMPARE(r.classLabels, m.classLabels);
        QVERIFY(r.inputs == m.inputs);
        QCOMPARE(r.targetName, m.targetName);
        QCOMPARE(r.task, Task::Classification);
        QVERIFY(!r.imageShape);
        QCOMPARE(r.provenance.trial, 4);
        QCOMPARE(r.provenance.params, m.provenance.params);
        QVERIFY(std::isnan(r.provenance.metrics.at("val_loss")));
        QCOMPARE(r.provenance.testMetrics.at("accuracy"), 0.9);

        const FeatureMatrix x = someRows(50, 5, 1);
        const Eigen::MatrixXf a = m.predict(x);
        const Eigen::MatrixXf b = r.predict(x);
        QCOMPARE(a.rows(), Eigen::Index(50));
        QCOMPARE(a.cols(), Eigen::Index(3));
        QVERIFY(a == b);
    }

    // #15: a CNN's blocks, pooling and input shape survive the file, with its weights
    // and the per-channel batch-norm buffers; the file says version 2.
    void cnnRoundTrip()
    {
        ModelArchitecture a = ModelArchitecture::cnn(
            // 2x17x15 -> 4x8x7 (same, pooled by 2) -> 6x2x2 (5x5 valid, stride 2) -> 3x2x2
            {2, 17, 15}, {{4, 3, 1, Padding::Same, 2}, {6, 5, 2, Padding::Valid, 1}, {3, 1, 1, Padding::Same, 1}}, {5},
            3, OutputKind::Softmax, Activation::LeakyReLU);
        a.batchNorm = true;
        a.poolType = PoolType::Avg;
        SavedModel m;
        m.model = Model(a, 9);
        for (Eigen::Index i = 0; i < m.model.buffers().size(); ++i)
            m.model.buffers()(i) = 0.5f + 0.1f * static_cast<float>(i);
        m.task = Task::Classification;
        m.classLabels = {"a", "b", "c"};
        for (int i = 0; i < a.inputs; ++i)
            m.featureNames.push_back("p" + std::to_string(i));
        for (const auto& f : m.featureNames)
            m.inputs.push_back({f, ModelInputColumn::Type::Numeric, {}});
        m.imageShape = ImageShape{2, 17, 15};
        const QByteArray bytes = ModelFile::toBytes(m);
        QCOMPARE(QJsonDocument::fromJson(bytes).object()["version"].toInt(), 2);
        const auto back = ModelFile::fromBytes(bytes, "mem");
        QVERIFY2(back.ok(), qPrintable(back.error()));
        QVERIFY(back->model.architecture() == a);
        QVERIFY(back->model.parameters() == m.model.parameters());
        QVERIFY(back->model.buffers() == m.model.buffers());
        const FeatureMatrix x = someRows(6, a.inputs, 3);
        QVERIFY(back->predict(x) == m.predict(x));

        // A global-pool variant, and a damaged block list.
        a.globalPool = true;
        a.batchNorm = false;
        m.model = Model(a, 1);
        const auto again = ModelFile::fromBytes(ModelFile::toBytes(m), "mem");
        QVERIFY2(again.ok(), qPrintable(again.error()));
        QVERIFY(again->model.architecture() == a);
        QJsonObject root = QJsonDocument::fromJson(ModelFile::toBytes(m)).object();
        QJsonObject arch = root["architecture"].toObject();
        QJsonArray conv = arch["conv"].toArray();
        QJsonObject first = conv[0].toObject();
        first["kernel"] = 4;
        conv[0] = first;
        arch["conv"] = conv;
        root["architecture"] = arch;
        const auto bad = ModelFile::fromBytes(QJsonDocument(root).toJson(), "mem");
        QVERIFY(!bad.ok());
        QVERIFY2(bad.error().contains("architecture: conv[0].kernel: must be odd"), qPrintable(bad.error()));
        // A version 1 file cannot hold a CNN.
        root = QJsonDocument::fromJson(ModelFile::toBytes(m)).object();
        root["version"] = 1;
        const auto old = ModelFile::fromBytes(QJsonDocument(root).toJson(), "mem");
        QVERIFY(!old.ok());
        QVERIFY2(old.error().contains("architecture.input_shape: a version 1 model file has no CNN"),
                 qPrintable(old.error()));
    }

    // #15: a dense model is still written as version 1, which older readers open.
    void denseModelsStayVersionOne()
    {
        QCOMPARE(QJsonDocument::fromJson(ModelFile::toBytes(classifier())).object()["version"].toInt(), 1);
    }

    void roundTripThroughAFileOfARegressorWithImages()
    {
        SavedModel m;
        m.model = Model(ModelArchitecture::linearRegression(4), 3);
        m.preprocessor = Preprocessor(Preprocessor::Kind::None);
        m.task = Task::Regression;
        m.targetName = std::string("y");
        m.featureNames = {"p0", "p1", "p2", "p3"};
        m.inputs = {{"p0", {}, {}}, {"p1", {}, {}}, {"p2", {}, {}}, {"p3", {}, {}}};
        m.imageShape = ImageShape{1, 2, 2};
        QTemporaryDir dir;
        const QString path = dir.filePath("m.model.json");
        QCOMPARE(ModelFile::save(m, path), QString());
        const auto back = ModelFile::load(path);
        QVERIFY2(back.ok(), qPrintable(back.error()));
        QVERIFY(back->imageShape == m.imageShape);
        QVERIFY(back->model.parameters() == m.model.parameters());
        const FeatureMatrix x = someRows(9, 4, 2);
        QVERIFY(back->predict(x) == m.predict(x));
        // The file is indented JSON a person can read, with the format and version first.
        const QJsonObject o = QJsonDocument::fromJson(readAll(path)).object();
        QCOMPARE(o["format"].toString(), QString("tunewright-model"));
        QCOMPARE(o["version"].toInt(), 1);
        QCOMPARE(o["architecture"].toObject()["type"].toString(), QString("linear_regression"));
    }

    // A file written by hand per docs/model-format.md: guards the format itself.
    void documentedFileLoadsAndPredicts()
    {
        const auto m =
            ModelFile::load(tw::test::testData(QStringLiteral("models/good/linear-v1.json")));
        QVERIFY2(m.ok(), qPrintable(m.error()));
        FeatureMatrix x(2, 2);
        x << 3.0f, 6.0f,   // standardized (1, 1): 0.5 - 1.25 + 2 = 1.25
            1.0f, 2.0f;    // standardized (0, 0): the bias, 2
        const Eigen::MatrixXf y = m->predict(x);
        QCOMPARE(y(0, 0), 1.25f);
        QCOMPARE(y(1, 0), 2.0f);
        QCOMPARE(m->provenance.study, std::string("handmade"));
        QVERIFY(std::isnan(m->provenance.value));
    }

    void malformedFilesSayWhatAndWhere_data()
    {
        QTest::addColumn<QString>("file");
        const QDir dir(tw::test::testData(QStringLiteral("models/bad")));
        const auto files = dir.entryList({"*.json"}, QDir::Files, QDir::Name);
        QVERIFY(files.size() >= 15);
        for (const QString& f : files)
            QTest::newRow(qPrintable(f)) << dir.filePath(f);
    }

    void malformedFilesSayWhatAndWhere()
    {
        QFETCH(QString, file);
        const QFileInfo info(file);
        const QString expected = QString::fromUtf8(
            readAll(info.dir().filePath(info.completeBaseName() + ".expected"))).trimmed();
        const auto r = ModelFile::fromBytes(readAll(file), info.fileName());
        QVERIFY2(!r.ok(), "the file loaded");
        // A JSON syntax error reads "file:LINE:COLUMN: ...", every other "file: PATH: ...".
        const bool syntax = QRegularExpression("^\\d+:\\d+: ").match(expected).hasMatch();
        QCOMPARE(r.error(), info.fileName() + (syntax ? ":" : ": ") + expected);
    }

    void missingFileSaysSo()
    {
        const auto r = ModelFile::load("/nonexistent/m.json");
        QVERIFY(!r.ok());
        QVERIFY2(r.error().startsWith("/nonexistent/m.json: cannot read"), qPrintable(r.error()));
    }

    // The fuzz entry: truncations and byte flips of a valid file give an error or a model,
    // never an exception or a crash.
    void damagedBytesNeverThrow()
    {
        const QByteArray good = ModelFile::toBytes(classifier());
        int accepted = 0;
        for (qsizetype cut = 0; cut < good.size(); cut += 7) {
            const auto r = ModelFile::fromBytes(good.left(cut), "cut");
            QVERIFY(!r.ok());
            QVERIFY(!r.error().isEmpty());
        }
        tw::Random gen(7);
        for (int i = 0; i < 2000; ++i) {
            QByteArray b = good;
            const int flips = 1 + static_cast<int>(gen.below(3));
            for (int k = 0; k < flips; ++k)
                b[static_cast<qsizetype>(gen.below(static_cast<std::uint64_t>(b.size())))] = static_cast<char>(gen.below(256));
            const auto r = ModelFile::fromBytes(b, "flip");
            if (r.ok())
                ++accepted;  // a flip in a name or in provenance is harmless
            else
                QVERIFY(!r.error().isEmpty());
        }
        qInfo("%d of 2000 damaged files still loaded", accepted);
    }

    void absurdWidthsAreRejectedBeforeAllocating()
    {
        QJsonObject o =
            QJsonDocument::fromJson(
                readAll(tw::test::testData(QStringLiteral("models/good/linear-v1.json"))))
                .object();
        QJsonObject a = o["architecture"].toObject();
        a["hidden"] = QJsonArray{10000000, 10000000};
        a["type"] = "mlp";
        o["architecture"] = a;
        const auto r = ModelFile::fromBytes(QJsonDocument(o).toJson(), "big");
        QVERIFY(!r.ok());
        QVERIFY2(r.error().startsWith("big: parameters.count: expected 100000050000001 values"), qPrintable(r.error()));
    }

    void countsMatchTheModel()
    {
        // The arithmetic count that guards allocation agrees with the network's own.
        for (bool bn : {false, true})
            for (const std::vector<int>& hidden : {std::vector<int>{}, {3}, {5, 4, 2}}) {
                ModelArchitecture a = ModelArchitecture::mlp(6, hidden, 3, OutputKind::Softmax);
                a.batchNorm = bn && !hidden.empty();
                a.dropout = 0.1f;
                SavedModel m;
                m.model = Model(a, 1);
                m.task = Task::Classification;
                m.classLabels = {"a", "b", "c"};
                m.featureNames = {"f0", "f1", "f2", "f3", "f4", "f5"};
                for (const auto& f : m.featureNames)
                    m.inputs.push_back({f, ModelInputColumn::Type::Numeric, {}});
                const auto back = ModelFile::fromBytes(ModelFile::toBytes(m));
                QVERIFY2(back.ok(), qPrintable(back.error()));
                QVERIFY(back->model.buffers() == m.model.buffers());
            }
    }
};

QTEST_GUILESS_MAIN(tst_ModelFile)
#include "tst_modelfile.moc"
