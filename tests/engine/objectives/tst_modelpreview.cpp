// What the Model section shows of a CNN (#15) is what a trial builds: the engine's shapes
// and parameter count for the spec's data.
#include "io/BuiltinDatasets.h"
#include "ml/Model.h"
#include "objectives/ModelPreview.h"
#include "objectives/TrainSetup.h"
#include "spec/StudySpecParser.h"

#include <QJsonArray>
#include <QTemporaryDir>
#include <QtTest>

using namespace tw;

namespace {

QJsonObject objective(const QJsonObject& dataset, const QJsonArray& conv, const QJsonObject& extra = {})
{
    QJsonObject model{{"type", "cnn"}, {"conv", conv}, {"hidden", QJsonArray{16}}};
    for (auto it = extra.begin(); it != extra.end(); ++it)
        model.insert(it.key(), it.value());
    return QJsonObject{{"type", "train"}, {"dataset", dataset}, {"model", model}};
}

QJsonObject block(int filters, int kernel, int pool, const QString& padding = "same")
{
    return QJsonObject{{"filters", filters}, {"kernel", kernel}, {"pool", pool}, {"padding", padding}};
}

} // namespace

class tst_ModelPreview : public QObject {
    Q_OBJECT
private slots:
    void matchesTheArchitectureATrialBuilds()
    {
        for (const bool global : {false, true}) {
            const QJsonObject o = objective(QJsonObject{{"source", "builtin:digits"}},
                                            QJsonArray{block(8, 3, 2), block(12, 3, 1, "valid")},
                                            QJsonObject{{"global_pool", global}, {"batch_norm", true}});
            const ModelPreview p = ModelPreview::of(o);
            const auto spec = StudySpecParser::parseObjective(o, "val_accuracy");
            QVERIFY2(spec, qPrintable(spec.error()));
            const ModelArchitecture a = TrainSetup::architecture(spec->model, spec->training,
                                                                 BuiltinDatasets::load("digits").data);
            QCOMPARE(p.input, std::optional<ImageShape>(ImageShape{1, 8, 8}));
            QCOMPARE(p.blocks, 2);
            QCOMPARE(p.shapes, a.convShapes());
            QCOMPARE(p.shapes.back(), (ImageShape{12, 2, 2}));
            QCOMPARE(p.denseInputs, std::optional<int>(a.denseInputs()));
            QCOMPARE(p.classes, 10);
            QCOMPARE(p.parameters, std::optional<long long>(Model::parameterCount(a)));
        }
    }

    void stopsAtABlockThatDoesNotFit()
    {
        // An even kernel: the parser rejects the block, so it and the next have no shape.
        ModelPreview p = ModelPreview::of(objective(QJsonObject{{"source", "builtin:digits"}},
                                                    QJsonArray{block(8, 3, 2), block(8, 4, 1), block(8, 3, 1)}));
        QCOMPARE(p.blocks, 3);
        QCOMPARE(p.shapes.size(), size_t(1));
        QVERIFY(!p.parameters);
        // A pool past the map: the shape is there, invalid, and there is no count.
        p = ModelPreview::of(objective(QJsonObject{{"source", "builtin:digits"}},
                                       QJsonArray{block(8, 3, 2), block(8, 3, 8)}));
        QCOMPARE(p.shapes.size(), size_t(2));
        QVERIFY(p.shapes[0].isValid());
        QVERIFY(!p.shapes[1].isValid());
        QVERIFY(!p.parameters);
        QVERIFY(!p.denseInputs);
        // No image shape: nothing to infer from.
        p = ModelPreview::of(objective(QJsonObject{{"source", "builtin:iris"}}, QJsonArray{block(8, 3, 2)}));
        QVERIFY(!p.input);
        QVERIFY(p.shapes.empty());
        QCOMPARE(p.source, QStringLiteral("builtin:iris"));
    }

    void aCsvLeavesOutTheOutputLayer()
    {
        // 3 channels of 4x4, classes unknown until the file is read.
        const QJsonObject o = objective(QJsonObject{{"source", "csv:/nonexistent/pixels.csv"},
                                                    {"image_shape", QJsonArray{3, 4, 4}}},
                                        QJsonArray{block(5, 3, 2)});
        const ModelPreview p = ModelPreview::of(o);
        QCOMPARE(p.input, std::optional<ImageShape>(ImageShape{3, 4, 4}));
        QCOMPARE(p.shapes, (std::vector<ImageShape>{{5, 2, 2}}));
        QCOMPARE(p.classes, 0);
        // conv 3*3*3*5 + 5, dense 20*16 + 16: the output layer's size depends on the classes.
        QCOMPARE(p.parameters, std::optional<long long>(3 * 3 * 3 * 5 + 5 + 20 * 16 + 16));
    }

    void absentBlocksAreTheParsersDefault()
    {
        QJsonObject o = objective(QJsonObject{{"source", "builtin:digits"}}, {});
        QJsonObject model = o["model"].toObject();
        model.remove("conv");
        o["model"] = model;
        const ModelPreview p = ModelPreview::of(o);
        QCOMPARE(p.blocks, 2); // 32 then 64 filters, each pooled by 2
        QCOMPARE(p.shapes, (std::vector<ImageShape>{{32, 4, 4}, {64, 2, 2}}));
    }
};

QTEST_GUILESS_MAIN(tst_ModelPreview)
#include "tst_modelpreview.moc"
