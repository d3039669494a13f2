// ctest-labels: unit tsan
#include "samplers/GridSampler.h"
#include "study/InMemoryStorage.h"
#include "study/Study.h"
#include "support/SamplerContract.h"

#include <QtTest>

#include <atomic>
#include <set>
#include <thread>

using tw::Distribution;
using tw::GridSampler;
using tw::test::SamplerContract;

namespace {

tw::StudyRecord newStudy(tw::StudyStorage& storage, const std::string& name = "grid")
{
    tw::StudyRecord rec;
    rec.name = name;
    return storage.createStudy(rec);
}

} // namespace

class tst_GridSampler : public QObject {
    Q_OBJECT
private slots:
    void contract_data() { SamplerContract::addRows(); }
    void contract()
    {
        // Shuffled, so that 30 trials reach every corner of the contract's spaces.
        SamplerContract::run([](std::uint64_t seed) {
            GridSampler::Options o;
            o.defaultResolution = 5;
            o.axes["big"] = GridSampler::Axis{7, 0.0};
            o.shuffle = true;
            o.seed = seed;
            return std::make_unique<GridSampler>(o);
        });
    }

    void lexicographicOrderLastParamFastest()
    {
        tw::SearchSpace space({
            {"a", Distribution::makeCategorical({"1", "2"}), std::nullopt},
            {"x", Distribution::makeFloat(0.0, 1.0), std::nullopt},
            {"lr", Distribution::makeFloat(1e-3, 1e-1, true), std::nullopt},
        });
        QVERIFY(space.validate().empty());
        GridSampler::Options o;
        o.axes["x"] = GridSampler::Axis{0, 0.5};
        o.axes["lr"] = GridSampler::Axis{3, 0.0};
        GridSampler g(o);
        QCOMPARE(g.size(space), 2LL * 3 * 3);
        const auto p0 = g.point(space, 0);
        QCOMPARE(p0.at("a"), 0.0);
        QCOMPARE(p0.at("x"), 0.0);
        QCOMPARE(p0.at("lr"), 1e-3);
        const auto p1 = g.point(space, 1);
        QCOMPARE(p1.at("x"), 0.0);
        QVERIFY(std::abs(p1.at("lr") - 1e-2) < 1e-15);  // log-spaced
        QCOMPARE(g.point(space, 3).at("x"), 0.5);
        QCOMPARE(g.point(space, 8).at("x"), 1.0);
        QVERIFY(std::abs(g.point(space, 8).at("lr") - 1e-1) < 1e-15);
        QCOMPARE(g.point(space, 9).at("a"), 1.0);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, g.point(space, 18));
    }

    void conditionalsDoNotMultiplyTheGrid()
    {
        // model=linear: no depth (1 point); model=mlp: depth 1..3, width only for depth 1.
        tw::SearchSpace space({
            {"model", Distribution::makeCategorical({R"("linear")", R"("mlp")"}), std::nullopt},
            {"depth", Distribution::makeInt(1, 3), tw::ParamCondition{"model", {1.0}, false}},
            {"width", Distribution::makeCategorical({"8", "16"}), tw::ParamCondition{"depth", {1.0}, false}},
            {"seed", Distribution::makeInt(0, 1), std::nullopt},
        });
        QVERIFY(space.validate().empty());
        GridSampler g;
        // Tree rows: {linear}, {mlp,1,8}, {mlp,1,16}, {mlp,2}, {mlp,3} = 5; times seed (2).
        QCOMPARE(g.size(space), 10LL);
        std::set<tw::ParamValues> all;
        for (long long i = 0; i < 10; ++i) {
            const auto p = g.point(space, i);
            QVERIFY(all.insert(p).second);
            QCOMPARE(p.count("depth") == 1, p.at("model") == 1.0);
            QCOMPARE(p.count("width") == 1, p.count("depth") && p.at("depth") == 1.0);
        }
    }

    void shuffleIsAPermutation()
    {
        tw::SearchSpace space({{"i", Distribution::makeInt(0, 999), std::nullopt}});
        QVERIFY(space.validate().empty());
        GridSampler::Options o;
        o.shuffle = true;
        o.seed = 3;
        GridSampler g(o);
        std::set<double> seen;
        bool moved = false;
        for (long long k = 0; k < 1000; ++k) {
            const double v = g.point(space, k).at("i");
            seen.insert(v);
            moved = moved || v != double(k);
        }
        QCOMPARE(seen.size(), std::size_t(1000));
        QVERIFY(moved);
        o.seed = 4;
        GridSampler h(o);
        QVERIFY(h.point(space, 0) != g.point(space, 0) || h.point(space, 1) != g.point(space, 1));
    }

    void validationSaysWhichParam()
    {
        tw::SearchSpace space({{"lr", Distribution::makeFloat(1e-4, 1e-1, true), std::nullopt},
                               {"n", Distribution::makeInt(0, 2'000'000'000), std::nullopt}});
        QVERIFY(space.validate().empty());
        GridSampler::Options o;
        QString err = QString::fromStdString(GridSampler::validate(space, o));
        QVERIFY2(err.startsWith("lr:") && err.contains("resolution"), qPrintable(err));
        o.axes["lr"] = GridSampler::Axis{4, 0.0};
        err = QString::fromStdString(GridSampler::validate(space, o));
        QVERIFY2(err.startsWith("n:"), qPrintable(err));
        o.axes["n"] = GridSampler::Axis{0, 1e8};
        QVERIFY(GridSampler::validate(space, o).empty());
        o.axes["n"] = GridSampler::Axis{3, 5.0};
        QVERIFY(QString::fromStdString(GridSampler::validate(space, o)).startsWith("n:"));
    }

    // The study ends when every point was handed out; none twice.
    void exhaustionStopsTheStudy()
    {
        tw::InMemoryStorage storage;
        const auto rec = newStudy(storage);
        tw::SearchSpace space({{"a", Distribution::makeCategorical({"1", "2", "3"}), std::nullopt},
                               {"b", Distribution::makeInt(0, 1), std::nullopt}});
        tw::Study study(storage, rec, space, std::make_shared<GridSampler>());
        // An enqueued trial does not use up a grid point.
        study.enqueue({{"a", 0.0}, {"b", 0.0}});
        std::set<tw::ParamValues> seen;
        int n = 0;
        while (auto t = study.ask()) {
            ++n;
            if (t->number > 0)
                QVERIFY(seen.insert(t->params).second);
            study.tell(*t, double(n));
        }
        QCOMPARE(n, 7);
        QCOMPARE(seen.size(), std::size_t(6));
        QVERIFY(study.stopReason() == tw::StopReason::GridExhausted);
        QVERIFY(!study.ask());
    }

    // Concurrent workers (here 6 Study objects on one storage, as separate processes
    // would be) never get the same point, and exactly the grid is covered.
    void concurrentWorkersNeverShareAPoint()
    {
        tw::InMemoryStorage storage;
        const auto rec = newStudy(storage);
        tw::SearchSpace space({{"x", Distribution::makeInt(0, 9), std::nullopt},
                               {"y", Distribution::makeInt(0, 19), std::nullopt}});
        QVERIFY(space.validate().empty());
        constexpr int kWorkers = 6;
        std::vector<std::vector<tw::ParamValues>> got(kWorkers);
        std::atomic<int> errors{0};
        {
            std::vector<std::thread> pool;
            for (int k = 0; k < kWorkers; ++k)
                pool.emplace_back([&, k] {
                    try {
                        tw::Study study(storage, rec, space, std::make_shared<GridSampler>());
                        while (auto t = study.ask()) {
                            got[std::size_t(k)].push_back(t->params);
                            study.tell(*t, 1.0);
                        }
                    } catch (...) {
                        ++errors;
                    }
                });
            for (auto& th : pool)
                th.join();
        }
        QCOMPARE(errors.load(), 0);
        std::set<tw::ParamValues> all;
        int total = 0;
        for (const auto& v : got)
            for (const auto& p : v) {
                QVERIFY(all.insert(p).second);
                ++total;
            }
        QCOMPARE(total, 200);
        // Trials discarded at the very end (a race for the last points) are marked.
        for (const auto& t : storage.trials(rec.id))
            if (t.state == tw::TrialState::Failed)
                QVERIFY(t.systemAttrs.count("discarded"));
    }

    // Retries of failed grid trials keep their point and do not shift the others.
    void retriesKeepTheirPoint()
    {
        tw::InMemoryStorage storage;
        const auto rec = newStudy(storage);
        tw::SearchSpace space({{"x", Distribution::makeInt(0, 4), std::nullopt}});
        tw::StudyOptions opt;
        opt.maxRetries = 1;
        opt.retryFailed = true;
        tw::Study study(storage, rec, space, std::make_shared<GridSampler>(), nullptr, opt);
        std::vector<double> order;
        while (auto t = study.ask()) {
            order.push_back(t->params.at("x"));
            if (t->number == 1)
                study.tell(*t, tw::TrialState::Failed, std::nullopt, "boom");
            else
                study.tell(*t, 0.0);
        }
        // 0, 1 (fails), then the retry of 1 is claimed first, then 2, 3, 4.
        QCOMPARE(order, (std::vector<double>{0, 1, 1, 2, 3, 4}));
    }
};

QTEST_GUILESS_MAIN(tst_GridSampler)
#include "tst_gridsampler.moc"
