#include "samplers/GPSampler.h"
#include "samplers/SobolSampler.h"
#include "samplers/TrustRegion.h"
#include "support/TrialSnapshotView.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <set>

using namespace tw;
using tw::test::TrialSnapshotView;

namespace {

double branin(double x, double y)
{
    const double pi = std::numbers::pi;
    const double b = 5.1 / (4 * pi * pi), c = 5 / pi, t = 1 / (8 * pi);
    const double u = y - b * x * x + c * x - 6;
    return u * u + 10 * (1 - t) * std::cos(x) + 10;
}

SearchSpace braninSpace()
{
    SearchSpace s;
    s.add({"x", Distribution::makeFloat(-5, 10), std::nullopt});
    s.add({"y", Distribution::makeFloat(0, 15), std::nullopt});
    return s;
}

SearchSpace mixedSpace()
{
    SearchSpace s;
    s.add({"f", Distribution::makeFloat(-2.0, 3.0), std::nullopt});
    s.add({"lr", Distribution::makeFloat(1e-5, 1e-1, true), std::nullopt});
    s.add({"q", Distribution::makeFloat(0.0, 1.0, false, 0.125), std::nullopt});
    s.add({"units", Distribution::makeInt(16, 256, false, 16), std::nullopt});
    s.add({"layers", Distribution::makeInt(1, 32, true), std::nullopt});
    s.add({"act", Distribution::makeCategorical({"\"relu\"", "\"tanh\"", "\"gelu\""}), std::nullopt});
    return s;
}

double mixedObjective(const ParamValues& p)
{
    const double act[3] = {0.0, 0.7, 0.2};
    return std::pow(p.at("f") - 1.0, 2) + std::pow(std::log10(p.at("lr")) + 3.0, 2) +
           std::pow(p.at("q") - 0.625, 2) + std::abs(p.at("units") - 96) / 64.0 +
           std::abs(std::log2(p.at("layers")) - 2.0) + act[static_cast<int>(p.at("act"))];
}

GPSampler::Options withSeed(std::uint64_t seed)
{
    GPSampler::Options o;
    o.seed = seed;
    return o;
}

double unitDistance(const SearchSpace& space, const ParamValues& a, const ParamValues& b)
{
    double s = 0;
    for (const auto& p : space.params())
        s += std::pow(p.distribution.toUnit(a.at(p.name)) - p.distribution.toUnit(b.at(p.name)), 2);
    return std::sqrt(s);
}

} // namespace

class tst_GPSampler : public QObject {
    Q_OBJECT
private slots:
    void rejectsBadOptions()
    {
        GPSampler::Options o;
        o.startupTrials = 0;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, GPSampler{o});
        o = {};
        o.candidates = 0;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, GPSampler{o});
        o = {};
        o.localEvery = -1;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, GPSampler{o});
    }
    void theInitialDesignIsSobol()
    {
        GPSampler gp(withSeed(4));
        SobolSampler sobol(4);
        TrialSnapshotView view(braninSpace());
        view.run(gp, 8, [](const ParamValues& p) { return branin(p.at("x"), p.at("y")); });
        for (const auto& t : view.trials())
            QVERIFY(t.params == sobol.pointFor(view.searchSpace(), t.number));
        QCOMPARE(gp.stats().fits, 0);
    }
    void valuesStayInTheirDomains()
    {
        GPSampler sampler(withSeed(2));
        TrialSnapshotView view(mixedSpace());
        view.run(sampler, 24, mixedObjective);
        for (const auto& t : view.trials()) {
            QCOMPARE(t.params.size(), std::size_t{6});
            for (const auto& [name, value] : t.params)
                QVERIFY2(view.searchSpace().find(name)->distribution.contains(value),
                         qPrintable(QString("%1 = %2").arg(QString::fromStdString(name)).arg(value)));
        }
        QVERIFY(sampler.stats().fits > 0);
        // The model found a better region than the initial design.
        double startBest = 1e9, best = 1e9;
        for (const auto& t : view.trials()) {
            (t.number < 8 ? startBest : best) = std::min(t.number < 8 ? startBest : best, *t.value);
        }
        QVERIFY(best < startBest);
    }
    void deterministicBySeed()
    {
        auto run = [](std::uint64_t seed) {
            GPSampler sampler(withSeed(seed));
            TrialSnapshotView view(mixedSpace());
            view.run(sampler, 14, mixedObjective);
            std::vector<ParamValues> out;
            for (const auto& t : view.trials())
                out.push_back(t.params);
            return out;
        };
        const auto a = run(7), b = run(7), c = run(8);
        QVERIFY(a == b);
        QVERIFY(a != c);
    }
    void maximizes()
    {
        SearchSpace s;
        s.add({"a", Distribution::makeFloat(-2, 2), std::nullopt});
        s.add({"b", Distribution::makeFloat(-2, 2), std::nullopt});
        TrialSnapshotView view(s, StudyDirection::Maximize);
        GPSampler sampler(withSeed(1));
        const auto best = view.run(sampler, 25, [](const ParamValues& p) {
            return 1.0 - std::pow(p.at("a") - 0.3, 2) - std::pow(p.at("b") + 1.0, 2);
        });
        QVERIFY2(best.back() > 0.99, qPrintable(QString::number(best.back())));
    }
    void pendingTrialsGetDistinctPoints()
    {
        // Four workers ask before any of them reports: the running trials enter the GP as
        // fantasies, so the four suggestions spread out instead of piling on one maximizer.
        for (auto strategy : {GPSampler::PendingStrategy::KrigingBeliever,
                              GPSampler::PendingStrategy::ConstantLiarWorst}) {
            GPSampler::Options o = withSeed(3);
            o.pending = strategy;
            GPSampler sampler(o);
            TrialSnapshotView view(braninSpace());
            view.run(sampler, 12, [](const ParamValues& p) { return branin(p.at("x"), p.at("y")); });
            std::vector<std::size_t> asked;
            for (int w = 0; w < 4; ++w) {
                asked.push_back(view.addRunning());
                view.sample(sampler, asked.back());
            }
            for (std::size_t i = 0; i < asked.size(); ++i)
                for (std::size_t j = i + 1; j < asked.size(); ++j)
                    QVERIFY(unitDistance(view.searchSpace(), view.trials()[asked[i]].params,
                                         view.trials()[asked[j]].params) > 1e-3);
            QCOMPARE(sampler.stats().fantasies, 0 + 1 + 2 + 3);
        }
    }
    void refitsEveryFewTrialsAndExtendsTheFactorInBetween()
    {
        GPSampler::Options o = withSeed(5);
        o.refitInterval = 5;
        GPSampler sampler(o);
        TrialSnapshotView view(braninSpace());
        view.run(sampler, 28, [](const ParamValues& p) { return branin(p.at("x"), p.at("y")); });
        const auto st = sampler.stats();
        // GP trials 8..27 see 8..27 observations: fits at 8, 13, 18, 23.
        QCOMPARE(st.fits, 4);
        QCOMPARE(st.factorizations, 4);
        QCOMPARE(st.rankOneUpdates, 20 - 4);
        QVERIFY(sampler.hyperparameters().has_value());
        QCOMPARE(sampler.hyperparameters()->dimensions(), 2);
    }
    void conditionalParametersOutsideTheIntersectionAreIndependent()
    {
        SearchSpace s;
        s.add({"kind", Distribution::makeCategorical({"\"a\"", "\"b\""}), std::nullopt});
        s.add({"xa", Distribution::makeFloat(0, 1), ParamCondition{"kind", {0.0}, false}});
        s.add({"xb", Distribution::makeInt(1, 9), ParamCondition{"kind", {1.0}, false}});
        s.add({"z", Distribution::makeFloat(-1, 1), std::nullopt});
        TrialSnapshotView view(s);
        GPSampler sampler(withSeed(9));
        auto objective = [](const ParamValues& p) {
            const double base = p.at("z") * p.at("z");
            return p.at("kind") == 0 ? base + std::abs(p.at("xa") - 0.2) : base + p.at("xb") / 10.0;
        };
        view.run(sampler, 16, objective);
        const SearchSpace relative = sampler.relativeSearchSpace(view, view.trials().back());
        std::vector<std::string> names;
        for (const auto& p : relative.params())
            names.push_back(p.name);
        QCOMPARE(names, (std::vector<std::string>{"kind", "z"}));
        for (const auto& t : view.trials()) {
            QCOMPARE(t.params.count("xa") == 1, t.params.at("kind") == 0.0);
            QCOMPARE(t.params.count("xb") == 1, t.params.at("kind") == 1.0);
            for (const auto& [name, value] : t.params)
                QVERIFY(s.find(name)->distribution.contains(value));
        }
    }
    void prunedFailedAndInfiniteTrialsDoNotDisturbIt()
    {
        auto build = [](TrialState extraState) {
            TrialSnapshotView view(braninSpace());
            GPSampler warm(withSeed(1));
            view.run(warm, 10, [](const ParamValues& p) { return branin(p.at("x"), p.at("y")); });
            for (int i = 0; i < 3; ++i) {
                const auto idx = view.addRunning();
                view.mutableTrials()[idx].params = {{"x", 9.0 - i}, {"y", 1.0}};
                view.mutableTrials()[idx].state = extraState;
                view.mutableTrials()[idx].intermediate[1] = -1000.0;  // would mislead if used
            }
            return view;
        };
        // Pruned and failed trials are both ignored, so the suggestion is the same.
        auto a = build(TrialState::Pruned), b = build(TrialState::Failed);
        GPSampler sa(withSeed(2)), sb(withSeed(2));
        const auto ia = a.addRunning(), ib = b.addRunning();
        a.sample(sa, ia);
        b.sample(sb, ib);
        QVERIFY(a.trials()[ia].params == b.trials()[ib].params);
        // An infinite value is clipped, not fatal.
        a.mutableTrials()[ia].state = TrialState::Complete;
        a.mutableTrials()[ia].value = std::numeric_limits<double>::infinity();
        const auto next = a.addRunning();
        a.sample(sa, next);
        for (const auto& [name, value] : a.trials()[next].params)
            QVERIFY(a.searchSpace().find(name)->distribution.contains(value));
    }
    void aDiscreteSpaceGetsNoRepeatsFromTheModel()
    {
        SearchSpace s;
        s.add({"n", Distribution::makeInt(0, 5), std::nullopt});
        s.add({"c", Distribution::makeCategorical({"1", "2", "3"}), std::nullopt});
        TrialSnapshotView view(s);
        GPSampler sampler(withSeed(6));
        view.run(sampler, 16, [](const ParamValues& p) { return std::pow(p.at("n") - 2, 2) + p.at("c"); });
        std::set<std::pair<double, double>> seen;
        for (const auto& t : view.trials()) {
            const auto key = std::make_pair(t.params.at("n"), t.params.at("c"));
            if (t.number >= 8)
                QVERIFY2(!seen.count(key), qPrintable(QString("trial %1 repeats").arg(t.number)));
            seen.insert(key);
        }
        // The optimum (n = 2, c = index 0) has been found.
        double best = 1e9;
        for (const auto& t : view.trials())
            best = std::min(best, *t.value);
        QCOMPARE(best, 0.0);
    }
    // With localEvery = 1 every GP trial lies in the trust region: in one dimension the box
    // is the best point so far +- side / 2 (no length-scale scaling), the side replayed from
    // the trials before it. A multimodal 1-D function makes the region shrink and restart.
    void localTrialsStayInTheTrustRegion()
    {
        GPSampler::Options o = withSeed(3);
        o.localEvery = 1;
        o.deterministicObjective = true;
        GPSampler gp(o);
        SearchSpace space;
        space.add({"x", Distribution::makeFloat(-5.12, 5.12), std::nullopt});
        TrialSnapshotView view(space);
        const auto f = [](const ParamValues& p) {
            const double x = p.at("x");
            return x * x - 10 * std::cos(2 * std::numbers::pi * x) + 10;
        };
        view.run(gp, 40, f);
        const auto trials = view.trials();
        const Distribution& d = space.params().front().distribution;
        std::vector<TrustRegion::Step> history;
        double best = INFINITY, bestU = 0;
        int checked = 0;
        std::set<double> sides;
        for (const auto& t : trials) {
            const double u = d.toUnit(t.params.at("x"));
            if (t.number >= o.startupTrials) {
                const double side = TrustRegion::side(history);
                sides.insert(side);
                QVERIFY2(std::abs(u - bestU) <= side / 2 + 1e-9,
                         qPrintable(QString("trial %1 at %2, best %3, side %4").arg(t.number).arg(u).arg(bestU).arg(side)));
                ++checked;
            }
            history.push_back({*t.value, t.number >= o.startupTrials});
            if (*t.value < best) {
                best = *t.value;
                bestU = u;
            }
        }
        QCOMPARE(checked, 40 - o.startupTrials);
        QVERIFY2(sides.size() >= 3, "the side never changed");
        QCOMPARE(gp.samplingMethod(view, trials.back()), std::string("gp"));
    }
    void findsTheMinimumOfBranin()
    {
        // The median over three seeds of the simple regret after 40 trials.
        std::vector<double> regrets;
        for (std::uint64_t seed : {1, 2, 3}) {
            GPSampler sampler(withSeed(seed));
            TrialSnapshotView view(braninSpace());
            const auto best = view.run(sampler, 40, [](const ParamValues& p) { return branin(p.at("x"), p.at("y")); });
            regrets.push_back(best.back() - 0.397887);
        }
        std::sort(regrets.begin(), regrets.end());
        QVERIFY2(regrets[1] < 0.1, qPrintable(QString("median regret %1").arg(regrets[1])));
    }
};

QTEST_GUILESS_MAIN(tst_GPSampler)
#include "tst_gpsampler.moc"
