// ctest-labels: unit tsan
#include "study/InMemoryStorage.h"
#include "support/StorageContract.h"

#include <QtTest>

namespace {

// The in-memory backend with StudyStorage's default setTrialParams and writeTrials, which
// a backend without batched writes of its own inherits: it must keep the contract too.
class DefaultBatchStorage : public tw::InMemoryStorage {
public:
    void setTrialParams(std::int64_t trialId, const std::vector<TrialParam>& params) override
    {
        ++batches;
        tw::StudyStorage::setTrialParams(trialId, params);
    }
    std::vector<std::int64_t> writeTrials(const std::vector<TrialWrites>& batch) override
    {
        return tw::StudyStorage::writeTrials(batch);
    }
    int batches = 0;
};

} // namespace

class tst_InMemoryStorage : public QObject {
    Q_OBJECT
private slots:
    void contract_data() { tw::test::StorageContract::addRows(); }
    void contract()
    {
        tw::test::StorageContract::run([] { return std::make_unique<tw::InMemoryStorage>(); });
    }

    void defaultParamBatch_data() { tw::test::StorageContract::addRows(); }
    void defaultParamBatch()
    {
        tw::test::StorageContract::run([] { return std::make_unique<DefaultBatchStorage>(); });
    }

    void defaultParamBatchIsUsed()
    {
        DefaultBatchStorage s;
        const auto study = s.createStudy(tw::test::StorageContract::record("a"));
        const auto t = s.createTrial(study.id, tw::test::StorageContract::running());
        s.setTrialParams(t->id, {{"x", 0.5, tw::Distribution::makeFloat(0, 1)}});
        QCOMPARE(s.batches, 1);
        QCOMPARE(s.trial(t->id).params.at("x"), 0.5);
    }

    // Incremental refreshes stay cheap: an unchanged study lists nothing, whatever its size.
    void changedSinceListsOnlyChanges()
    {
        tw::InMemoryStorage s;
        const auto study = s.createStudy(tw::test::StorageContract::record("big"));
        for (int i = 0; i < 2000; ++i)
            s.createTrial(study.id, tw::test::StorageContract::running());
        std::int64_t v = 0;
        QCOMPARE(s.trialsChangedSince(study.id, 0, &v).size(), std::size_t(2000));
        const auto t = s.trials(study.id)[1234];
        s.reportIntermediate(t.id, 3, 0.5);
        std::int64_t v2 = 0;
        const auto changed = s.trialsChangedSince(study.id, v, &v2);
        QCOMPARE(changed.size(), std::size_t(1));
        QCOMPARE(changed[0].number, 1234);
        QCOMPARE(v2, v + 1);
    }
};

QTEST_GUILESS_MAIN(tst_InMemoryStorage)
#include "tst_inmemorystorage.moc"
