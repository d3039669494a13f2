#include "setup/StudySettingsSection.h"

#include "setup/SpecDocument.h"
#include "spec/BudgetSpec.h"
#include "spec/PrunerSpec.h"
#include "spec/RetrySpec.h"
#include "spec/SamplerSpec.h"

#include <QFormLayout>
#include <QLabel>
#include <QVBoxLayout>

#include <climits>

namespace tw::widgets {

namespace {

QStringList at(const char* object, const char* key)
{
    return {QString::fromLatin1(object), QString::fromLatin1(key)};
}

} // namespace

QStringList StudySettingsSection::samplerKeys(const QString& type)
{
    // As StudySpecParser's parseSampler allows them.
    if (type == QLatin1String("grid"))
        return {"type", "seed", "resolution"};
    if (type == QLatin1String("random"))
        return {"type", "seed"};
    if (type == QLatin1String("sobol"))
        return {"type", "seed", "scramble"};
    if (type == QLatin1String("gp"))
        return {"type", "seed", "n_startup", "refit_every", "local_every"};
    if (type == QLatin1String("cmaes"))
        return {"type", "seed", "sigma0", "popsize", "restarts", "n_startup"};
    if (type == QLatin1String("auto"))
        return {"type", "seed"};
    return {"type", "seed", "n_startup", "multivariate", "n_ei_candidates"};
}

QStringList StudySettingsSection::prunerKeys(const QString& type)
{
    if (type == QLatin1String("median"))
        return {"type", "n_startup_trials", "n_warmup_steps"};
    if (type == QLatin1String("percentile"))
        return {"type", "percentile", "n_startup_trials", "n_warmup_steps"};
    if (type == QLatin1String("asha"))
        return {"type", "min_resource", "reduction_factor"};
    if (type == QLatin1String("hyperband"))
        return {"type", "min_resource", "max_resource", "reduction_factor"};
    return {"type"};
}

StudySettingsSection::StudySettingsSection(SpecDocument* doc, QWidget* parent)
    : SpecSection(tr("Study settings"), doc, {}, parent)
{
    const SamplerSpec sd;
    const PrunerSpec pd;
    const BudgetSpec bd;
    const RetrySpec rd;
    using C = SpecField;

    // --- sampler ----------------------------------------------------------------------------
    m_sampler = choice(at("sampler", "type"),
                       QList<C::Choice>{
                           {QJsonValue(QStringLiteral("grid")), tr("grid — every combination")},
                           {QJsonValue(QStringLiteral("random")), tr("random")},
                           {QJsonValue(QStringLiteral("sobol")), tr("sobol — quasi-random")},
                           {QJsonValue(QStringLiteral("gp")), tr("gp — Gaussian process")},
                           {QJsonValue(QStringLiteral("tpe")), tr("tpe — Parzen estimator")},
                           {QJsonValue(QStringLiteral("cmaes")), tr("cmaes — evolution strategy")},
                           {QJsonValue(QStringLiteral("auto")), tr("auto — chosen per trial")}},
                       // #17: a new study without a sampler gets "auto" (StudySpec::applyNewStudyDefaults).
                       C::constant(QStringLiteral("auto")),
                       tr("How the next trial's parameters are chosen: a fixed grid, random or "
                          "quasi-random points, a model of the results so far (gp, tpe), an "
                          "evolution strategy (cmaes), or auto, which picks one of them from "
                          "the search space, the budget and the trials so far."));
    m_sampler->addAlias({"sampler"});
    connect(m_sampler, &SpecField::edited, this, [this] {
        switchKeys({"sampler"}, samplerKeys(m_sampler->effectiveValue().toString()),
                   m_samplerStash);
    });
    auto* samplerSeed = integer(at("sampler", "seed"), 0, INT_MAX, C::constant(0),
                                tr("The sampler's seed: the same seed proposes the same "
                                   "parameters."));
    m_resolution = integer(at("sampler", "resolution"), 2, 100000, {},
                           tr("Grid points for each float parameter that has no step or "
                              "resolution of its own."),
                           tr("(none)"));
    m_scramble = flag(at("sampler", "scramble"), tr("Scramble"), C::constant(sd.scramble),
                      tr("Randomise the Sobol sequence with the seed, which avoids its "
                         "regular patterns."));
    m_nStartup = integer(at("sampler", "n_startup"), 0, 100000,
                         [this] {
                             const QString type = m_sampler->effectiveValue().toString();
                             return QJsonValue(type == QLatin1String("gp")      ? 8
                                               : type == QLatin1String("cmaes") ? 0
                                                                                : 10);
                         },
                         tr("Trials sampled without a model first, to give the model data to "
                            "learn from."));
    m_refitEvery = integer(at("sampler", "refit_every"), 1, 100000, C::constant(sd.refitEvery),
                           tr("Trials between two fits of the Gaussian process's kernel "
                              "hyperparameters."));
    m_localEvery = integer(at("sampler", "local_every"), 0, 100000, C::constant(sd.localEvery),
                           tr("Every k-th trial searches a trust region around the best trial so "
                              "far, which grows after improvements and shrinks after failures "
                              "(0: never)."));
    m_multivariate = flag(at("sampler", "multivariate"), tr("Multivariate"),
                          C::constant(sd.multivariate),
                          tr("Model the parameters jointly, so TPE can learn how they interact."));
    m_nEi = integer(at("sampler", "n_ei_candidates"), 1, 100000, C::constant(sd.nEiCandidates),
                    tr("Candidates TPE scores for expected improvement before it picks one."));

    // --- pruner -----------------------------------------------------------------------------
    m_pruner = choice(at("pruner", "type"),
                      QList<C::Choice>{
                          {QJsonValue(QStringLiteral("none")), tr("none")},
                          {QJsonValue(QStringLiteral("median")), tr("median")},
                          {QJsonValue(QStringLiteral("percentile")), tr("percentile")},
                          {QJsonValue(QStringLiteral("asha")), tr("asha — successive halving")},
                          {QJsonValue(QStringLiteral("hyperband")), tr("hyperband")}},
                      C::constant(QStringLiteral("none")),
                      tr("Stops unpromising trials early by comparing their intermediate "
                         "values with other trials'."));
    m_pruner->addAlias({"pruner"});
    connect(m_pruner, &SpecField::edited, this, [this] {
        const QString type = m_pruner->effectiveValue().toString();
        if (type == QLatin1String("none")) {
            const QJsonObject old = m_doc->value({"pruner"}).toObject();
            for (auto it = old.begin(); it != old.end(); ++it)
                if (it.key() != QLatin1String("type"))
                    m_prunerStash.insert(it.key(), it.value());
            m_doc->remove({"pruner"}, this); // no pruner is the default
            return;
        }
        QJsonObject required;
        if (type == QLatin1String("percentile"))
            required.insert(QStringLiteral("percentile"), PrunerSpec().percentile);
        switchKeys({"pruner"}, prunerKeys(type), m_prunerStash, required);
    });
    m_startupTrials = integer(at("pruner", "n_startup_trials"), 0, INT_MAX,
                              C::constant(pd.nStartupTrials),
                              tr("Trials that run to the end before any is pruned."));
    m_warmupSteps = integer(at("pruner", "n_warmup_steps"), 0, INT_MAX,
                            C::constant(pd.nWarmupSteps),
                            tr("Steps (epochs) a trial runs before it can be pruned."));
    m_percentile = number(at("pruner", "percentile"), C::constant(pd.percentile),
                          tr("A trial is pruned when it is worse than this percentile of the "
                             "others at the same step."));
    m_minResource = integer(at("pruner", "min_resource"), 1, INT_MAX, C::constant(pd.minResource),
                            tr("Steps every trial gets before the first comparison."));
    m_maxResource = integer(at("pruner", "max_resource"), 2, INT_MAX, {},
                            tr("Steps of a full trial; automatic for a train objective (epochs × "
                               "folds)."),
                            tr("(automatic)"));
    m_reduction = integer(at("pruner", "reduction_factor"), 2, 1000,
                          C::constant(pd.reductionFactor),
                          tr("At each rung only 1 in this many trials goes on."));

    // --- budget -----------------------------------------------------------------------------
    auto* trials = integer(at("budget", "trials"), 1, INT_MAX, C::constant(bd.trials),
                           tr("How many trials the study runs in total."));
    auto* timeout = number(at("budget", "timeout_s"), C::constant(bd.timeoutS),
                           tr("Stop starting trials after this many seconds; 0 means no "
                              "limit."));
    auto* parallel = integer(at("budget", "parallel"), 1, 256, C::constant(bd.parallel),
                             tr("Trials run at the same time."));
    m_cvFolds = integer(at("objective", "cv_folds"), 0, 100, C::constant(0),
                        tr("0 scores each trial on the validation split; k ≥ 2 runs k-fold "
                           "cross-validation and averages."));
    auto* retries = integer(at("retry", "max_retries"), 0, 1000, C::constant(rd.maxRetries),
                            tr("How often a failed trial is run again with the same "
                               "parameters."));
    auto* heartbeat = number(at("retry", "heartbeat_s"), C::constant(rd.heartbeatS),
                             tr("How often a running trial reports that it is alive, in "
                                "seconds."));
    auto* grace = number(at("retry", "grace_s"), C::constant(rd.graceS),
                         tr("A trial silent for longer than this is failed as stale."));

    m_samplerForm = newForm();
    addRow(m_samplerForm, tr("Sampler:"), m_sampler);
    addRow(m_samplerForm, tr("Seed:"), samplerSeed);
    addRow(m_samplerForm, tr("Resolution:"), m_resolution);
    addRow(m_samplerForm, tr("Startup trials:"), m_nStartup);
    addRow(m_samplerForm, tr("Refit every:"), m_refitEvery);
    addRow(m_samplerForm, tr("Trust region every:"), m_localEvery);
    addRow(m_samplerForm, tr("EI candidates:"), m_nEi);
    m_samplerForm->addRow(QString(), m_scramble->widget());
    m_samplerForm->addRow(QString(), m_multivariate->widget());

    m_prunerForm = newForm();
    addRow(m_prunerForm, tr("Pruner:"), m_pruner);
    addRow(m_prunerForm, tr("Percentile:"), m_percentile);
    addRow(m_prunerForm, tr("Startup trials:"), m_startupTrials);
    addRow(m_prunerForm, tr("Warm-up steps:"), m_warmupSteps);
    addRow(m_prunerForm, tr("Min. resource:"), m_minResource);
    addRow(m_prunerForm, tr("Max. resource:"), m_maxResource);
    addRow(m_prunerForm, tr("Reduction:"), m_reduction);

    m_budgetForm = newForm();
    addRow(m_budgetForm, tr("Trials:"), trials);
    addRow(m_budgetForm, tr("Time limit (s):"), timeout);
    addRow(m_budgetForm, tr("Parallel trials:"), parallel);
    addRow(m_budgetForm, tr("CV folds:"), m_cvFolds);
    addRow(m_budgetForm, tr("Retries:"), retries);
    addRow(m_budgetForm, tr("Heartbeat (s):"), heartbeat);
    addRow(m_budgetForm, tr("Stale after (s):"), grace);

    addColumns({{tr("Sampler"), m_samplerForm},
                {tr("Pruner"), m_prunerForm},
                {tr("Budget"), m_budgetForm}});
}

void StudySettingsSection::documentReset()
{
    m_samplerStash = {};
    m_prunerStash = {};
}

void StudySettingsSection::refresh()
{
    const QString s = m_sampler->effectiveValue().toString();
    setRowVisible(m_samplerForm, m_resolution, s == QLatin1String("grid"));
    setRowVisible(m_samplerForm, m_scramble, s == QLatin1String("sobol"));
    setRowVisible(m_samplerForm, m_nStartup,
                  s == QLatin1String("gp") || s == QLatin1String("tpe") || s == QLatin1String("cmaes"));
    setRowVisible(m_samplerForm, m_refitEvery, s == QLatin1String("gp"));
    setRowVisible(m_samplerForm, m_localEvery, s == QLatin1String("gp"));
    setRowVisible(m_samplerForm, m_multivariate, s == QLatin1String("tpe"));
    setRowVisible(m_samplerForm, m_nEi, s == QLatin1String("tpe"));

    const QString p = m_pruner->effectiveValue().toString();
    const bool median = p == QLatin1String("median") || p == QLatin1String("percentile");
    const bool halving = p == QLatin1String("asha") || p == QLatin1String("hyperband");
    setRowVisible(m_prunerForm, m_percentile, p == QLatin1String("percentile"));
    setRowVisible(m_prunerForm, m_startupTrials, median);
    setRowVisible(m_prunerForm, m_warmupSteps, median);
    setRowVisible(m_prunerForm, m_minResource, halving);
    setRowVisible(m_prunerForm, m_maxResource, p == QLatin1String("hyperband"));
    setRowVisible(m_prunerForm, m_reduction, halving);

    setRowVisible(m_budgetForm, m_cvFolds, objectiveType() == QLatin1String("train"));
}

} // namespace tw::widgets
