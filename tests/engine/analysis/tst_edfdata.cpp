#include "analysis/EdfData.h"

#include <QtTest>

class tst_EdfData : public QObject {
    Q_OBJECT
private slots:
    void stepsAtEachDistinctValue()
    {
        std::vector<tw::FrozenTrial> trials;
        const double values[] = {3, 1, 2, 2, std::numeric_limits<double>::infinity()};
        for (int i = 0; i < 5; ++i) {
            tw::FrozenTrial t;
            t.number = i;
            t.state = tw::TrialState::Complete;
            t.value = values[i];
            trials.push_back(t);
        }
        tw::FrozenTrial pruned;
        pruned.state = tw::TrialState::Pruned;
        pruned.value = 0.0;
        trials.push_back(pruned);
        const auto edf = tw::EdfData::build(trials);
        QCOMPARE(edf.value, (std::vector<double>{1, 2, 3}));
        QCOMPARE(edf.fraction, (std::vector<double>{0.25, 0.75, 1.0}));
        QVERIFY(tw::EdfData::build({}).value.empty());
    }
};

QTEST_APPLESS_MAIN(tst_EdfData)
#include "tst_edfdata.moc"
