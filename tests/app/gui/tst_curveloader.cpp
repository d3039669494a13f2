// ctest-labels: gui integration
#include "CurveLoader.h"
#include "study/InMemoryStorage.h"

#include <QSignalSpy>
#include <QtTest>

#include <cmath>

using namespace tw;
using tw::gui::CurveLoader;
using Curves = std::map<int, std::vector<tw::widgets::EpochPoint>>;

class tst_CurveLoader : public QObject {
    Q_OBJECT
private slots:
    void readsTheCurveArtifactElseTheIntermediateValues()
    {
        InMemoryStorage storage;
        StudyRecord rec;
        rec.name = "s";
        rec.specJson = "{}";
        const auto study = storage.createStudy(rec).id;
        std::vector<FrozenTrial> trials;
        for (int i = 0; i < 3; ++i) {
            FrozenTrial t;
            t.state = TrialState::Running;
            const auto created = storage.createTrial(study, t);
            storage.reportIntermediate(created->id, 1, 0.5 + i);
            storage.reportIntermediate(created->id, 2, 0.6 + i);
            if (i != 1) // trial 1 has no stored curve, as a command objective's trials
                storage.putArtifact(created->id, "curve",
                                    R"([{"step":1,"train_loss":2.0,"val_loss":2.5,"value":0.5},)"
                                    R"({"step":2,"train_loss":1.0,"val_loss":1.5,"value":0.6}])");
            storage.finishTrial(created->id, TrialState::Complete, 0.6 + i, "", Clock::now());
            trials.push_back(storage.trial(created->id));
        }

        CurveLoader loader;
        loader.setStorage(&storage);
        Curves got;
        bool done = false;
        connect(&loader, &CurveLoader::loaded, this, [&](const Curves& curves, bool last) {
            got.insert(curves.begin(), curves.end());
            done = last;
        });
        for (const auto& t : trials)
            loader.enqueue(t);
        QVERIFY(!loader.isIdle());
        QTRY_VERIFY(done);
        QVERIFY(loader.isIdle());
        QCOMPARE(got.size(), size_t(3));
        QCOMPARE(got[0].size(), size_t(2));
        QCOMPARE(got[0][0].trainLoss, 2.0);
        QCOMPARE(got[0][1].valLoss, 1.5);
        QCOMPARE(got[2][1].trainLoss, 1.0);
        // Fallback: the intermediate values, as the validation series.
        QCOMPARE(got[1].size(), size_t(2));
        QVERIFY(std::isnan(got[1][0].trainLoss));
        QCOMPARE(got[1][0].valLoss, 1.5);
        QCOMPARE(got[1][1].valLoss, 1.6);
        QCOMPARE(got[1][1].trial, 1);

        // Cleared before its slice runs: nothing arrives.
        got.clear();
        done = false;
        loader.enqueue(trials[0]);
        loader.clear();
        QTest::qWait(50);
        QVERIFY(got.empty());
        QVERIFY(loader.isIdle());
    }
};

QTEST_MAIN(tst_CurveLoader)
#include "tst_curveloader.moc"
