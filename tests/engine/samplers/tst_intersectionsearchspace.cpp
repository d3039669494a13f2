// #18: the one intersection search space of GP and multivariate TPE (Optuna's
// search_space/intersection.py).
#include "samplers/IntersectionSearchSpace.h"
#include "support/SnapshotStudyView.h"

#include <QtTest>

using namespace tw;
using tw::test::SnapshotStudyView;

namespace {

using D = Distribution;

FrozenTrial trial(TrialState state, const std::map<std::string, Distribution>& dists)
{
    FrozenTrial t;
    t.state = state;
    for (const auto& [name, d] : dists) {
        t.params[name] = d.isNumeric() ? d.low() : 0.0;
        t.distributions.emplace(name, d);
    }
    if (state == TrialState::Complete)
        t.value = 1.0;
    return t;
}

std::vector<std::string> names(const SearchSpace& s)
{
    std::vector<std::string> out;
    for (const auto& p : s.params())
        out.push_back(p.name);
    return out;
}

SearchSpace declared()
{
    return SearchSpace({
        {"zeta", D::makeFloat(0, 1), std::nullopt},
        {"alpha", D::makeFloat(0, 1), std::nullopt},
        {"kind", D::makeCategorical({"1", "2"}), std::nullopt},
        {"child", D::makeInt(1, 4), ParamCondition{"kind", {0.0}, false}},
        {"fixed", D::makeFixed("3"), std::nullopt},
    });
}

} // namespace

class tst_IntersectionSearchSpace : public QObject {
    Q_OBJECT
private slots:
    void parametersOfEveryCompleteTrialWithOneDistribution()
    {
        SnapshotStudyView view(StudyDirection::Minimize, declared());
        IntersectionSearchSpace space;
        QVERIFY(space.calculate(view).empty()); // no trial yet
        const auto kind = D::makeCategorical({"1", "2"});
        view.add(trial(TrialState::Complete, {{"zeta", D::makeFloat(0, 1)}, {"alpha", D::makeFloat(0, 1)},
                                              {"kind", kind}, {"child", D::makeInt(1, 4)}, {"fixed", D::makeFixed("3")}}));
        // Declared (topological) order, not by name; the single-valued "fixed" left out; the
        // conditional "child" in while every complete trial has it.
        QCOMPARE(names(space.calculate(view)), (std::vector<std::string>{"zeta", "alpha", "kind", "child"}));
        view.add(trial(TrialState::Running, {{"zeta", D::makeFloat(0, 1)}}));
        view.add(trial(TrialState::Failed, {{"alpha", D::makeFloat(0, 1)}}));
        QCOMPARE(space.calculate(view).size(), std::size_t(4)); // running and failed trials do not count
        view.add(trial(TrialState::Complete, {{"zeta", D::makeFloat(0, 2)}, {"alpha", D::makeFloat(0, 1)}, {"kind", kind}}));
        // zeta's distribution changed, child is absent: both drop out, for good.
        QCOMPARE(names(space.calculate(view)), (std::vector<std::string>{"alpha", "kind"}));
        // The running trial completes later, without alpha: folded in when it is finished.
        view.mutableTrials()[1] = trial(TrialState::Complete, {{"kind", kind}});
        view.mutableTrials()[1].number = 1;
        view.mutableTrials()[1].id = 1;
        QCOMPARE(names(space.calculate(view)), (std::vector<std::string>{"kind"}));
        // A fresh instance computes the same from the history alone.
        QCOMPARE(names(IntersectionSearchSpace().calculate(view)), (std::vector<std::string>{"kind"}));
    }

    void prunedTrialsCountOnlyWhenIncluded()
    {
        SnapshotStudyView view(StudyDirection::Minimize, declared());
        view.add(trial(TrialState::Complete, {{"zeta", D::makeFloat(0, 1)}, {"alpha", D::makeFloat(0, 1)}}));
        view.add(trial(TrialState::Pruned, {{"alpha", D::makeFloat(0, 1)}}));
        QCOMPARE(names(IntersectionSearchSpace(false).calculate(view)), (std::vector<std::string>{"zeta", "alpha"}));
        QCOMPARE(names(IntersectionSearchSpace(true).calculate(view)), (std::vector<std::string>{"alpha"}));
    }

    void byNameWithoutADeclaredSpace()
    {
        SnapshotStudyView view(StudyDirection::Minimize, SearchSpace());
        view.add(trial(TrialState::Complete, {{"b", D::makeFloat(0, 1)}, {"a", D::makeInt(0, 3)}, {"c", D::makeFloat(1, 1)}}));
        QCOMPARE(names(IntersectionSearchSpace().calculate(view)), (std::vector<std::string>{"a", "b"}));
    }

    void anotherStudyStartsAfresh()
    {
        IntersectionSearchSpace space;
        SnapshotStudyView one(StudyDirection::Minimize, declared());
        one.add(trial(TrialState::Complete, {{"alpha", D::makeFloat(0, 1)}}));
        QCOMPARE(names(space.calculate(one)), (std::vector<std::string>{"alpha"}));
        SnapshotStudyView two(StudyDirection::Minimize, declared());
        FrozenTrial other = trial(TrialState::Complete, {{"zeta", D::makeFloat(0, 1)}});
        two.add(other);
        two.mutableTrials()[0].id = 77; // not the trial folded from `one`
        QCOMPARE(names(space.calculate(two)), (std::vector<std::string>{"zeta"}));
    }
};

QTEST_GUILESS_MAIN(tst_IntersectionSearchSpace)
#include "tst_intersectionsearchspace.moc"
