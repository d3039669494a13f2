#pragma once
// The Sampler contract, run against every sampler through a real Study over an
// InMemoryStorage. A sampler's test does:
//
//     void contract_data() { tw::test::SamplerContract::addRows(); }
//     void contract()
//     {
//         tw::test::SamplerContract::run([](std::uint64_t seed) {
//             return std::make_unique<tw::MySampler>(seed);
//         });
//     }
//
// Checks: bounds of every kind, log scale, step multiples, ints, categoricals and fixed
// values, conditional parameters active and inactive, enqueued trials completed,
// failed and pruned trials in the history, determinism by seed (N = 1).
// The log-scale check minimises an objective whose best values lie at the low end of each
// log range, so a model-based sampler that works in log space visits the lowest decade; a
// sampler working in linear space almost never does.
#include "study/InMemoryStorage.h"
#include "study/Study.h"

#include <QtTest>

#include <cmath>
#include <cstdint>
#include <functional>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace tw::test {

using SamplerFactory = std::function<std::unique_ptr<tw::Sampler>(std::uint64_t seed)>;
using Objective = std::function<double(const tw::ParamValues&)>;

struct SamplerContractOptions {
    int trials = 30;
    // False for a sampler whose suggestions do not depend on the seed (a plain grid).
    bool seedMatters = true;
};

class SamplerContract {
public:
    using Options = SamplerContractOptions;
    using Check = void (*)(const SamplerFactory&, const Options&);

    static void addRows()
    {
        QTest::addColumn<QString>("check");
        for (const auto& [name, fn] : checks())
            QTest::newRow(name) << QString::fromLatin1(name);
    }

    static void run(const SamplerFactory& make, Options options = Options())
    {
        QFETCH(QString, check);
        for (const auto& [name, fn] : checks())
            if (check == QLatin1String(name))
                return fn(make, options);
        QFAIL("unknown sampler contract check");
    }

    static std::vector<std::pair<const char*, Check>> checks()
    {
        return {
            {"boundsOfEveryKind", &boundsOfEveryKind},
            {"logScale", &logScale},
            {"stepMultiples", &stepMultiples},
            {"ints", &ints},
            {"categoricalsAndFixed", &categoricalsAndFixed},
            {"conditionals", &conditionals},
            {"enqueuedTrialsAreCompleted", &enqueuedTrialsAreCompleted},
            {"determinismBySeed", &determinismBySeed},
        };
    }

    // --- spaces and runs -----------------------------------------------------------
    static tw::ParamSpec param(const std::string& name, tw::Distribution d)
    {
        return tw::ParamSpec{name, std::move(d), std::nullopt};
    }
    static tw::ParamSpec child(const std::string& name, tw::Distribution d, const std::string& parent,
                               std::vector<double> values, bool notIn = false)
    {
        return tw::ParamSpec{name, std::move(d), tw::ParamCondition{parent, std::move(values), notIn}};
    }

    static tw::SearchSpace mixedSpace()
    {
        using D = tw::Distribution;
        return tw::SearchSpace({
            param("u", D::makeFloat(-2.0, 3.0)),
            param("lg", D::makeFloat(1e-4, 1e-1, true)),
            param("fs", D::makeFloat(0.0, 2.0, false, 0.25)),
            param("i", D::makeInt(-3, 7)),
            param("is", D::makeInt(16, 128, false, 16)),
            param("il", D::makeInt(1, 1024, true)),
            param("c", D::makeCategorical({R"("a")", R"("b")", R"("c")"})),
            param("fx", D::makeFixed(R"("relu")")),
            child("child", D::makeFloat(0.0, 0.5), "c", {1.0}),
            child("kid2", D::makeCategorical({"1", "2"}), "c", {0.0}, true),
            child("grandkid", D::makeInt(1, 4), "kid2", {0.0}),
        });
    }

    static double mixedObjective(const tw::ParamValues& p)
    {
        double v = 0.0;
        for (const auto& [name, x] : p)
            v += name == "lg" ? std::pow(std::log10(x) + 2.0, 2) : name == "il" ? std::log2(x) : x * x * 0.01;
        return v;
    }

    // Runs a study to its budget: trials numbered 3 mod 7 report and get pruned, 5 mod 11
    // fail, the others complete with f(params).
    static std::vector<tw::FrozenTrial> runStudy(const SamplerFactory& make, std::uint64_t seed,
                                                 const tw::SearchSpace& space, int trials,
                                                 const Objective& f,
                                                 const std::vector<tw::ParamValues>& enqueued = {})
    {
        tw::InMemoryStorage storage;
        tw::StudyRecord rec;
        rec.name = "contract";
        rec = storage.createStudy(rec);
        tw::StudyOptions options;
        options.maxTrials = trials;
        tw::Study study(storage, rec, space, std::shared_ptr<tw::Sampler>(make(seed)), nullptr, options);
        for (const auto& p : enqueued)
            study.enqueue(p);
        while (auto t = study.ask()) {
            const double v = f(t->params);
            if (t->number % 7 == 3) {
                study.report(*t, 0, v);
                study.tell(*t, tw::TrialState::Pruned, std::nullopt, "contract");
            } else if (t->number % 11 == 5) {
                study.tell(*t, tw::TrialState::Failed, std::nullopt, "contract");
            } else {
                study.tell(*t, v);
            }
        }
        return storage.trials(rec.id);
    }

    static std::string describe(const tw::FrozenTrial& t)
    {
        std::ostringstream s;
        s << "trial " << t.number << ":";
        for (const auto& [n, v] : t.params)
            s << " " << n << "=" << v;
        return s.str();
    }

    // Every active parameter present and in its domain; no inactive or unknown one.
    static bool wellFormed(const tw::SearchSpace& space, const tw::FrozenTrial& t, std::string* why)
    {
        for (const auto& [name, v] : t.params)
            if (!space.find(name)) {
                *why = describe(t) + ": unknown param " + name;
                return false;
            }
        for (const tw::ParamSpec& p : space.params()) {
            const bool active = space.isActive(p, t.params);
            auto it = t.params.find(p.name);
            if (active && it == t.params.end()) {
                *why = describe(t) + ": active param " + p.name + " missing";
                return false;
            }
            if (!active && it != t.params.end()) {
                *why = describe(t) + ": inactive param " + p.name + " present";
                return false;
            }
            if (active && !p.distribution.contains(it->second)) {
                *why = describe(t) + ": " + p.name + " outside its domain";
                return false;
            }
            if (active && !(t.distributions.count(p.name) && t.distributions.at(p.name) == p.distribution)) {
                *why = describe(t) + ": " + p.name + " stored without its distribution";
                return false;
            }
        }
        return true;
    }

    static std::set<double> distinct(const std::vector<tw::FrozenTrial>& trials, const std::string& name)
    {
        std::set<double> s;
        for (const auto& t : trials)
            if (auto it = t.params.find(name); it != t.params.end())
                s.insert(it->second);
        return s;
    }

    // --- checks ----------------------------------------------------------------------
    static void boundsOfEveryKind(const SamplerFactory& make, const Options& o)
    {
        const tw::SearchSpace space = validated(mixedSpace());
        const auto trials = runStudy(make, 1, space, o.trials, &mixedObjective);
        QCOMPARE(int(trials.size()), o.trials);
        for (const auto& t : trials) {
            std::string why;
            QVERIFY2(wellFormed(space, t, &why), why.c_str());
            QVERIFY(tw::isFinished(t.state));
        }
    }

    static void logScale(const SamplerFactory& make, const Options& o)
    {
        using D = tw::Distribution;
        const tw::SearchSpace space = validated(tw::SearchSpace({
            param("lg", D::makeFloat(1e-4, 1e-1, true)),
            param("il", D::makeInt(1, 1024, true)),
        }));
        // Best at the low end of each log range: the region a log scale reaches and a linear
        // one hardly does (uniform in linear space, fewer than 1% of the values fall below
        // 1e-3 or below 8, so 2 of 30 there would be luck). A converging sampler goes there;
        // samples above the middle of each log range show it also covered the range.
        // (The objective used to be best at both ends; CMA-ES, converging to one of them,
        // passed the both-ends count by the luck of its stream: #18 item 2 changed it.)
        auto f = [](const tw::ParamValues& p) { return std::log10(p.at("lg")) + std::log2(p.at("il")); };
        const auto trials = runStudy(make, 2, space, o.trials, f);
        int lowLg = 0, highLg = 0, lowIl = 0, highIl = 0;
        for (const auto& t : trials) {
            std::string why;
            QVERIFY2(wellFormed(space, t, &why), why.c_str());
            const double lg = t.params.at("lg"), il = t.params.at("il");
            QVERIFY(lg > 0.0 && il >= 1.0);
            lowLg += lg < 1e-3;
            highLg += lg > std::pow(10.0, -2.5);
            lowIl += il < 8;
            highIl += il > 32;
        }
        QVERIFY2(lowLg >= 2 && highLg >= 2,
                 qPrintable(QString("lg: %1 below 1e-3, %2 above 10^-2.5").arg(lowLg).arg(highLg)));
        QVERIFY2(lowIl >= 2 && highIl >= 2,
                 qPrintable(QString("il: %1 below 8, %2 above 32").arg(lowIl).arg(highIl)));
    }

    static void stepMultiples(const SamplerFactory& make, const Options& o)
    {
        using D = tw::Distribution;
        const tw::SearchSpace space = validated(tw::SearchSpace({
            param("fs", D::makeFloat(-1.0, 2.0, false, 0.25)),
            param("is", D::makeInt(16, 128, false, 16)),
            param("tiny", D::makeFloat(0.0, 1e-3, false, 1e-4)),
        }));
        auto f = [](const tw::ParamValues& p) {
            return std::pow(p.at("fs") - 0.6, 2) + std::pow((p.at("is") - 70.0) / 50.0, 2) +
                   std::pow(p.at("tiny") * 1e3 - 0.33, 2);
        };
        const auto trials = runStudy(make, 3, space, o.trials, f);
        for (const auto& t : trials) {
            std::string why;
            QVERIFY2(wellFormed(space, t, &why), why.c_str());
            const double kf = (t.params.at("fs") + 1.0) / 0.25;
            const double ki = (t.params.at("is") - 16.0) / 16.0;
            const double kt = t.params.at("tiny") / 1e-4;
            QVERIFY2(std::abs(kf - std::round(kf)) < 1e-9, describe(t).c_str());
            QVERIFY2(ki == std::round(ki), describe(t).c_str());
            QVERIFY2(std::abs(kt - std::round(kt)) < 1e-6, describe(t).c_str());
        }
        QVERIFY(distinct(trials, "fs").size() >= 2);
        QVERIFY(distinct(trials, "is").size() >= 2);
        QVERIFY(distinct(trials, "tiny").size() >= 2);
    }

    static void ints(const SamplerFactory& make, const Options& o)
    {
        using D = tw::Distribution;
        const tw::SearchSpace space = validated(tw::SearchSpace({
            param("i", D::makeInt(-3, 7)),
            param("one", D::makeInt(5, 5)),
            param("big", D::makeInt(0, 1'000'000'000)),
            param("il", D::makeInt(2, 4096, true)),
        }));
        auto f = [](const tw::ParamValues& p) {
            return std::abs(p.at("i") - 2.0) + std::abs(p.at("big") - 3e8) / 1e8 +
                   std::abs(std::log2(p.at("il")) - 6.0);
        };
        const auto trials = runStudy(make, 4, space, o.trials, f);
        for (const auto& t : trials) {
            std::string why;
            QVERIFY2(wellFormed(space, t, &why), why.c_str());
            for (const auto& [name, v] : t.params)
                QVERIFY2(v == std::floor(v), describe(t).c_str());
            QCOMPARE(t.params.at("one"), 5.0);
        }
        QVERIFY(distinct(trials, "i").size() >= 2);
        QVERIFY(distinct(trials, "big").size() >= 2);
        QVERIFY(distinct(trials, "il").size() >= 2);
    }

    static void categoricalsAndFixed(const SamplerFactory& make, const Options& o)
    {
        using D = tw::Distribution;
        const tw::SearchSpace space = validated(tw::SearchSpace({
            param("c", D::makeCategorical({"[32]", "[64,64]", "[128,64]", R"({"k":1})"})),
            param("b", D::makeCategorical({"true", "false"})),
            param("fx", D::makeFixed("0.5")),
            param("x", D::makeFloat(0.0, 1.0)),
        }));
        auto f = [](const tw::ParamValues& p) {
            return (p.at("c") == 2.0 ? 0.0 : 1.0) + p.at("b") * 0.5 + std::pow(p.at("x") - 0.3, 2);
        };
        const auto trials = runStudy(make, 5, space, o.trials, f);
        for (const auto& t : trials) {
            std::string why;
            QVERIFY2(wellFormed(space, t, &why), why.c_str());
            QCOMPARE(t.params.at("fx"), 0.0);
        }
        QVERIFY(distinct(trials, "c").size() >= 2);
        QVERIFY(distinct(trials, "b").size() == 2);
    }

    static void conditionals(const SamplerFactory& make, const Options& o)
    {
        using D = tw::Distribution;
        const tw::SearchSpace space = validated(tw::SearchSpace({
            param("model", D::makeCategorical({R"("linear")", R"("mlp")", R"("tree")"})),
            child("dropout", D::makeFloat(0.0, 0.5), "model", {1.0}),
            child("depth", D::makeInt(1, 3), "model", {0.0}, true),
            child("width", D::makeCategorical({"16", "64"}), "depth", {1.0}),
        }));
        auto f = [](const tw::ParamValues& p) {
            double v = p.at("model");
            if (auto it = p.find("dropout"); it != p.end())
                v += it->second;
            if (auto it = p.find("depth"); it != p.end())
                v += std::abs(it->second - 3.0) * 0.1;
            return v;
        };
        const auto trials = runStudy(make, 6, space, o.trials, f);
        std::set<double> models;
        int withDropout = 0, withWidth = 0, withoutDepth = 0;
        for (const auto& t : trials) {
            std::string why;
            QVERIFY2(wellFormed(space, t, &why), why.c_str());
            models.insert(t.params.at("model"));
            withDropout += t.params.count("dropout") ? 1 : 0;
            withWidth += t.params.count("width") ? 1 : 0;
            withoutDepth += t.params.count("depth") ? 0 : 1;
        }
        QVERIFY2(models.size() >= 2, "the parent took one value only");
        QVERIFY(withDropout >= 1 && withDropout < int(trials.size()));
        QVERIFY2(withoutDepth >= 1 && withoutDepth < int(trials.size()), qPrintable(QString("%1 of %2 trials without depth").arg(withoutDepth).arg(trials.size())));
        QVERIFY2(withWidth >= 1, "the grandchild was never active");
    }

    static void enqueuedTrialsAreCompleted(const SamplerFactory& make, const Options& o)
    {
        const tw::SearchSpace space = validated(mixedSpace());
        const std::vector<tw::ParamValues> given = {
            {{"c", 1.0}, {"child", 0.125}, {"u", 0.5}},
            {{"lg", 1e-3}},
            {{"c", 0.0}, {"child", 0.3}},  // child inactive under c = 0: dropped
        };
        const auto trials = runStudy(make, 8, space, o.trials, &mixedObjective, given);
        QCOMPARE(int(trials.size()), o.trials);
        for (const auto& t : trials) {
            std::string why;
            QVERIFY2(wellFormed(space, t, &why), why.c_str());
        }
        QCOMPARE(trials[0].params.at("c"), 1.0);
        QCOMPARE(trials[0].params.at("child"), 0.125);
        QCOMPARE(trials[0].params.at("u"), 0.5);
        QCOMPARE(trials[1].params.at("lg"), 1e-3);
        QCOMPARE(trials[2].params.at("c"), 0.0);
        QVERIFY(!trials[2].params.count("child"));
        for (int i = 0; i < 3; ++i)
            QVERIFY(trials[std::size_t(i)].systemAttrs.count("enqueued"));
    }

    static void determinismBySeed(const SamplerFactory& make, const Options& o)
    {
        const tw::SearchSpace space = validated(mixedSpace());
        const int n = std::min(o.trials, 20);
        const auto a = runStudy(make, 7, space, n, &mixedObjective);
        const auto b = runStudy(make, 7, space, n, &mixedObjective);
        QCOMPARE(a.size(), b.size());
        for (std::size_t i = 0; i < a.size(); ++i)
            QVERIFY2(a[i].params == b[i].params, (describe(a[i]) + " vs " + describe(b[i])).c_str());
        if (!o.seedMatters)
            return;
        const auto c = runStudy(make, 8, space, n, &mixedObjective);
        bool differs = false;
        for (std::size_t i = 0; i < a.size() && i < c.size(); ++i)
            differs = differs || a[i].params != c[i].params;
        QVERIFY2(differs, "seeds 7 and 8 gave the same suggestions");
    }

private:
    static tw::SearchSpace validated(tw::SearchSpace space)
    {
        const std::string err = space.validate();
        if (!err.empty())
            qFatal("SamplerContract: invalid space: %s", err.c_str());
        return space;
    }
};

} // namespace tw::test
