// #17: the CMA-ES sampler.
#include "samplers/CmaEsSampler.h"

#include "functions/TestFunctions.h"
#include "study/InMemoryStorage.h"
#include "study/StorageStudyView.h"
#include "study/Study.h"
#include "support/SamplerContract.h"

#include <QtTest>

#include <cmath>
#include <memory>

namespace {

using tw::CmaEsSampler;

struct Run {
    tw::InMemoryStorage storage;
    tw::StudyRecord record;
    Run()
    {
        tw::StudyRecord rec;
        rec.name = "cmaes";
        record = storage.createStudy(rec);
    }
    std::unique_ptr<tw::Study> study(std::shared_ptr<tw::Sampler> sampler, const tw::SearchSpace& space,
                                     int maxTrials)
    {
        tw::StudyOptions options;
        options.maxTrials = maxTrials;
        return std::make_unique<tw::Study>(storage, record, space, std::move(sampler), nullptr, options);
    }
    std::vector<tw::FrozenTrial> trials() { return storage.trials(record.id); }
};

std::shared_ptr<CmaEsSampler> make(std::uint64_t seed, CmaEsSampler::Restarts r = CmaEsSampler::Restarts::Ipop,
                                   int startup = 0)
{
    CmaEsSampler::Options o;
    o.seed = seed;
    o.restarts = r;
    o.startupTrials = startup;
    return std::make_shared<CmaEsSampler>(o);
}

double runFunction(tw::Study& study, const tw::TestFunction& f, int trials)
{
    double best = INFINITY;
    for (int i = 0; i < trials; ++i) {
        auto t = study.ask();
        if (!t)
            break;
        const double v = f.evaluate(t->params);
        study.tell(*t, v);
        best = std::min(best, v);
    }
    return best;
}

} // namespace

class tst_CmaEsSampler : public QObject {
    Q_OBJECT
private slots:
    void contract_data() { tw::test::SamplerContract::addRows(); }
    void contract()
    {
        tw::test::SamplerContract::run([](std::uint64_t seed) {
            CmaEsSampler::Options o;
            o.seed = seed;
            return std::make_unique<CmaEsSampler>(o);
        });
    }

    void contractWithStartupAndBipop_data() { tw::test::SamplerContract::addRows(); }
    void contractWithStartupAndBipop()
    {
        tw::test::SamplerContract::run([](std::uint64_t seed) {
            CmaEsSampler::Options o;
            o.seed = seed;
            o.startupTrials = 10;
            o.restarts = CmaEsSampler::Restarts::Bipop;
            return std::make_unique<CmaEsSampler>(o);
        });
    }

    // Regret smoke test with a generous bound: uniform random search over [-5.12, 5.12]^5
    // reaches about 5 after 150 trials; CMA-ES should be far below it.
    void minimizesSphere()
    {
        const auto f = tw::TestFunctions::byName("sphere5");
        Run run;
        auto study = run.study(make(1), f->searchSpace(), 150);
        const double best = runFunction(*study, *f, 150);
        QVERIFY2(best < 0.5, qPrintable(QString::number(best)));
        const auto last = run.trials().back();
        QCOMPARE(QString::fromStdString(last.systemAttrs.at("sampler_method")), QString("\"cmaes\""));
    }

    // The state is replayed from the stored trials: a new sampler (a resumed study in a new
    // process) continues exactly as the first one would have.
    void resumesFromStorageAlone()
    {
        const auto f = tw::TestFunctions::byName("rosenbrock3");
        Run whole;
        {
            auto study = whole.study(make(7, CmaEsSampler::Restarts::Ipop, 4), f->searchSpace(), 60);
            runFunction(*study, *f, 60);
        }
        Run split;
        {
            auto study = split.study(make(7, CmaEsSampler::Restarts::Ipop, 4), f->searchSpace(), 60);
            runFunction(*study, *f, 27);
        }
        {
            auto study = split.study(make(7, CmaEsSampler::Restarts::Ipop, 4), f->searchSpace(), 60);
            runFunction(*study, *f, 33);
        }
        const auto a = whole.trials(), b = split.trials();
        QCOMPARE(a.size(), b.size());
        for (std::size_t i = 0; i < a.size(); ++i)
            QCOMPARE(a[i].params, b[i].params);
        QCOMPARE(QString::fromStdString(a[2].systemAttrs.at("sampler_method")), QString("\"sobol\""));
        QCOMPARE(QString::fromStdString(a[4].systemAttrs.at("sampler_method")), QString("\"cmaes\""));
    }

    // Two workers on one storage, interleaved the same way, suggest the same points; the
    // trials of one generation that run at once get distinct points.
    void parallelWorkersAreDeterministic()
    {
        const auto f = tw::TestFunctions::byName("ackley4");
        auto once = [&] {
            Run run;
            auto sampler = make(3);
            auto a = run.study(sampler, f->searchSpace(), 40);
            auto b = run.study(make(3), f->searchSpace(), 40);
            for (int i = 0; i < 20; ++i) {
                auto ta = a->ask();
                auto tb = b->ask();
                if (!ta || !tb)
                    break;
                if (ta->params == tb->params)
                    return std::vector<tw::FrozenTrial>{};
                b->tell(*tb, f->evaluate(tb->params));
                a->tell(*ta, f->evaluate(ta->params));
            }
            return run.trials();
        };
        const auto first = once(), second = once();
        QCOMPARE(int(first.size()), 40);
        QCOMPARE(first.size(), second.size());
        for (std::size_t i = 0; i < first.size(); ++i)
            QCOMPARE(first[i].params, second[i].params);
    }

    // Integers are rounded; the margin keeps more than one value in play, so the optimum
    // of a separable integer problem is found.
    void integersWithMargin()
    {
        using D = tw::Distribution;
        const tw::SearchSpace space({{"a", D::makeInt(0, 40), std::nullopt},
                                     {"b", D::makeInt(-20, 20), std::nullopt},
                                     {"c", D::makeInt(1, 1000, true), std::nullopt}});
        Run run;
        auto study = run.study(make(5), space, 200);
        double best = INFINITY;
        while (auto t = study->ask()) {
            const double v = std::abs(t->params.at("a") - 7) + std::abs(t->params.at("b") - 3) +
                             std::abs(std::log2(t->params.at("c")) - std::log2(50.0));
            QCOMPARE(t->params.at("a"), std::round(t->params.at("a")));
            study->tell(*t, v);
            best = std::min(best, v);
        }
        QVERIFY2(best < 0.2, qPrintable(QString::number(best)));
        std::set<double> late;
        const auto trials = run.trials();
        for (std::size_t i = trials.size() - 40; i < trials.size(); ++i)
            late.insert(trials[i].params.at("a"));
        QVERIFY2(late.size() >= 2, "the margin keeps sampling a neighbouring integer");
    }

    // A flat objective ends a run at once (no progress possible); IPOP restarts with twice
    // the population, "none" never restarts.
    void restartsDoubleThePopulation()
    {
        const auto f = tw::TestFunctions::byName("sphere3");
        for (auto mode : {CmaEsSampler::Restarts::Ipop, CmaEsSampler::Restarts::None}) {
            Run run;
            auto sampler = make(2, mode);
            auto study = run.study(sampler, f->searchSpace(), 30);
            while (auto t = study->ask())
                study->tell(*t, 1.0);
            tw::StorageStudyView view(run.storage, run.record.id, tw::StudyDirection::Minimize, f->searchSpace());
            view.refresh();
            const auto s = sampler->stateFor(view, 30, f->searchSpace());
            const int lambda0 = sampler->defaultPopsize(3);
            QCOMPARE(lambda0, 7);
            if (mode == CmaEsSampler::Restarts::Ipop) {
                QVERIFY(s.run >= 1);
                QCOMPARE(s.popsize, lambda0 << s.run);
            } else {
                QCOMPARE(s.run, 0);
                QCOMPARE(s.popsize, lambda0);
            }
        }
    }

    void rejectsBadOptions()
    {
        CmaEsSampler::Options o;
        o.sigma0 = 0;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, CmaEsSampler{o});
        o = {};
        o.popsize = 1;
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, CmaEsSampler{o});
    }
};

QTEST_GUILESS_MAIN(tst_CmaEsSampler)
#include "tst_cmaessampler.moc"
