#include "StudyRunner.h"

#include "ParallelCap.h"
#include "StorageOpener.h"
#include "StudySession.h"
#include "spec/StudySpecParser.h"

namespace tw::gui {

StudyRunner::StudyRunner(MetricsBuffer* buffer)
    : m_buffer(buffer)
{
    qRegisterMetaType<tw::FrozenTrial>();
}

StudyRunner::~StudyRunner() = default;

void StudyRunner::pause()
{
    std::lock_guard lock(m_mutex);
    m_pauseRequested = true;
    if (m_session)
        m_session->pause();
}

void StudyRunner::cancel()
{
    std::lock_guard lock(m_mutex);
    m_cancelRequested = true;
    if (m_session)
        m_session->cancel();
}

void StudyRunner::run(const QString& storageUrl, const QJsonObject& specJson, const QString& baseDir)
{
    {
        std::lock_guard lock(m_mutex);
        m_pauseRequested = m_cancelRequested = false;
    }
    auto parsed = StudySpecParser::parseObject(specJson, QString(), baseDir);
    if (!parsed) {
        emit runFailed(parsed.error());
        return;
    }
    try {
        auto storage = StorageOpener::open(storageUrl);
        auto session = StudySession::createOrResume(*storage, std::move(parsed).value());
        int done = 0;
        for (const auto& t : session->study().trials())
            if (isFinished(t.state) && StudyStorage::countsTowardBudget(t))
                ++done;
        emit studyOpened(QString::fromStdString(session->record().name), session->trialBudget(), done);
        {
            std::lock_guard lock(m_mutex);
            if (m_cancelRequested) {
                emit runFinished(tr("Cancelled before the first trial"), true);
                return;
            }
            m_session = session.get();
        }
        StudyLoopOptions options;
        options.parallel = ParallelCap::apply(session->spec().budget.parallel,
                                              session->trialBudget() - done).parallel;
        options.onEvent = [this](const TrialEvent& e) {
            if (e.kind == TrialEvent::Kind::Started)
                emit trialStarted(e.trial);
            else if (e.kind == TrialEvent::Kind::Waiting)
                emit waiting(tr("Waiting: %1").arg(QString::fromStdString(e.note)));
            else
                emit trialFinished(e.trial, e.finishedThisRun);
        };
        OptimizeSummary summary = session->run(options, [this](const EpochEvent& e) { m_buffer->push(e); });
        {
            std::lock_guard lock(m_mutex);
            m_session = nullptr;
        }
        QString text = QString("%1 trials run: %2 complete, %3 pruned, %4 failed")
                           .arg(summary.started).arg(summary.complete).arg(summary.pruned).arg(summary.failed);
        if (summary.reason == StopReason::ConsecutiveFailures)
            text += tr(". Stopped: %1 trials in a row failed with the same reason: %2")
                        .arg(session->maxConsecutiveFailures())
                        .arg(QString::fromStdString(summary.failureReason).section('\n', 0, 0));
        else if (summary.reason != StopReason::None)
            text += QString(" (%1)").arg(QString::fromUtf8(toString(summary.reason).data()));
        if (summary.cancelled)
            text += tr("; the cancelled trials run again on Start");
        emit runFinished(text, summary.paused || summary.cancelled);
    } catch (const std::exception& e) {
        {
            std::lock_guard lock(m_mutex);
            m_session = nullptr;
        }
        emit runFailed(QString::fromUtf8(e.what()));
    }
}

} // namespace tw::gui
