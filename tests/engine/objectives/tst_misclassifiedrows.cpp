#include "data/DataSplitter.h"
#include "io/BuiltinDatasets.h"
#include "objectives/MisclassifiedRows.h"
#include "objectives/TrainArtifacts.h"
#include "objectives/TrainObjective.h"
#include "spec/StudySpecParser.h"
#include "train/Evaluator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QtTest>

#include <set>

using namespace tw;

namespace {

// A small CNN on builtin:digits (8x8), trained for two epochs: good, not perfect.
QJsonObject digitsCnn(double validation = 0.2)
{
    return QJsonObject{
        {"type", "train"},
        {"dataset", QJsonObject{{"source", "builtin:digits"},
                                {"split", QJsonObject{{"validation", validation}, {"test", 0.1}, {"seed", 3}}},
                                {"preprocess", "minmax"}}},
        {"model", QJsonObject{{"type", "cnn"},
                              {"conv", QJsonArray{QJsonObject{{"filters", 8}, {"kernel", 3}, {"pool", 2}}}},
                              {"hidden", QJsonArray{32}}}},
        {"training", QJsonObject{{"epochs", 2}, {"batch_size", 32}, {"learning_rate", 0.003}, {"seed", 0}}}};
}

ObjectiveSpec parse(const QJsonObject& json)
{
    auto r = StudySpecParser::parseObjective(json, "val_accuracy");
    if (!r)
        qFatal("bad test spec: %s", qPrintable(r.error()));
    return r.value();
}

} // namespace

class tst_MisclassifiedRows : public QObject {
    Q_OBJECT
private slots:
    void listsExactlyTheValidationRowsThatAreWrong()
    {
        const ObjectiveSpec spec = parse(digitsCnn());
        const TrainObjectiveResult r = TrainObjective().run(spec, "val_accuracy");
        QVERIFY2(r.isComplete(), r.reason.c_str());
        QVERIFY(r.misclassified && r.confusion && r.model);
        const MisclassifiedRows& m = *r.misclassified;

        // What the trial's own split and model say, recomputed here.
        const LoadedDataset loaded = BuiltinDatasets::load("digits");
        const SplitSpec& s = spec.dataset.split;
        const SplitIndices split =
            DataSplitter::holdout(loaded.data, s.validation, s.test, s.stratify, s.seed, s.shuffle);
        Dataset validation = loaded.data.subset(split.validation);
        r.model->preprocessor.transform(validation);
        const Evaluation ev = evaluate(r.model->model, validation, {});
        std::set<long long> wrong;
        for (Eigen::Index i = 0; i < validation.rows(); ++i)
            if (ev.predictions(i) != validation.y(i))
                wrong.insert(static_cast<long long>(split.validation[static_cast<size_t>(i)]));

        long long offDiagonal = 0;
        for (size_t t = 0; t < r.confusion->counts.size(); ++t)
            for (size_t p = 0; p < r.confusion->counts[t].size(); ++p)
                offDiagonal += t == p ? 0 : r.confusion->counts[t][p];
        QVERIFY(!wrong.empty());
        QVERIFY2(wrong.size() <= static_cast<size_t>(MisclassifiedRows::kMax), "a test of the whole list");
        QCOMPARE(m.total, static_cast<long long>(wrong.size()));
        QCOMPARE(m.total, offDiagonal);
        QCOMPARE(m.validationRows, static_cast<long long>(split.validation.size()));
        QCOMPARE(m.labels, loaded.data.classLabels);
        QCOMPARE(m.imageShape, std::optional<ImageShape>(ImageShape{1, 8, 8}));

        std::set<long long> listed;
        double previous = 2.0;
        for (const MisclassifiedRows::Row& row : m.rows) {
            listed.insert(row.row);
            QCOMPARE(row.trueClass, static_cast<int>(loaded.data.y(row.row)));
            QVERIFY(row.predicted != row.trueClass);
            QVERIFY(row.probability <= previous); // most confident first
            QVERIFY(row.probability > 0.0 && row.probability <= 1.0);
            previous = row.probability;
        }
        QCOMPARE(listed, wrong);

        // The artifact reads back as it was written.
        QString error;
        const auto back = TrainArtifacts::readMisclassified(TrainArtifacts::misclassifiedJson(m), &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->rows.size(), m.rows.size());
        for (size_t i = 0; i < m.rows.size(); ++i) {
            QCOMPARE(back->rows[i].row, m.rows[i].row);
            QCOMPARE(back->rows[i].predicted, m.rows[i].predicted);
            QCOMPARE(back->rows[i].trueClass, m.rows[i].trueClass);
            QCOMPARE(static_cast<float>(back->rows[i].probability), static_cast<float>(m.rows[i].probability));
        }
        QCOMPARE(back->total, m.total);
        QCOMPARE(back->imageShape, m.imageShape);
        QCOMPARE(back->labels, m.labels);
    }

    void keepsAtMost64MostConfidentFirst()
    {
        MisclassifiedRows m;
        for (int i = 0; i < 100; ++i)
            m.rows.push_back({i, 0, 1, (i % 10) / 10.0, 0});
        m.keepMostConfident();
        QCOMPARE(m.rows.size(), size_t(MisclassifiedRows::kMax));
        QCOMPARE(m.rows.front().probability, 0.9);
        QCOMPARE(m.rows.front().row, 9LL); // ties: the lower row first
        QCOMPARE(m.rows[1].row, 19LL);
        for (size_t i = 1; i < m.rows.size(); ++i)
            QVERIFY(m.rows[i - 1].probability >= m.rows[i].probability);
    }

    void onlyImageClassifiersWithValidationRowsHaveThem()
    {
        const QJsonObject iris{{"type", "train"},
                               {"dataset", QJsonObject{{"source", "builtin:iris"}}},
                               {"model", QJsonObject{{"type", "mlp"}, {"hidden", QJsonArray{4}}}},
                               {"training", QJsonObject{{"epochs", 1}}}};
        const TrainObjectiveResult tabular = TrainObjective().run(parse(iris), "val_accuracy");
        QVERIFY2(tabular.isComplete(), tabular.reason.c_str());
        QVERIFY(tabular.confusion);
        QVERIFY(!tabular.misclassified);

        QJsonObject noValidation = digitsCnn(0.0);
        const auto spec = StudySpecParser::parseObjective(noValidation, "train_accuracy");
        QVERIFY2(spec, qPrintable(spec.error()));
        const TrainObjectiveResult r = TrainObjective().run(spec.value(), "train_accuracy");
        QVERIFY2(r.isComplete(), r.reason.c_str());
        QVERIFY(!r.misclassified);
    }

    void badArtifactsSayWhatIsWrong()
    {
        QString error;
        QVERIFY(!TrainArtifacts::readMisclassified("[1]", &error));
        QVERIFY2(error.contains("expected a JSON object"), qPrintable(error));
        QVERIFY(!TrainArtifacts::readMisclassified(R"({"labels": ["a", "b"], "rows": [{"row": 1, "true": 0, "predicted": 7}]})",
                                                   &error));
        QVERIFY2(error.contains("rows[0]"), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(tst_MisclassifiedRows)
#include "tst_misclassifiedrows.moc"
