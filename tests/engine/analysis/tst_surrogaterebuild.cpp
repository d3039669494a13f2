// ctest-labels: unit postgres
// SurrogateRebuild (#16 item 7): a GP study of branin (15 trials, in process) stores a
// gp_snapshot with each GP trial, through GPSampler and through AutoSampler; rebuilding the
// surrogate from it, without refitting, puts the acquisition's maximum at the stored
// suggestion (1e-6 in the unit cube) and gives the posterior the sampler fitted. The
// snapshot is a trial system attr: it comes back the same from SQLite and PostgreSQL.
#include "analysis/SurrogateRebuild.h"
#include "functions/Branin.h"
#include "io/GPSnapshotJson.h"
#include "samplers/AutoSampler.h"
#include "samplers/GPSampler.h"
#include "study/InMemoryStorage.h"
#include "study/Study.h"
#include "storage/SqliteStorage.h"
#include "support/PgTestEnv.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <memory>

namespace {

using D = tw::Distribution;

const int kTrials = 15;

tw::SearchSpace braninSpace()
{
    return tw::SearchSpace({{"x0", D::makeFloat(-5, 10), std::nullopt}, {"x1", D::makeFloat(0, 15), std::nullopt}});
}

std::vector<tw::FrozenTrial> runBranin(const std::shared_ptr<tw::Sampler>& sampler, tw::StudyStorage& storage)
{
    tw::StudyRecord rec;
    rec.name = "branin";
    rec = storage.createStudy(rec);
    tw::StudyOptions options;
    options.maxTrials = kTrials;
    tw::Study study(storage, rec, braninSpace(), sampler, nullptr, options);
    const tw::Branin branin;
    while (auto t = study.ask())
        study.tell(*t, branin.evaluate(std::vector<double>{t->params.at("x0"), t->params.at("x1")}));
    return storage.trials(rec.id);
}

// Whether GP trial t's snapshot rebuilds the surrogate it was suggested from (a warning says what differs).
bool rebuildsTheSuggestion(const std::vector<tw::FrozenTrial>& trials, const tw::FrozenTrial& t)
{
    {
        const auto attr = t.systemAttrs.find(tw::GPSnapshot::kAttr);
        if (t.systemAttrs.at("sampler_method") != "\"gp\"" || attr == t.systemAttrs.end()) {
            qWarning() << "trial" << t.number << "is no GP trial with a snapshot";
            return false;
        }
        QString error;
        const auto snap = tw::GPSnapshotJson::parse(attr->second, &error);
        if (!snap) {
            qWarning() << error;
            return false;
        }
        const tw::SurrogateRebuild r(*snap, trials);
        const Eigen::VectorXd point = r.point();
        // The stored suggestion is the trial's parameters and the acquisition's maximum.
        if ((r.encode(t.params) - point).cwiseAbs().maxCoeff() > 1e-6)
            return false;
        const double top = r.acquisition(point);
        if (std::abs(top - snap->pointAcquisition) > 1e-9 * std::max(1.0, std::abs(top))) {
            qWarning() << "trial" << t.number << ": acquisition" << top << "rebuilt," << snap->pointAcquisition << "stored";
            return false;
        }
        const auto dists = r.distributions();
        for (const auto& s : r.slices(301))
            for (std::size_t i = 0; i < s.x.size(); ++i) {
                Eigen::VectorXd x = point;
                x[s.param == "x0" ? 0 : 1] = dists.at(s.param).toUnit(s.x[i]);
                if (r.inBox(x) && s.acquisition[i] > top + 1e-6) {
                    qWarning() << "trial" << t.number << s.param.c_str() << "=" << s.x[i] << ": acquisition"
                               << s.acquisition[i] << "above the chosen" << top;
                    return false;
                }
            }
        // The posterior at the training points: the targets are the standardized objective
        // (mean 0, sd 1 over the fitted trials) and the mean reproduces them to the noise.
        const double noiseSd = std::exp(0.5 * snap->logNoiseVariance);
        double sum = 0.0, sq = 0.0;
        int fitted = 0;
        for (const auto& o : r.observed()) {
            if (o.pending)
                continue;
            ++fitted;
            if (std::abs(o.target - snap->transformTarget(*o.value)) > 1e-12)
                return false;
            sum += o.target;
            sq += o.target * o.target;
            const auto pred = r.predict(r.encode(o.params));
            if (std::abs(pred.mean - o.target) > 4.0 * noiseSd + 1e-6) {
                qWarning() << "trial" << t.number << ": mean" << pred.mean << "at trial" << o.number << "whose target is" << o.target;
                return false;
            }
        }
        if (fitted != static_cast<int>(snap->fittedOn.size()) || std::abs(sum / fitted) > 1e-9
            || std::abs(std::sqrt((sq - sum * sum / fitted) / (fitted - 1)) - 1.0) > 1e-9)
            return false;
    }
    return true;
}

// The trials from `startup` on are GP ones and each rebuilds; returns how many there are (-1: one did not).
int checkGpTrials(const std::vector<tw::FrozenTrial>& trials, int startup)
{
    int n = 0;
    for (std::size_t i = 0; i < trials.size(); ++i) {
        const bool snapshot = trials[i].systemAttrs.contains(tw::GPSnapshot::kAttr);
        if (static_cast<int>(i) < startup) {
            if (snapshot) {
                qWarning() << "start-up trial" << i << "has a snapshot";
                return -1;
            }
            continue;
        }
        if (!rebuildsTheSuggestion(trials, trials[i]))
            return -1;
        ++n;
    }
    return n;
}

} // namespace

class tst_SurrogateRebuild : public QObject {
    Q_OBJECT
private slots:
    void gpSamplerSnapshotsRebuildTheSuggestion()
    {
        tw::GPSampler::Options o;
        o.seed = 5;
        o.startupTrials = 5;
        auto gp = std::make_shared<tw::GPSampler>(o);
        tw::InMemoryStorage storage;
        const auto trials = runBranin(gp, storage);
        QCOMPARE(int(trials.size()), kTrials);
        QCOMPARE(checkGpTrials(trials, o.startupTrials), kTrials - o.startupTrials);
        // No refit: the last snapshot holds the sampler's last fitted hyperparameters.
        QString error;
        const auto last = tw::GPSnapshotJson::parse(trials.back().systemAttrs.at(tw::GPSnapshot::kAttr), &error);
        QVERIFY2(last, qPrintable(error));
        QVERIFY(gp->hyperparameters());
        const auto h = *gp->hyperparameters();
        QCOMPARE(last->logNoiseVariance, h.logNoiseVariance);
        QCOMPARE(last->logSignalVariance, h.logSignalVariance);
        for (int i = 0; i < h.logLengthscales.size(); ++i)
            QCOMPARE(last->logLengthscales[static_cast<std::size_t>(i)], h.logLengthscales[i]);
    }

    // AutoSampler on a small continuous space runs the GP: its trials carry snapshots too.
    void autoSamplerSnapshotsRebuildTheSuggestion()
    {
        tw::AutoSampler::Options o;
        o.seed = 2;
        o.budget = kTrials;
        tw::InMemoryStorage storage;
        const auto trials = runBranin(std::make_shared<tw::AutoSampler>(o), storage);
        QCOMPARE(int(trials.size()), kTrials);
        QVERIFY(checkGpTrials(trials, 8) >= kTrials - 8);
    }

    // Through the SQL backends, read back by another connection.
    void sqliteKeepsTheSnapshots()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath("branin.twx");
        {
            tw::SqliteStorage storage(file);
            runBranin(std::make_shared<tw::GPSampler>(gpOptions()), storage);
        }
        tw::SqliteStorage reopened(file);
        const auto trials = reopened.trials(reopened.studies().front().id);
        QCOMPARE(checkGpTrials(trials, gpOptions().startupTrials), kTrials - gpOptions().startupTrials);
    }

    void postgresKeepsTheSnapshots()
    {
        tw::test::PgTestSchemas pg;
        QString missing;
        if (!pg.open(&missing))
            QSKIP(qPrintable(missing));
        const std::string schema = pg.create("snapshot");
        const auto factory = pg.factory(schema);
        {
            const auto storage = factory();
            runBranin(std::make_shared<tw::GPSampler>(gpOptions()), *storage);
        }
        const auto reopened = factory();
        const auto trials = reopened->trials(reopened->studies().front().id);
        QCOMPARE(checkGpTrials(trials, gpOptions().startupTrials), kTrials - gpOptions().startupTrials);
        pg.drop(schema);
    }

private:
    static tw::GPSampler::Options gpOptions()
    {
        tw::GPSampler::Options o;
        o.seed = 7;
        o.startupTrials = 5;
        return o;
    }

};

QTEST_GUILESS_MAIN(tst_SurrogateRebuild)
#include "tst_surrogaterebuild.moc"
