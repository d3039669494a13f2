#include "pruners/HyperbandPruner.h"
#include "support/StudyFixture.h"

#include <QtTest>

using tw::TrialState;
using tw::test::StudyFixture;

class tst_HyperbandPruner : public QObject {
    Q_OBJECT
private slots:
    // min 1, max 9, factor 3: brackets with rungs from 1, 3 and 9; budgets
    // ceil(3 * 3^s / (s + 1)) for s = 2, 1, 0: 9, 5, 3.
    void bracketsAndBudgets()
    {
        tw::HyperbandPruner h(1, 9, 3);
        QCOMPARE(h.bracketCount(), 3);
        QCOMPARE(h.bracketBudget(0), 9LL);
        QCOMPARE(h.bracketBudget(1), 5LL);
        QCOMPARE(h.bracketBudget(2), 3LL);
        QCOMPARE(h.bracket(0).rungStep(0), 1LL);
        QCOMPARE(h.bracket(1).rungStep(0), 3LL);
        QCOMPARE(h.bracket(2).rungStep(0), 9LL);
        QCOMPARE(tw::HyperbandPruner(1, 8, 3).bracketCount(), 2);
        QCOMPARE(tw::HyperbandPruner(2, 2, 3).bracketCount(), 1);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, tw::HyperbandPruner(4, 2, 3));
    }

    void bracketsFollowTheBudgets()
    {
        tw::HyperbandPruner h(1, 9, 3);
        std::vector<int> count(3);
        const int n = 17000;
        for (int i = 0; i < n; ++i)
            count[std::size_t(h.bracketOf(i))]++;
        QVERIFY2(std::abs(count[0] - 9000) < 400, qPrintable(QString::number(count[0])));
        QVERIFY2(std::abs(count[1] - 5000) < 400, qPrintable(QString::number(count[1])));
        QVERIFY2(std::abs(count[2] - 3000) < 400, qPrintable(QString::number(count[2])));
        // A pure function of the number: every process agrees.
        tw::HyperbandPruner other(1, 9, 3);
        for (int i = 0; i < 100; ++i)
            QCOMPARE(other.bracketOf(i), h.bracketOf(i));
    }

    // Each trial is judged by its bracket's successive halving, against its bracket only.
    void judgedWithinItsBracket()
    {
        tw::HyperbandPruner h(1, 9, 3);
        // 40 complete trials with values 0..39 at steps 1, 3 and 9; then running trials.
        StudyFixture f;
        for (int i = 0; i < 40; ++i)
            f.add({{1, double(i)}, {3, double(i)}, {9, double(i)}});
        int differsFromGlobal = 0;
        for (double v : {2.0, 5.0, 9.0, 14.0, 20.0, 30.0}) {
            for (std::int64_t step : {1, 3, 9}) {
                const auto t = f.add({{step, v}}, TrialState::Running);
                const int b = h.bracketOf(t.number);
                // The same history restricted to the trial's bracket.
                StudyFixture only;
                for (const auto& o : f.storage.trials(f.record.id))
                    if (o.id != t.id && h.bracketOf(o.number) == b)
                        only.add(o.intermediate, o.state);
                const auto mirror = only.add({{step, v}}, TrialState::Running);
                auto view = f.view();
                auto onlyView = only.view();
                const bool verdict = h.shouldPrune(*view, *view->byNumber(t.number));
                QCOMPARE(verdict, h.bracket(b).shouldPrune(*onlyView, *onlyView->byNumber(mirror.number)));
                differsFromGlobal += verdict != h.bracket(b).shouldPrune(*view, *view->byNumber(t.number));
                f.storage.finishTrial(t.id, TrialState::Failed, std::nullopt, "", tw::Clock::now());
            }
        }
        QVERIFY(differsFromGlobal > 0);  // the bracket restriction mattered somewhere
    }
};

QTEST_GUILESS_MAIN(tst_HyperbandPruner)
#include "tst_hyperbandpruner.moc"
