#pragma once
#include "runner/MetricsBuffer.h"
#include "runner/StudyRunner.h"
#include "study/StopRequest.h"

#include <QJsonObject>
#include <QObject>
#include <QString>

namespace tw::gui {

// The workbench's worker on the engine thread (a QObject moved to a QThread): it opens its
// own storage connection there, creates or resumes the study a spec describes, and runs
// it through the engine's StudyRunner. The runner's trial events reach the window queued;
// per-epoch metrics go to the MetricsBuffer, which the window drains on a timer. The
// window pauses and cancels through its copy of the run's StopRequest.
class EngineWorker : public QObject {
    Q_OBJECT
public:
    explicit EngineWorker(MetricsBuffer* buffer);
    ~EngineWorker() override;

    // Emits trialEvent for every trial started, finished or waited for.
    StudyRunner* runner() { return &m_runner; }

    // Creates or resumes the study `spec` describes in `storageUrl`, and runs it until it
    // ends or `stop` pauses or cancels it. Called on the engine thread.
    void run(const QString& storageUrl, const QJsonObject& spec, const QString& baseDir, StopRequest stop);

signals:
    void studyOpened(const QString& name, int budget, int done);
    void runFinished(const QString& summary, bool paused);
    void runFailed(const QString& error);

private:
    MetricsBuffer* m_buffer;
    StudyRunner m_runner;
};

} // namespace tw::gui
