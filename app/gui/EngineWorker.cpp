#include "EngineWorker.h"

#include "ParallelCap.h"
#include "StorageOpener.h"
#include "StudySession.h"
#include "spec/StudySpecParser.h"

namespace tw::gui {

EngineWorker::EngineWorker(MetricsBuffer* buffer)
    : m_buffer(buffer)
    , m_runner(this)
{
}

EngineWorker::~EngineWorker() = default;

void EngineWorker::run(const QString& storageUrl, const QJsonObject& specJson, const QString& baseDir,
                       StopRequest stop)
{
    auto parsed = StudySpecParser::parseObject(specJson, QString(), baseDir);
    if (!parsed) {
        emit runFailed(parsed.error());
        return;
    }
    try {
        auto storage = StorageOpener::open(storageUrl);
        auto session = StudySession::createOrResume(*storage, std::move(parsed).value());
        const int done = StudyRunner::finishedTowardBudget(session->study());
        emit studyOpened(QString::fromStdString(session->record().name), session->trialBudget(), done);
        if (stop.cancelRequested()) {
            emit runFinished(tr("Cancelled before the first trial"), true);
            return;
        }
        StudyLoopOptions options;
        options.parallel = ParallelCap::apply(session->spec().budget.parallel,
                                              session->trialBudget() - done).parallel;
        OptimizeSummary summary =
            session->run(m_runner, options, stop, [this](const EpochEvent& e) { m_buffer->push(e); });
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
        emit runFailed(QString::fromUtf8(e.what()));
    }
}

} // namespace tw::gui
