// The one pruner contract suite (tests/support/PrunerContract.h, #18), run against every
// pruner the spec can name: median, percentile, ASHA (successive halving), Hyperband, none.
#include "pruners/HyperbandPruner.h"
#include "pruners/MedianPruner.h"
#include "pruners/NopPruner.h"
#include "pruners/PercentilePruner.h"
#include "pruners/SuccessiveHalvingPruner.h"
#include "support/PrunerContract.h"

#include <QtTest>

using tw::test::PrunerContract;

class tst_PrunerContracts : public QObject {
    Q_OBJECT
private slots:
    void median_data() { PrunerContract::addRows(); }
    void median()
    {
        PrunerContract::run([] { return std::make_unique<tw::MedianPruner>(); });
    }
    void percentile_data() { PrunerContract::addRows(); }
    void percentile()
    {
        PrunerContract::run([] { return std::make_unique<tw::PercentilePruner>(25.0, 3, 2, 2); });
    }
    void asha_data() { PrunerContract::addRows(); }
    void asha()
    {
        PrunerContract::run([] { return std::make_unique<tw::SuccessiveHalvingPruner>(1, 3); });
    }
    void hyperband_data() { PrunerContract::addRows(); }
    void hyperband()
    {
        PrunerContract::run([] { return std::make_unique<tw::HyperbandPruner>(1, PrunerContract::kSteps, 3); });
    }
    void none_data() { PrunerContract::addRows(); }
    void none()
    {
        PrunerContract::run([] { return std::make_unique<tw::NopPruner>(); }, {.prunes = false});
    }
};

QTEST_GUILESS_MAIN(tst_PrunerContracts)
#include "tst_prunercontracts.moc"
