// Models are kept for the best three complete trials and for pinned ones.
#include "ModelRetention.h"
#include "samplers/RandomSampler.h"
#include "study/InMemoryStorage.h"

#include <QtTest>

using namespace tw;

namespace {

struct Fixture {
    explicit Fixture(StudyDirection direction)
    {
        StudyRecord r;
        r.name = "retention";
        r.direction = direction;
        record = storage.createStudy(r);
        study = std::make_unique<Study>(storage, record, SearchSpace(), std::make_shared<RandomSampler>(0));
    }
    // Runs a trial to completion with `value`, keeping its model as a train objective does.
    FrozenTrial complete(double value, bool pinned = false)
    {
        FrozenTrial t;
        t.state = TrialState::Running;
        t = *storage.createTrial(record.id, t);
        if (pinned)
            storage.setTrialUserAttr(t.id, "pinned", "true");
        ModelRetention::keep(*study, storage.trial(t.id), value, "model of " + std::to_string(t.number));
        storage.finishTrial(t.id, TrialState::Complete, value, "", Clock::now());
        return storage.trial(t.id);
    }
    std::vector<int> withModel()
    {
        std::vector<int> out;
        for (const auto& t : storage.trials(record.id))
            if (storage.artifact(t.id, "model"))
                out.push_back(t.number);
        return out;
    }
    InMemoryStorage storage;
    StudyRecord record;
    std::unique_ptr<Study> study;
};

} // namespace

class tst_ModelRetention : public QObject {
    Q_OBJECT
private slots:
    void keepsTheBestThreeWhenMaximizing()
    {
        Fixture f(StudyDirection::Maximize);
        f.complete(0.5);  // 0
        f.complete(0.7);  // 1
        f.complete(0.6);  // 2
        QCOMPARE(f.withModel(), (std::vector<int>{0, 1, 2}));
        f.complete(0.4);  // 3: not among the best, not stored
        QCOMPARE(f.withModel(), (std::vector<int>{0, 1, 2}));
        f.complete(0.9);  // 4: pushes out 0
        QCOMPARE(f.withModel(), (std::vector<int>{1, 2, 4}));
        f.complete(0.6);  // 5: ties 2, which came first and stays
        QCOMPARE(f.withModel(), (std::vector<int>{1, 2, 4}));
        QCOMPARE(*f.storage.artifact(f.storage.trials(f.record.id)[4].id, "model"), std::string("model of 4"));
    }

    void keepsTheLowestWhenMinimizingAndPinnedOnesAlways()
    {
        Fixture f(StudyDirection::Minimize);
        f.complete(3.0);        // 0
        f.complete(5.0, true);  // 1: pinned
        f.complete(4.0);        // 2
        f.complete(1.0);        // 3: 1 is pushed out but pinned
        QCOMPARE(f.withModel(), (std::vector<int>{0, 1, 2, 3}));
        f.complete(2.0);        // 4: pushes out 2
        QCOMPARE(f.withModel(), (std::vector<int>{0, 1, 3, 4}));
        f.complete(9.0, true);  // 5: worst, but pinned
        QCOMPARE(f.withModel(), (std::vector<int>{0, 1, 3, 4, 5}));
        // A trial pinned after it finished keeps its model when it drops out.
        f.storage.setTrialUserAttr(f.storage.trials(f.record.id)[0].id, "pinned", "true");
        f.complete(0.5);        // 6: pushes out 0, pinned now
        QCOMPARE(f.withModel(), (std::vector<int>{0, 1, 3, 4, 5, 6}));
        f.complete(0.1);        // 7: pushes out 4
        QCOMPARE(f.withModel(), (std::vector<int>{0, 1, 3, 5, 6, 7}));
    }
};

QTEST_GUILESS_MAIN(tst_ModelRetention)
#include "tst_modelretention.moc"
