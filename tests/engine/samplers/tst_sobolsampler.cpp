#include "samplers/SobolSampler.h"
#include "support/TrialSnapshotView.h"

#include <QtTest>

#include <cmath>
#include <set>

using namespace tw;
using tw::test::TrialSnapshotView;

namespace {

SearchSpace mixedSpace()
{
    SearchSpace s;
    s.add({"x", Distribution::makeFloat(-5.0, 10.0), std::nullopt});
    s.add({"lr", Distribution::makeFloat(1e-5, 1e-1, true), std::nullopt});
    s.add({"q", Distribution::makeFloat(0.0, 1.0, false, 0.25), std::nullopt});
    s.add({"units", Distribution::makeInt(16, 128, false, 16), std::nullopt});
    s.add({"layers", Distribution::makeInt(1, 64, true), std::nullopt});
    s.add({"act", Distribution::makeCategorical({"\"relu\"", "\"tanh\"", "\"gelu\""}), std::nullopt});
    s.add({"opt", Distribution::makeCategorical({"\"adam\"", "\"sgd\""}), std::nullopt});
    s.add({"momentum", Distribution::makeFloat(0.0, 0.99),
           ParamCondition{"opt", {1.0}, false}});
    s.add({"fixed", Distribution::makeFixed("3"), std::nullopt});
    return s;
}

std::vector<ParamValues> runTrials(SobolSampler& sampler, int count)
{
    TrialSnapshotView view(mixedSpace());
    view.run(sampler, count, [](const ParamValues& p) { return p.at("x"); });
    std::vector<ParamValues> out;
    for (const auto& t : view.trials())
        out.push_back(t.params);
    return out;
}

} // namespace

class tst_SobolSampler : public QObject {
    Q_OBJECT
private slots:
    void valuesStayInTheirDomains()
    {
        SobolSampler sampler(11);
        const SearchSpace space = [] { auto s = mixedSpace(); s.validate(); return s; }();
        for (const auto& params : runTrials(sampler, 128)) {
            for (const auto& [name, value] : params) {
                const ParamSpec* spec = space.find(name);
                QVERIFY(spec);
                QVERIFY2(spec->distribution.contains(value),
                         qPrintable(QString("%1 = %2").arg(QString::fromStdString(name)).arg(value)));
            }
            // The conditional parameter is there exactly when its parent allows it.
            QCOMPARE(params.count("momentum") == 1, params.at("opt") == 1.0);
        }
    }
    void everyValueOfSmallDomainsIsVisited()
    {
        SobolSampler sampler(5);
        std::set<double> units, act, q;
        for (const auto& p : runTrials(sampler, 64)) {
            units.insert(p.at("units"));
            act.insert(p.at("act"));
            q.insert(p.at("q"));
        }
        QCOMPARE(units.size(), std::size_t{8});
        QCOMPARE(act.size(), std::size_t{3});
        QCOMPARE(q.size(), std::size_t{5});
    }
    void aFloatIsStratified()
    {
        // 64 points of a Sobol net: one in each 1/64th of the unit-mapped range.
        SobolSampler sampler(9);
        const auto dist = Distribution::makeFloat(1e-5, 1e-1, true);
        std::vector<int> bins(64, 0);
        for (const auto& p : runTrials(sampler, 64))
            ++bins[static_cast<int>(dist.toUnit(p.at("lr")) * 64)];
        for (int b : bins)
            QCOMPARE(b, 1);
    }
    void deterministicBySeed()
    {
        SobolSampler a(3), b(3), c(4);
        const auto ra = runTrials(a, 20), rb = runTrials(b, 20), rc = runTrials(c, 20);
        QVERIFY(ra == rb);
        QVERIFY(ra != rc);
    }
    void aPointDependsOnlyOnTheTrialNumber()
    {
        // What parallel workers rely on: trial 17 gets the same point whatever came before.
        SobolSampler sampler(21);
        const auto sequential = runTrials(sampler, 20);
        TrialSnapshotView view(mixedSpace());
        for (int i = 0; i < 18; ++i)
            view.addRunning();  // 0..16 never sampled (say, claimed by other workers)
        view.sample(sampler, 17);
        QVERIFY(view.trials()[17].params == sequential[17]);
        std::set<ParamValues> distinct(sequential.begin(), sequential.end());
        QCOMPARE(distinct.size(), sequential.size());
    }
    void dimensionsBeyondTheTableFallBack()
    {
        SearchSpace wide;
        for (int i = 0; i < SobolSequence::kMaxDimensions + 6; ++i)
            wide.add({"p" + std::to_string(100 + i), Distribution::makeFloat(0, 1), std::nullopt});
        QCOMPARE(wide.validate(), std::string());
        SobolSampler sampler(1);
        const auto a = sampler.pointFor(wide, 3), b = sampler.pointFor(wide, 4);
        QCOMPARE(a.size(), wide.size());
        QVERIFY(a != b);
        QVERIFY(a == sampler.pointFor(wide, 3));
    }
};

QTEST_GUILESS_MAIN(tst_SobolSampler)
#include "tst_sobolsampler.moc"
