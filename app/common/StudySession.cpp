#include "StudySession.h"

#include "BuildInfo.h"
#include "StudyComponents.h"
#include "core/UserMessage.h"
#include "TrialObjectives.h"
#include "spec/CanonicalJson.h"
#include "core/Seconds.h"
#include "spec/StudySpecParser.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace tw {

namespace {

constexpr const char* kBudgetAttr = "budget_trials";

int storedBudget(const StudyRecord& record, const StudySpec& spec)
{
    auto it = record.systemAttrs.find(kBudgetAttr);
    if (it != record.systemAttrs.end()) {
        bool ok = false;
        const int n = QString::fromStdString(it->second).toInt(&ok);
        if (ok && n >= 0)
            return n;
    }
    return spec.budget.trials;
}

// budget.max_consecutive_failures as the study was stored: studies stored before the key
// existed keep running without the check.
int storedMaxConsecutiveFailures(const StudyRecord& record)
{
    const QJsonObject budget = QJsonDocument::fromJson(QByteArray::fromStdString(record.specJson))
                                   .object()
                                   .value("budget")
                                   .toObject();
    const QJsonValue v = budget.value("max_consecutive_failures");
    return v.isDouble() && v.toDouble() >= 0 ? v.toInt() : 0;
}

} // namespace

StudySession::StudySession(StudyStorage& storage, StudySpec spec, StudyRecord record, bool resumed,
                           int budget)
    : m_storage(storage)
    , m_spec(std::move(spec))
    , m_resumed(resumed)
    , m_budget(budget)
    , m_maxConsecutiveFailures(storedMaxConsecutiveFailures(record))
{
    SearchSpace space;
    std::shared_ptr<Sampler> sampler;
    std::shared_ptr<const Pruner> pruner;
    try {
        space = StudyComponents::searchSpace(m_spec);
        sampler = StudyComponents::sampler(m_spec, space);
        pruner = StudyComponents::pruner(m_spec);
    } catch (const std::invalid_argument& e) {
        throw SessionError(UserMessage::clean(e.what()));
    }
    StudyOptions options;
    options.maxTrials = budget;
    options.timeout = Seconds::limit(m_spec.budget.timeoutS); // a huge timeout is none (#13)
    options.maxRetries = m_spec.retry.maxRetries;
    options.retryFailed = true;  // max_retries: times a failed trial is run again
    options.grace = std::chrono::duration_cast<std::chrono::seconds>(Seconds::saturated(m_spec.retry.graceS));
    m_study = std::make_unique<Study>(storage, std::move(record), std::move(space), std::move(sampler),
                                      std::move(pruner), options);
}

StudyRecord StudySession::findStudy(StudyStorage& storage, const QString& name)
{
    if (!name.isEmpty()) {
        if (auto found = storage.findStudy(name.toStdString()))
            return *found;
        QStringList names;
        for (const auto& s : storage.studies())
            names << QString::fromStdString(s.name);
        throw SessionError(QString("no study named '%1' in this storage%2")
                               .arg(name, names.isEmpty() ? QString(" (it holds no study)")
                                                          : "; it holds: " + names.join(", "))
                               .toStdString());
    }
    const auto all = storage.studies();
    if (all.size() == 1)
        return all.front();
    if (all.empty())
        throw SessionError("this storage holds no study yet; create one with `tunewright-cli run SPEC`");
    QStringList names;
    for (const auto& s : all)
        names << QString::fromStdString(s.name);
    throw SessionError(QString("this storage holds %1 studies (%2): choose one with --study NAME")
                           .arg(all.size()).arg(names.join(", ")).toStdString());
}

std::unique_ptr<StudySession> StudySession::createOrResume(StudyStorage& storage, StudySpec spec,
                                                           const QString& name, std::optional<int> trials)
{
    const QString studyName = name.isEmpty() ? spec.name : name;
    if (auto stored = storage.findStudy(studyName.toStdString())) {
        // #17: a spec without `sampler` resumes a study created from it, whose stored copy
        // records the new-study default ("auto"); a study stored without one stays TPE.
        if (!spec.json.contains(QLatin1String("sampler"))) {
            const auto storedJson = CanonicalJson::parseValue(QString::fromStdString(stored->specJson));
            if (storedJson && storedJson->toObject().value(QLatin1String("sampler")).toObject() ==
                                  QJsonObject{{QStringLiteral("type"), QStringLiteral("auto")}})
                spec.applyNewStudyDefaults();
        }
        const QString mismatch = spec.resumeMismatch(QString::fromStdString(stored->specJson));
        if (!mismatch.isEmpty())
            throw SessionError(QString("cannot resume study '%1': %2; run it under another name "
                                       "(--study NAME) or with the stored spec")
                                   .arg(studyName, mismatch).toStdString());
        int budget = storedBudget(*stored, spec);
        if (trials) {
            budget = *trials;
            storage.setStudySystemAttr(stored->id, kBudgetAttr, std::to_string(budget));
            stored->systemAttrs[kBudgetAttr] = std::to_string(budget);
        }
        return std::unique_ptr<StudySession>(new StudySession(storage, std::move(spec), *stored, true, budget));
    }
    // A default added later must not change a stored study: the stored copy records it.
    QJsonObject budgetJson = spec.json.value("budget").toObject();
    budgetJson.insert("max_consecutive_failures",
                      spec.budget.maxConsecutiveFailures.value_or(BudgetSpec::defaultMaxConsecutiveFailures));
    spec.json.insert("budget", budgetJson);
    spec.applyNewStudyDefaults();
    StudyRecord record;
    record.name = studyName.toStdString();
    record.direction = spec.direction;
    record.specJson = spec.canonicalJson().toStdString();
    record.metric = spec.metric.toStdString();
    record.appVersion = build::version;
    record.buildFlags = build::flags;
    record.threads = spec.objective.isTrain() ? spec.objective.training.threads : 1;
    const int budget = trials.value_or(spec.budget.trials);
    record.systemAttrs[kBudgetAttr] = std::to_string(budget);
    // Check what the parser cannot (the sampler's own needs) before anything is stored.
    try {
        const SearchSpace space = StudyComponents::searchSpace(spec);
        StudyComponents::sampler(spec, space);
        StudyComponents::pruner(spec);
    } catch (const std::invalid_argument& e) {
        throw SessionError(UserMessage::clean(e.what()));
    }
    StudyRecord created = storage.createStudy(record);
    return std::unique_ptr<StudySession>(new StudySession(storage, std::move(spec), created, false, budget));
}

std::unique_ptr<StudySession> StudySession::join(StudyStorage& storage, const QString& name)
{
    StudyRecord record = findStudy(storage, name);
    auto parsed = StudySpecParser::parseBytes(QByteArray::fromStdString(record.specJson),
                                              QString("the spec stored with study '%1'")
                                                  .arg(QString::fromStdString(record.name)));
    if (!parsed)
        throw SessionError(parsed.error().toStdString());
    const int budget = storedBudget(record, parsed.value());
    return std::unique_ptr<StudySession>(
        new StudySession(storage, std::move(parsed).value(), std::move(record), true, budget));
}

OptimizeSummary StudySession::run(StudyRunner& runner, StudyLoopOptions options, const StopRequest& stop,
                                  EpochSink epochs)
{
    options.maxConsecutiveFailures = m_maxConsecutiveFailures;
    if (options.heartbeatInterval.count() == 0)
        options.heartbeatInterval = Seconds::saturated(m_spec.retry.heartbeatS);
    return runner.run(*m_study, TrialObjectives::make(m_spec, QString::fromStdString(record().name), epochs),
                      std::move(options), stop);
}

} // namespace tw
