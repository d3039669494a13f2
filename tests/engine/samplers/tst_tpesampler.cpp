#include "samplers/TPESampler.h"

#include "support/SnapshotStudyView.h"

#include <QtTest>
#include <algorithm>
#include <cmath>
#include <set>

using namespace tw;
using tw::test::SnapshotStudyView;

namespace {

FrozenTrial finished(TrialState state, std::optional<double> value,
                     std::map<std::int64_t, double> intermediate = {})
{
    FrozenTrial t;
    t.state = state;
    t.value = value;
    t.intermediate = std::move(intermediate);
    return t;
}

SearchSpace validated(std::vector<ParamSpec> params)
{
    SearchSpace s(std::move(params));
    const std::string err = s.validate();
    if (!err.empty())
        qFatal("invalid test space: %s", err.c_str());
    return s;
}

SearchSpace mixedSpace()
{
    return validated({
        {"f", Distribution::makeFloat(-2.0, 3.0), std::nullopt},
        {"lr", Distribution::makeFloat(1e-5, 1e-1, true), std::nullopt},
        {"drop", Distribution::makeFloat(0.0, 0.5, false, 0.05), std::nullopt},
        {"layers", Distribution::makeInt(1, 6), std::nullopt},
        {"batch", Distribution::makeInt(16, 256, false, 16), std::nullopt},
        {"units", Distribution::makeInt(8, 1024, true), std::nullopt},
        {"act", Distribution::makeCategorical({"\"relu\"", "\"tanh\"", "\"gelu\"", "\"elu\""}), std::nullopt},
        {"fixed", Distribution::makeFixed("42"), std::nullopt},
    });
}

// A smooth objective over mixedSpace with its optimum inside every range.
double mixedObjective(const ParamValues& p)
{
    return std::pow(p.at("f") - 0.7, 2) + std::pow(std::log10(p.at("lr")) + 3.0, 2) +
           std::pow(p.at("drop") - 0.2, 2) + std::abs(p.at("layers") - 3) +
           std::abs(p.at("batch") - 64) / 64.0 + std::abs(std::log2(p.at("units")) - 7) +
           (p.at("act") == 2.0 ? 0.0 : 1.0);
}

SearchSpace braninSpace()
{
    return validated({{"x0", Distribution::makeFloat(-5, 10), std::nullopt},
                      {"x1", Distribution::makeFloat(0, 15), std::nullopt}});
}

double branin(const ParamValues& p)
{
    const double x0 = p.at("x0"), x1 = p.at("x1");
    const double b = 5.1 / (4 * M_PI * M_PI), c = 5 / M_PI, t = 1 / (8 * M_PI);
    return std::pow(x1 - b * x0 * x0 + c * x0 - 6, 2) + 10 * (1 - t) * std::cos(x0) + 10;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.size() % 2 ? v[v.size() / 2] : 0.5 * (v[v.size() / 2 - 1] + v[v.size() / 2]);
}

std::vector<ParamValues> runParams(const TPESamplerOptions& o, const SearchSpace& space, int trials,
                                   const std::function<double(const ParamValues&)>& f)
{
    TPESampler sampler(o);
    SnapshotStudyView view(StudyDirection::Minimize, space);
    tw::test::runSamplerLoop(view, sampler, trials, f);
    std::vector<ParamValues> out;
    for (const auto& t : view.trials())
        out.push_back(t.params);
    return out;
}

} // namespace

class tst_TPESampler : public QObject {
    Q_OBJECT
private slots:
    void gammaAndRecencyWeightsFollowOptuna()
    {
        TPESampler s;
        QCOMPARE(s.gamma(1), 1);
        QCOMPARE(s.gamma(10), 1);
        QCOMPARE(s.gamma(11), 2);
        QCOMPARE(s.gamma(100), 10);
        QCOMPARE(s.gamma(250), 25);
        QCOMPARE(s.gamma(1000), 25);
        Eigen::VectorXd w;
        TPESampler::recencyWeights(24, w);
        QCOMPARE(w.size(), 24);
        QCOMPARE(*std::min_element(w.begin(), w.end()), 1.0);
        TPESampler::recencyWeights(30, w);
        // numpy.linspace(1/30, 1, 5), then 25 ones.
        const double ramp[5] = {1.0 / 30, 1.0 / 30 + 0.725 / 3, 1.0 / 30 + 1.45 / 3, 1.0 / 30 + 2.175 / 3, 1.0};
        for (int i = 0; i < 5; ++i)
            QVERIFY(std::abs(w(i) - ramp[i]) < 1e-12);
        QCOMPARE(*std::min_element(w.begin() + 5, w.end()), 1.0);
    }

    void splitRanksCompleteThenPrunedThenLiars()
    {
        SnapshotStudyView view(StudyDirection::Minimize, {});
        view.add(finished(TrialState::Complete, 5.0));                 // 0
        view.add(finished(TrialState::Complete, 1.0));                 // 1
        view.add(finished(TrialState::Pruned, std::nullopt, {{3, 0.5}}));  // 2: shallow
        view.add(finished(TrialState::Pruned, std::nullopt, {{1, 0.1}, {7, 9.0}}));  // 3: deep
        view.add(finished(TrialState::Failed, std::nullopt));          // 4
        view.add(finished(TrialState::Waiting, std::nullopt));         // 5
        view.add(finished(TrialState::Running, std::nullopt));         // 6: another worker
        view.add(finished(TrialState::Complete, 3.0));                 // 7
        view.add(finished(TrialState::Pruned, std::nullopt));          // 8: reported nothing
        view.add(finished(TrialState::Running, std::nullopt));         // 9: being sampled
        const FrozenTrial& current = view.trials().back();

        TPESamplerOptions o;
        o.gammaFraction = 0.5;  // n = 6 scored, 3 below
        auto s = TPESampler(o).split(view, current);
        QCOMPARE(s.counted, 6);
        QCOMPARE(s.below, (std::vector<size_t>{0, 1, 7}));
        QCOMPARE(s.above, (std::vector<size_t>{2, 3, 8}));
        // Deeper pruned trials rank first whatever their value.
        o.gammaFraction = 0.8;  // 5 below
        s = TPESampler(o).split(view, current);
        QCOMPARE(s.below, (std::vector<size_t>{0, 1, 2, 3, 7}));
        QCOMPARE(s.above, (std::vector<size_t>{8}));
        o.gammaFraction = 4.0 / 6.0;  // 4 below: the deep pruned one, not the shallow one
        s = TPESampler(o).split(view, current);
        QCOMPARE(s.below, (std::vector<size_t>{0, 1, 3, 7}));

        // A liar joins g(x), never n; the trial being sampled is never its own liar.
        o.gammaFraction = 0.5;
        o.constantLiar = true;
        s = TPESampler(o).split(view, current);
        QCOMPARE(s.counted, 6);
        QCOMPARE(s.below, (std::vector<size_t>{0, 1, 7}));
        QCOMPARE(s.above, (std::vector<size_t>{2, 3, 6, 8}));

        // Without pruned trials only complete ones count.
        o.constantLiar = false;
        o.usePrunedTrials = false;
        s = TPESampler(o).split(view, current);
        QCOMPARE(s.counted, 3);
        QCOMPARE(s.below, (std::vector<size_t>{1, 7}));
        QCOMPARE(s.above, (std::vector<size_t>{0}));

        // Maximizing turns the order of complete trials around.
        SnapshotStudyView up(StudyDirection::Maximize, {});
        for (double v : {5.0, 1.0, 3.0, 4.0})
            up.add(finished(TrialState::Complete, v));
        up.add(finished(TrialState::Running, std::nullopt));
        o = {};
        o.gammaFraction = 0.5;
        s = TPESampler(o).split(up, up.trials().back());
        QCOMPARE(s.below, (std::vector<size_t>{0, 3}));
    }

    void respectsBoundsLogStepsAndCategoricals_data()
    {
        QTest::addColumn<bool>("multivariate");
        QTest::newRow("univariate") << false;
        QTest::newRow("multivariate") << true;
    }
    void respectsBoundsLogStepsAndCategoricals()
    {
        QFETCH(bool, multivariate);
        TPESamplerOptions o;
        o.seed = 3;
        o.multivariate = multivariate;
        const SearchSpace space = mixedSpace();
        const auto trials = runParams(o, space, 60, mixedObjective);
        std::map<std::string, std::set<double>> seen;
        for (const ParamValues& p : trials) {
            QCOMPARE(p.size(), space.size());
            for (const ParamSpec& spec : space.params()) {
                const double v = p.at(spec.name);
                QVERIFY2(spec.distribution.contains(v),
                         qPrintable(QString::fromStdString(spec.name) + " = " + QString::number(v)));
                seen[spec.name].insert(v);
            }
            QVERIFY(std::abs(p.at("batch") / 16.0 - std::round(p.at("batch") / 16.0)) < 1e-12);
        }
        QCOMPARE(seen["fixed"].size(), size_t(1));
        QCOMPARE(seen["act"].size(), size_t(4));
        QVERIFY(seen["layers"].size() >= 4);
        // The log scale: about as many draws below the geometric middle of lr as above it.
        int low = 0;
        for (double v : seen["lr"])
            low += v < std::sqrt(1e-5 * 1e-1);
        QVERIFY(low >= 10);
        // And TPE learns: the last 20 trials beat the 10 random ones on average.
        double early = 0, late = 0;
        for (int i = 0; i < 10; ++i)
            early += mixedObjective(trials[static_cast<size_t>(i)]) / 10;
        for (int i = 40; i < 60; ++i)
            late += mixedObjective(trials[static_cast<size_t>(i)]) / 20;
        QVERIFY2(late < early, qPrintable(QString("early %1, late %2").arg(early).arg(late)));
    }

    void conditionalParametersFollowTheirParent_data()
    {
        QTest::addColumn<bool>("multivariate");
        QTest::newRow("univariate") << false;
        QTest::newRow("multivariate") << true;
    }
    void conditionalParametersFollowTheirParent()
    {
        QFETCH(bool, multivariate);
        const SearchSpace space = validated({
            {"x", Distribution::makeFloat(0, 1), ParamCondition{"kind", {0.0}, false}},
            {"y", Distribution::makeFloat(-5, 5), ParamCondition{"kind", {0.0}, true}},
            {"kind", Distribution::makeCategorical({"\"a\"", "\"b\""}), std::nullopt},
            {"z", Distribution::makeInt(1, 10), std::nullopt},
        });
        // Kind b (index 1) is far better; y matters only there.
        auto f = [](const ParamValues& p) {
            const double z = std::abs(p.at("z") - 4.0) * 0.01;
            return p.at("kind") == 0.0 ? 5.0 + std::pow(p.at("x") - 0.3, 2) + z : 0.1 * p.at("y") * p.at("y") + z;
        };
        TPESamplerOptions o;
        o.seed = 11;
        o.multivariate = multivariate;
        TPESampler sampler(o);
        SnapshotStudyView view(StudyDirection::Minimize, space);
        tw::test::runSamplerLoop(view, sampler, 60, f);
        int kindB = 0;
        for (const FrozenTrial& t : view.trials()) {
            const bool b = t.params.at("kind") == 1.0;
            QCOMPARE(t.params.count("x"), size_t(b ? 0 : 1));
            QCOMPARE(t.params.count("y"), size_t(b ? 1 : 0));
            QVERIFY(t.params.count("z"));
            if (t.number >= 40)
                kindB += b;
        }
        QVERIFY2(kindB >= 14, qPrintable(QString::number(kindB)));
        if (multivariate) {
            // The joint space: unconditional parameters only; x and y fall back to univariate.
            FrozenTrial next;
            next.number = 60;
            const SearchSpace rel = sampler.relativeSearchSpace(view, next);
            QCOMPARE(rel.size(), size_t(2));
            QVERIFY(rel.find("kind") && rel.find("z"));
            QCOMPARE(sampler.sampleRelative(view, next, rel).size(), size_t(2));
        }
    }

    void multivariateWaitsForTheStartupTrials()
    {
        TPESamplerOptions o;
        o.multivariate = true;
        TPESampler sampler(o);
        SnapshotStudyView view(StudyDirection::Minimize, braninSpace());
        tw::test::runSamplerLoop(view, sampler, 9, branin);
        FrozenTrial next;
        next.number = 9;
        const SearchSpace rel = sampler.relativeSearchSpace(view, next);
        QCOMPARE(rel.size(), size_t(2));
        QVERIFY(sampler.sampleRelative(view, next, rel).empty());
        tw::test::runSamplerLoop(view, sampler, 1, branin);
        next.number = 10;
        QCOMPARE(sampler.sampleRelative(view, next, rel).size(), size_t(2));
        QVERIFY(TPESampler().relativeSearchSpace(view, next).empty());  // univariate
    }

    void deterministicBySeedWhateverTheCallOrder()
    {
        for (bool mv : {false, true}) {
            TPESamplerOptions o;
            o.seed = 5;
            o.multivariate = mv;
            const auto a = runParams(o, mixedSpace(), 30, mixedObjective);
            const auto b = runParams(o, mixedSpace(), 30, mixedObjective);
            QVERIFY(a == b);
            o.seed = 6;
            QVERIFY(a != runParams(o, mixedSpace(), 30, mixedObjective));
        }
        // Each parameter has its own stream: the order of the calls does not matter.
        SnapshotStudyView view(StudyDirection::Minimize, braninSpace());
        TPESampler warm;
        tw::test::runSamplerLoop(view, warm, 15, branin);
        FrozenTrial next;
        next.number = 15;
        next.state = TrialState::Running;
        TPESampler first, second;
        const Distribution d0 = braninSpace().params()[0].distribution;
        const Distribution d1 = braninSpace().params()[1].distribution;
        const double a0 = first.sampleIndependent(view, next, "x0", d0);
        const double a1 = first.sampleIndependent(view, next, "x1", d1);
        const double b1 = second.sampleIndependent(view, next, "x1", d1);
        const double b0 = second.sampleIndependent(view, next, "x0", d0);
        QCOMPARE(a0, b0);
        QCOMPARE(a1, b1);
        // Asking again for the same trial and parameter gives the same value; a duplicate
        // being resampled (the Study's guard sets "resample") moves on to a new one.
        QCOMPARE(first.sampleIndependent(view, next, "x0", d0), a0);
        next.systemAttrs["resample"] = "1";
        const double r0 = first.sampleIndependent(view, next, "x0", d0);
        QVERIFY(r0 != a0);
        QCOMPARE(second.sampleIndependent(view, next, "x0", d0), r0);
    }

    void cachesFollowTheStudyTheyAreGiven()
    {
        // One sampler moved from one study to another suggests what a fresh one would: its
        // caches of values, split and relative space notice the other history.
        for (bool mv : {false, true}) {
            TPESamplerOptions o;
            o.multivariate = mv;
            TPESampler reused(o);
            SnapshotStudyView a(StudyDirection::Minimize, mixedSpace());
            tw::test::runSamplerLoop(a, reused, 25, mixedObjective);

            SnapshotStudyView b(StudyDirection::Minimize, mixedSpace());
            TPESampler builder(o);
            TPESamplerOptions other = o;
            other.seed = 77;
            TPESampler otherSeed(other);
            tw::test::runSamplerLoop(b, otherSeed, 25, [](const ParamValues& p) { return -mixedObjective(p); });
            for (auto& t : b.mutableTrials())
                t.id += 1000;  // another study's trials

            TPESampler fresh(o);
            SnapshotStudyView b2 = b;
            const FrozenTrial& x = tw::test::suggestTrial(b, reused);
            const FrozenTrial& y = tw::test::suggestTrial(b2, fresh);
            QVERIFY(x.params == y.params);
        }
    }

    void constantLiarSpreadsParallelSuggestions()
    {
        // Thirty trials on a bowl around 0.5, then five workers all running at 0.5: with the
        // liar, new suggestions stay out of the running trials' way.
        const SearchSpace space = validated({{"x", Distribution::makeFloat(0, 1), std::nullopt}});
        auto build = [&](SnapshotStudyView& view) {
            Random rng = Random::child(1, 0);
            for (int i = 0; i < 30; ++i) {
                FrozenTrial t = finished(TrialState::Complete, std::nullopt);
                t.params["x"] = rng.uniform01();
                t.distributions["x"] = space.params()[0].distribution;
                t.value = std::pow(t.params["x"] - 0.5, 2);
                view.add(t);
            }
            for (int i = 0; i < 5; ++i) {
                FrozenTrial t = finished(TrialState::Running, std::nullopt);
                t.params["x"] = 0.5 + 0.001 * i;
                t.distributions["x"] = space.params()[0].distribution;
                view.add(t);
            }
        };
        int close[2] = {0, 0};  // suggestions within 0.02 of the running trials
        for (int liar = 0; liar < 2; ++liar) {
            SnapshotStudyView view(StudyDirection::Minimize, space);
            build(view);
            TPESamplerOptions o;
            o.constantLiar = liar == 1;
            TPESampler sampler(o);
            for (int k = 0; k < 40; ++k) {
                FrozenTrial next;
                next.number = 100 + k;
                next.state = TrialState::Running;
                const double x = sampler.sampleIndependent(view, next, "x", space.params()[0].distribution);
                close[liar] += std::abs(x - 0.5) < 0.02;
            }
        }
        qInfo() << "suggestions near the running trials, without / with the liar:" << close[0] << close[1];
        QVERIFY(close[0] >= 10);
        QVERIFY(close[1] * 3 <= close[0]);
    }

    void beatsRandomSearchOnBranin()
    {
        // Median simple regret over three seeds after 60 trials; random search is the same
        // sampler that never leaves its startup phase.
        const double optimum = 0.397887;
        for (bool mv : {false, true}) {
            std::vector<double> tpe, random;
            for (std::uint64_t seed : {1, 2, 3}) {
                TPESamplerOptions o;
                o.seed = seed;
                o.multivariate = mv;
                for (int pure = 0; pure < 2; ++pure) {
                    o.nStartupTrials = pure ? 1000 : 10;
                    TPESampler sampler(o);
                    SnapshotStudyView view(StudyDirection::Minimize, braninSpace());
                    const double best = tw::test::runSamplerLoop(view, sampler, 60, branin).back();
                    (pure ? random : tpe).push_back(best - optimum);
                }
            }
            qInfo() << (mv ? "multivariate" : "univariate") << "TPE" << median(tpe) << "random" << median(random);
            QVERIFY(median(tpe) < 0.25 * median(random));
            QVERIFY(median(tpe) < 0.2);
        }
    }

    void misuseThrowsWithClassAndMethod()
    {
        TPESamplerOptions o;
        o.nEiCandidates = -1;
        try {
            TPESampler s(o);
            QFAIL("negative candidate count accepted");
        } catch (const std::invalid_argument& e) {
            QVERIFY(QString(e.what()).startsWith("TPESampler::TPESampler()"));
        }
        o = {};
        o.gammaFraction = 0.0;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, TPESampler{o});
        SnapshotStudyView view(StudyDirection::Minimize, {});
        FrozenTrial t;
        t.number = 0;
        TPESampler s;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 s.sampleIndependent(view, t, "x", Distribution::makeFloat(1, 0)));
    }
};

QTEST_GUILESS_MAIN(tst_TPESampler)
#include "tst_tpesampler.moc"
