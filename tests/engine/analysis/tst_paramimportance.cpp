#include "analysis/ParamImportance.h"

#include <QtTest>

#include <cmath>

using tw::Distribution;
using tw::FrozenTrial;
using tw::ImportanceEvaluator;
using tw::ParamImportance;
using tw::ParamImportanceOptions;
using tw::TrialState;

namespace {

const Distribution kLr = Distribution::makeFloat(1e-4, 1.0, true);
const Distribution kX = Distribution::makeFloat(0.0, 1.0);
const Distribution kColour = Distribution::makeCategorical({"\"red\"", "\"green\"", "\"blue\""});
const Distribution kFixed = Distribution::makeFixed("\"adam\"");

FrozenTrial trial(int number, std::map<std::string, double> params, std::map<std::string, Distribution> dists,
                  std::optional<double> value, TrialState state = TrialState::Complete)
{
    FrozenTrial t;
    t.number = number;
    t.id = number + 100;
    t.state = state;
    t.value = value;
    t.params = std::move(params);
    t.distributions = std::move(dists);
    return t;
}

// lr on a log grid of 8 values over [1e-4, 1], x on 10 values; y steps at lr = 1e-3 and x = .5.
std::vector<FrozenTrial> logStepStudy()
{
    std::vector<FrozenTrial> out;
    for (int i = 0; i < 8; ++i)
        for (int j = 0; j < 10; ++j) {
            const double lr = std::pow(10.0, -4 + (i + 0.5) * 0.5), x = 0.05 + 0.1 * j;
            out.push_back(trial(int(out.size()), {{"lr", lr}, {"x", x}, {"opt", 0.0}},
                                {{"lr", kLr}, {"x", kX}, {"opt", kFixed}}, (lr > 1e-3 ? 1.0 : 0.0) + (x > 0.5 ? 1.0 : 0.0)));
        }
    return out;
}

double importanceOf(const tw::ParamImportanceResult& r, const std::string& name)
{
    for (const auto& e : r.importances)
        if (e.param == name)
            return e.importance;
    return -1;
}

} // namespace

class tst_ParamImportance : public QObject {
    Q_OBJECT
private slots:
    // A log parameter is measured in log space: the step at 1e-3 splits lr's log range
    // 1/4 : 3/4, so lr explains 0.1875 of 0.4375 (in raw space it would be ~0.001 of it).
    // The fixed parameter gets 0 and comes last.
    void logParametersInLogSpace()
    {
        const auto r = ParamImportance::compute(logStepStudy(), {});
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(r.trials, std::size_t(80));
        QCOMPARE(r.importances.size(), std::size_t(3));
        QCOMPARE(r.importances[0].param, std::string("x"));
        QCOMPARE(r.importances[1].param, std::string("lr"));
        QCOMPARE(r.importances[2].param, std::string("opt"));
        QCOMPARE(r.importances[2].importance, 0.0);
        QVERIFY2(std::abs(importanceOf(r, "lr") - 0.1875 / 0.4375) < 0.01, qPrintable(QString::number(importanceOf(r, "lr"))));
        QVERIFY(std::abs(importanceOf(r, "lr") + importanceOf(r, "x") - 1.0) < 1e-12);
    }

    void categoricalParameterAndIrrelevantOne()
    {
        std::vector<FrozenTrial> trials;
        for (int i = 0; i < 90; ++i) {
            const double colour = i % 3, x = std::fmod(i * 0.6180339887, 1.0);
            trials.push_back(trial(i, {{"colour", colour}, {"x", x}}, {{"colour", kColour}, {"x", kX}},
                                   colour == 1 ? 5.0 + 0.01 * x : 0.01 * x));
        }
        for (const auto evaluator : {ImportanceEvaluator::Fanova, ImportanceEvaluator::Mdi}) {
            ParamImportanceOptions options;
            options.evaluator = evaluator;
            const auto r = ParamImportance::compute(trials, options);
            QVERIFY2(r.ok(), r.error.c_str());
            QVERIFY(r.evaluator == evaluator);
            QCOMPARE(r.importances[0].param, std::string("colour"));
            QVERIFY(r.importances[0].importance > 0.99);
        }
    }

    // Only complete trials with a finite value count; the parameters are those every complete
    // trial has with the same distribution.
    void intersectionSearchSpaceAndEligibleTrials()
    {
        auto trials = logStepStudy();
        trials[3].params.erase("x");
        trials[3].distributions.erase("x");  // x is no longer common to all complete trials
        trials.push_back(trial(80, {{"lr", 0.5}}, {{"lr", kLr}}, std::nullopt, TrialState::Failed));
        trials.push_back(trial(81, {{"lr", 0.5}, {"x", 0.5}, {"opt", 0.0}}, {{"lr", kLr}, {"x", kX}, {"opt", kFixed}},
                               std::numeric_limits<double>::infinity()));
        trials.push_back(trial(82, {{"lr", 0.5}, {"x", 0.5}}, {{"lr", kLr}, {"x", kX}}, 0.0, TrialState::Pruned));
        const auto space = ParamImportance::searchSpace(trials);
        QCOMPARE(space.size(), std::size_t(2));
        QCOMPARE(space[0].first, std::string("lr"));
        QCOMPARE(space[1].first, std::string("opt"));  // ordered by name
        const auto r = ParamImportance::compute(trials, {});
        QVERIFY2(r.ok(), r.error.c_str());
        QCOMPARE(r.eligibleTrials, std::size_t(80));  // not the failed, pruned or infinite ones
        QCOMPARE(r.importances.front().param, std::string("lr"));
        QCOMPARE(r.importances.front().importance, 1.0);
    }

    void sameSeedSameNumbersAndSubsampling()
    {
        std::vector<FrozenTrial> trials;
        for (int i = 0; i < 300; ++i) {
            const double a = std::fmod(i * 0.6180339887, 1.0), b = std::fmod(i * 0.7548776662, 1.0);
            trials.push_back(trial(i, {{"a", a}, {"b", b}}, {{"a", kX}, {"b", kX}}, a * a + 0.3 * std::sin(7 * b) + 0.5 * a * b));
        }
        ParamImportanceOptions options;
        options.seed = 5;
        options.maxTrials = 100;
        const auto r1 = ParamImportance::compute(trials, options);
        const auto r2 = ParamImportance::compute(trials, options);
        QVERIFY2(r1.ok(), r1.error.c_str());
        QCOMPARE(r1.trials, std::size_t(100));
        QCOMPARE(r1.eligibleTrials, std::size_t(300));
        for (std::size_t i = 0; i < r1.importances.size(); ++i) {
            QCOMPARE(r1.importances[i].param, r2.importances[i].param);
            QCOMPARE(r1.importances[i].importance, r2.importances[i].importance);
        }
        options.seed = 6;
        const auto r3 = ParamImportance::compute(trials, options);
        QVERIFY(r3.importances[0].importance != r1.importances[0].importance);
    }

    void refusesWhatItCannotAssess()
    {
        QCOMPARE(ParamImportance::compute({}, {}).error, std::string("the study has no complete trial"));
        std::vector<FrozenTrial> one{trial(0, {{"x", 0.5}}, {{"x", kX}}, 1.0)};
        QVERIFY(!ParamImportance::compute(one, {}).ok());
        QVERIFY(QString::fromStdString(ParamImportance::compute(one, {}).error).contains("at least 2"));
        std::vector<FrozenTrial> flat{trial(0, {{"x", 0.2}}, {{"x", kX}}, 1.0), trial(1, {{"x", 0.7}}, {{"x", kX}}, 1.0)};
        QVERIFY(QString::fromStdString(ParamImportance::compute(flat, {}).error).contains("same value"));
        std::vector<FrozenTrial> fixedOnly{trial(0, {{"o", 0}}, {{"o", kFixed}}, 1.0), trial(1, {{"o", 0}}, {{"o", kFixed}}, 2.0)};
        QVERIFY(!ParamImportance::compute(fixedOnly, {}).ok());
    }

    void evaluatorNames()
    {
        QCOMPARE(tw::toString(ImportanceEvaluator::Fanova), std::string_view("fanova"));
        QVERIFY(tw::importanceEvaluatorFromString("mdi") == ImportanceEvaluator::Mdi);
        QVERIFY(!tw::importanceEvaluatorFromString("shap"));
    }
};

QTEST_APPLESS_MAIN(tst_ParamImportance)
#include "tst_paramimportance.moc"
