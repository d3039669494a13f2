// #17: the automatic sampler, the default of new studies.
#include "samplers/AutoSampler.h"

#include "study/InMemoryStorage.h"
#include "study/Study.h"
#include "support/SamplerContract.h"

#include <QtTest>

#include <cmath>
#include <memory>

namespace {

using D = tw::Distribution;
using tw::AutoSampler;

std::vector<tw::FrozenTrial> runStudy(const tw::SearchSpace& space, int budget, int trials,
                                      const std::function<double(const tw::ParamValues&)>& f,
                                      tw::StopReason* stop = nullptr)
{
    tw::InMemoryStorage storage;
    tw::StudyRecord rec;
    rec.name = "auto";
    rec = storage.createStudy(rec);
    tw::StudyOptions options;
    options.maxTrials = trials;
    AutoSampler::Options o;
    o.seed = 4;
    o.budget = budget;
    tw::Study study(storage, rec, space, std::make_shared<AutoSampler>(o), nullptr, options);
    while (auto t = study.ask())
        study.tell(*t, f(t->params));
    if (stop)
        *stop = study.stopReason();
    return storage.trials(rec.id);
}

QString method(const tw::FrozenTrial& t)
{
    auto it = t.systemAttrs.find("sampler_method");
    return it == t.systemAttrs.end() ? QString() : QString::fromStdString(it->second);
}

} // namespace

class tst_AutoSampler : public QObject {
    Q_OBJECT
private slots:
    void contract_data() { tw::test::SamplerContract::addRows(); }
    void contract()
    {
        tw::test::SamplerContract::run([](std::uint64_t seed) {
            AutoSampler::Options o;
            o.seed = seed;
            o.budget = 30;
            return std::make_unique<AutoSampler>(o);
        });
    }

    // A finite space the budget covers: every point once, as a grid, then the study stops.
    void picksGridForASmallFiniteSpace()
    {
        const tw::SearchSpace space({{"a", D::makeInt(1, 3), std::nullopt},
                                     {"opt", D::makeCategorical({"\"sgd\"", "\"adam\""}), std::nullopt},
                                     {"lr", D::makeFloat(0.1, 0.3, false, 0.1), std::nullopt}});
        AutoSampler::Options o;
        o.budget = 50;
        QCOMPARE(AutoSampler(o).methodFor(space, 0), AutoSampler::Method::Grid);
        tw::StopReason stop = tw::StopReason::None;
        const auto trials = runStudy(space, 50, 50, [](const tw::ParamValues& p) { return p.at("a"); }, &stop);
        QCOMPARE(int(trials.size()), 18);
        QVERIFY(stop == tw::StopReason::GridExhausted);
        std::set<tw::ParamValues> points;
        for (const auto& t : trials) {
            QCOMPARE(method(t), QString("\"grid\""));
            points.insert(t.params);
        }
        QCOMPARE(int(points.size()), 18);
        // A budget smaller than the grid: no grid.
        o.budget = 17;
        QVERIFY(AutoSampler(o).methodFor(space, 0) != AutoSampler::Method::Grid);
    }

    void picksTpeForAConditionalSpace()
    {
        const tw::SearchSpace space({{"opt", D::makeCategorical({"\"sgd\"", "\"adam\""}), std::nullopt},
                                     {"momentum", D::makeFloat(0, 1), tw::ParamCondition{"opt", {0.0}}},
                                     {"lr", D::makeFloat(1e-4, 1, true), std::nullopt}});
        AutoSampler::Options o;
        o.budget = 100;
        QCOMPARE(AutoSampler(o).methodFor(space, 0), AutoSampler::Method::Tpe);
        QCOMPARE(AutoSampler(o).methodFor(space, 500), AutoSampler::Method::Tpe);
        const auto trials = runStudy(space, 100, 14, [](const tw::ParamValues& p) { return std::log(p.at("lr")); });
        QCOMPARE(method(trials[0]), QString("\"random\""));  // TPE's start-up
        QCOMPARE(method(trials[13]), QString("\"tpe\""));
    }

    // A small continuous space: the GP (after its Sobol start-up), then CMA-ES for a long study.
    void picksGpForASmallContinuousSpace()
    {
        const tw::SearchSpace space({{"x", D::makeFloat(-1, 1), std::nullopt},
                                     {"y", D::makeFloat(1e-3, 1, true), std::nullopt}});
        AutoSampler::Options o;
        o.budget = 1000;
        AutoSampler s(o);
        QCOMPARE(s.methodFor(space, 0), AutoSampler::Method::Gp);
        QCOMPARE(s.methodFor(space, AutoSampler::kGpTrials - 1), AutoSampler::Method::Gp);
        QCOMPARE(s.methodFor(space, AutoSampler::kGpTrials), AutoSampler::Method::Cmaes);
        const auto trials = runStudy(space, 1000, 12, [](const tw::ParamValues& p) {
            return p.at("x") * p.at("x") + std::log(p.at("y")) * std::log(p.at("y"));
        });
        QCOMPARE(int(trials.size()), 12);
        for (int i = 0; i < 8; ++i)
            QCOMPARE(method(trials[static_cast<std::size_t>(i)]), QString("\"sobol\""));
        for (int i = 8; i < 12; ++i)
            QCOMPARE(method(trials[static_cast<std::size_t>(i)]), QString("\"gp\""));
        // With a categorical among mostly numeric parameters, TPE follows the GP, not CMA-ES.
        const tw::SearchSpace mixed({{"x", D::makeFloat(-1, 1), std::nullopt},
                                     {"y", D::makeFloat(-1, 1), std::nullopt},
                                     {"c", D::makeCategorical({"1", "2"}), std::nullopt}});
        AutoSampler m(o);
        QCOMPARE(m.methodFor(mixed, 0), AutoSampler::Method::Gp);
        QCOMPARE(m.methodFor(mixed, AutoSampler::kGpTrials), AutoSampler::Method::Tpe);
    }

    void picksTpeForCategoricalHeavyOrWideSpaces()
    {
        AutoSampler::Options o;
        o.budget = 100;
        const tw::SearchSpace cats({{"a", D::makeCategorical({"1", "2", "3"}), std::nullopt},
                                    {"x", D::makeFloat(0, 1), std::nullopt}});
        QCOMPARE(AutoSampler(o).methodFor(cats, 0), AutoSampler::Method::Tpe);
        tw::SearchSpace wide;
        for (int i = 0; i <= AutoSampler::kMaxGpDims; ++i)
            wide.add({"x" + std::to_string(i), D::makeFloat(0, 1), std::nullopt});
        QCOMPARE(AutoSampler(o).methodFor(wide, 0), AutoSampler::Method::Tpe);
    }
};

QTEST_GUILESS_MAIN(tst_AutoSampler)
#include "tst_autosampler.moc"
