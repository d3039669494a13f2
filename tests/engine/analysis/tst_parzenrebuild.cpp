// ctest-labels: unit postgres
// ParzenRebuild (#16 item 7, the TPE half): every TPE trial of a small study (log, stepped,
// int, categorical and conditional parameters; univariate, multivariate, through
// AutoSampler, with a constant liar) stores a tpe_snapshot; the estimators rebuilt from it
// and the study's trials give the stored winner its stored log l, log g and score (1e-9
// relative), the winner beats every stored candidate, and the score recomputed at the
// trial's own params matches. A perturbed snapshot (another split, prior weight or gamma's
// split size) does not. The snapshot comes back the same from SQLite and PostgreSQL.
#include "analysis/ParzenRebuild.h"
#include "io/TPESnapshotJson.h"
#include "samplers/AutoSampler.h"
#include "samplers/TPESampler.h"
#include "storage/SqliteStorage.h"
#include "study/InMemoryStorage.h"
#include "study/Study.h"
#include "support/PgTestEnv.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <memory>

namespace {

using D = tw::Distribution;

const int kTrials = 40;  // g(x) holds more than 25 trials: the recency weights ramp

tw::SearchSpace mixedSpace()
{
    tw::SearchSpace s({{"lr", D::makeFloat(1e-4, 1e-1, true), std::nullopt},
                       {"x", D::makeFloat(-2, 2), std::nullopt},
                       {"drop", D::makeFloat(0.0, 0.5, false, 0.05), std::nullopt},
                       {"layers", D::makeInt(1, 6), std::nullopt},
                       {"opt", D::makeCategorical({"\"sgd\"", "\"adam\"", "\"rmsprop\""}), std::nullopt},
                       {"momentum", D::makeFloat(0, 1), tw::ParamCondition{"opt", {0.0}}}});
    s.validate();
    return s;
}

double objective(const tw::ParamValues& p)
{
    const double lr = std::log10(p.at("lr")) + 2.5;
    const double x = p.at("x") - 0.5;
    double v = lr * lr + x * x + std::abs(p.at("drop") - 0.2) + std::abs(p.at("layers") - 3) * 0.3;
    v += p.at("opt") == 1.0 ? 0.0 : 0.7;
    if (auto m = p.find("momentum"); m != p.end())
        v += std::abs(m->second - 0.9);
    return v;
}

// Runs the study; with `pairs`, two trials are asked before either is told (the second
// sees the first running: a constant liar's case).
std::vector<tw::FrozenTrial> runStudy(const std::shared_ptr<tw::Sampler>& sampler, tw::StudyStorage& storage,
                                      bool pairs = false)
{
    tw::StudyRecord rec;
    rec.name = "parzen";
    rec = storage.createStudy(rec);
    tw::StudyOptions options;
    options.maxTrials = kTrials;
    tw::Study study(storage, rec, mixedSpace(), sampler, nullptr, options);
    while (auto t = study.ask()) {
        std::optional<tw::FrozenTrial> second = pairs ? study.ask() : std::nullopt;
        study.tell(*t, objective(t->params));
        if (second)
            study.tell(*second, objective(second->params));
    }
    return storage.trials(rec.id);
}

bool close(double a, double b)
{
    return std::abs(a - b) <= 1e-9 * std::max(1.0, std::abs(b));
}

// Whether TPE trial t's snapshot rebuilds its draws exactly (a warning says what differs).
bool rebuildsTheDraws(const std::vector<tw::FrozenTrial>& trials, const tw::FrozenTrial& t, const tw::TPESnapshot& snap)
{
    const tw::ParzenRebuild r(snap, t, trials);
    for (int g = 0; g < r.groupCount(); ++g) {
        const auto& sg = snap.groups[static_cast<std::size_t>(g)];
        const double l = r.logL(g, sg.point), gg = r.logG(g, sg.point);
        if (!close(l, sg.logL) || !close(gg, sg.logG) || !close(l - gg, sg.score)) {
            qWarning() << "trial" << t.number << "draw" << g << ": log l" << l << "log g" << gg << "rebuilt,"
                       << sg.logL << sg.logG << "stored";
            return false;
        }
        for (const auto& c : sg.candidates) {
            if (c.score > sg.score) {
                qWarning() << "trial" << t.number << ": a candidate scored" << c.score << "above the winner" << sg.score;
                return false;
            }
            if (!close(r.score(g, c.x), c.score)) {
                qWarning() << "trial" << t.number << ": candidate rebuilt" << r.score(g, c.x) << "stored" << c.score;
                return false;
            }
        }
    }
    // At the trial's own values (snapped into their domains as the Study stored them).
    if (!close(r.scoreAt(t.params), r.storedScore())) {
        qWarning() << "trial" << t.number << ": score at its params" << r.scoreAt(t.params) << "stored" << r.storedScore();
        return false;
    }
    for (const auto& [name, v] : r.point())
        if (t.params.at(name) != v)
            return false;
    return true;
}

struct Checked {
    int tpe = 0;            // TPE trials checked
    int multivariate = 0;   // of their draws, joint ones
    int withRunning = 0;    // trials whose split held a running trial
};

// Every "tpe" trial has a snapshot that rebuilds; the others have none.
Checked checkTrials(const std::vector<tw::FrozenTrial>& trials)
{
    Checked c;
    for (const auto& t : trials) {
        const auto attr = t.systemAttrs.find(tw::TPESnapshot::kAttr);
        const auto method = t.systemAttrs.find("sampler_method");
        if (method == t.systemAttrs.end() || method->second != "\"tpe\"") {
            if (attr != t.systemAttrs.end()) {
                qWarning() << "trial" << t.number << "is no TPE trial but has a snapshot";
                return {-1, 0, 0};
            }
            continue;
        }
        if (attr == t.systemAttrs.end()) {
            qWarning() << "TPE trial" << t.number << "has no snapshot";
            return {-1, 0, 0};
        }
        QString error;
        const auto snap = tw::TPESnapshotJson::parse(attr->second, &error);
        if (!snap) {
            qWarning() << error;
            return {-1, 0, 0};
        }
        if (snap->trial != t.number || !rebuildsTheDraws(trials, t, *snap))
            return {-1, 0, 0};
        ++c.tpe;
        for (const auto& g : snap->groups)
            c.multivariate += g.multivariate ? 1 : 0;
        for (const auto& s : snap->splits)
            c.withRunning += s.running.empty() ? 0 : 1;
    }
    return c;
}

std::shared_ptr<tw::TPESampler> tpe(bool multivariate, bool liar = false)
{
    tw::TPESamplerOptions o;
    o.seed = 3;
    o.nStartupTrials = 8;
    o.multivariate = multivariate;
    o.constantLiar = liar;
    return std::make_shared<tw::TPESampler>(o);
}

} // namespace

class tst_ParzenRebuild : public QObject {
    Q_OBJECT
private slots:
    void univariateDrawsRebuild()
    {
        tw::InMemoryStorage storage;
        const auto trials = runStudy(tpe(false), storage);
        QCOMPARE(int(trials.size()), kTrials);
        const Checked c = checkTrials(trials);
        QCOMPARE(c.tpe, kTrials - 8);
        QCOMPARE(c.multivariate, 0);
        // The conditional parameter learns only from the trials where it was active.
        const tw::FrozenTrial& last = trials.back();
        QString error;
        const auto snap = tw::TPESnapshotJson::parse(last.systemAttrs.at(tw::TPESnapshot::kAttr), &error);
        QVERIFY2(snap, qPrintable(error));
        const tw::ParzenRebuild r(*snap, last, trials);
        const tw::TPESampler sampler;
        for (const auto& s : r.slices()) {
            QCOMPARE(s.l.size(), s.x.size());
            QCOMPARE(s.g.size(), s.x.size());
            QCOMPARE(s.belowX.size(), s.belowNumbers.size());
            QCOMPARE(s.aboveX.size(), s.aboveNumbers.size());
            if (s.param == "momentum") {
                for (int n : s.aboveNumbers)
                    QVERIFY(trials.at(static_cast<std::size_t>(n)).params.count("momentum"));
            } else {
                QCOMPARE(int(s.belowNumbers.size()), sampler.gamma(kTrials - 1));
                QCOMPARE(int(s.belowNumbers.size() + s.aboveNumbers.size()), kTrials - 1);
            }
            if (s.distribution.kind() == D::Kind::Categorical) {
                // Probabilities over the choices.
                double sl = 0, sg = 0;
                for (std::size_t i = 0; i < s.x.size(); ++i)
                    sl += s.l[i], sg += s.g[i];
                QVERIFY(std::abs(sl - 1) < 1e-9 && std::abs(sg - 1) < 1e-9);
            }
        }
    }

    void multivariateDrawsRebuild()
    {
        tw::InMemoryStorage storage;
        const Checked c = checkTrials(runStudy(tpe(true), storage));
        QCOMPARE(c.tpe, kTrials - 8);
        QVERIFY(c.multivariate > 0);
    }

    // Two trials asked at once: the second's split holds the first, running (a liar).
    void constantLiarDrawsRebuild()
    {
        tw::InMemoryStorage storage;
        const Checked c = checkTrials(runStudy(tpe(false, true), storage, true));
        QVERIFY(c.tpe >= kTrials - 10);
        QVERIFY(c.withRunning > 0);
    }

    // AutoSampler on a conditional space runs TPE: its trials carry the snapshots.
    void autoSamplerDrawsRebuild()
    {
        tw::AutoSampler::Options o;
        o.seed = 4;
        o.budget = kTrials;
        tw::InMemoryStorage storage;
        const Checked c = checkTrials(runStudy(std::make_shared<tw::AutoSampler>(o), storage));
        QVERIFY(c.tpe > 0);
    }

    // The check can fail: a snapshot with another split, prior weight or split size does
    // not give the stored scores.
    void perturbedSnapshotsDoNotRebuild()
    {
        tw::InMemoryStorage storage;
        const auto trials = runStudy(tpe(false), storage);
        const tw::FrozenTrial& t = trials.back();
        QString error;
        const auto snap = tw::TPESnapshotJson::parse(t.systemAttrs.at(tw::TPESnapshot::kAttr), &error);
        QVERIFY2(snap, qPrintable(error));
        QVERIFY(rebuildsTheDraws(trials, t, *snap));
        tw::TPESnapshot swapped = *snap;  // the best "above" trial moved below, a "below" one above
        auto& split = swapped.splits.front();
        const int up = split.below.front();
        split.below.front() = split.above.front().first;
        split.above.front().first == split.above.front().second ? void(split.above.erase(split.above.begin()))
                                                                : void(++split.above.front().first);
        split.above.insert(split.above.begin(), {up, up});
        std::sort(split.below.begin(), split.below.end());
        std::sort(split.above.begin(), split.above.end());
        QVERIFY(!rebuildsTheDraws(trials, t, swapped));
        tw::TPESnapshot prior = *snap;
        prior.priorWeight = 0.5;
        QVERIFY(!rebuildsTheDraws(trials, t, prior));
        tw::TPESnapshot smaller = *snap;  // gamma one less: the last good trial goes above
        auto& s2 = smaller.splits.front();
        const int last = s2.below.back();
        s2.below.pop_back();
        s2.above.push_back({last, last});
        std::sort(s2.above.begin(), s2.above.end());
        QVERIFY(!rebuildsTheDraws(trials, t, smaller));
    }

    void badSnapshotText()
    {
        QString error;
        QVERIFY(!tw::TPESnapshotJson::parse("{\"version\": 1}", &error));
        QVERIFY2(error.contains("tpe_snapshot: trial is missing"), qPrintable(error));
        QVERIFY(!tw::TPESnapshotJson::parse("{\"version\": 2}", &error));
        QVERIFY2(error.contains("version 2 is not known"), qPrintable(error));
        QVERIFY(!tw::TPESnapshotJson::parse("{]", &error));
        QVERIFY2(error.contains("not JSON"), qPrintable(error));
    }

    void sqliteKeepsTheSnapshots()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath("parzen.twx");
        {
            tw::SqliteStorage storage(file);
            runStudy(tpe(true), storage);
        }
        tw::SqliteStorage reopened(file);
        QCOMPARE(checkTrials(reopened.trials(reopened.studies().front().id)).tpe, kTrials - 8);
    }

    void postgresKeepsTheSnapshots()
    {
        tw::test::PgTestSchemas pg;
        QString missing;
        if (!pg.open(&missing))
            QSKIP(qPrintable(missing));
        const std::string schema = pg.create("tpesnapshot");
        const auto factory = pg.factory(schema);
        {
            const auto storage = factory();
            runStudy(tpe(false), *storage);
        }
        const auto reopened = factory();
        QCOMPARE(checkTrials(reopened->trials(reopened->studies().front().id)).tpe, kTrials - 8);
        pg.drop(schema);
    }
};

QTEST_GUILESS_MAIN(tst_ParzenRebuild)
#include "tst_parzenrebuild.moc"
