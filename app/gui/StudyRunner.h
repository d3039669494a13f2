#pragma once
#include "core/FrozenTrial.h"
#include "runner/MetricsBuffer.h"

#include <QJsonObject>
#include <QObject>
#include <QString>

#include <memory>
#include <mutex>

namespace tw {
class StudySession;
}

namespace tw::gui {

// Runs a study on the engine thread (a worker QObject moved to a QThread). It opens its
// own storage connection there. Rare events travel as queued signals carrying value
// types; per-epoch metrics go to the MetricsBuffer, which the UI drains on a timer.
// pause() and cancel() are called from the GUI thread while run() blocks this one.
class StudyRunner : public QObject {
    Q_OBJECT
public:
    explicit StudyRunner(MetricsBuffer* buffer);
    ~StudyRunner() override;

    void pause();   // finish the running trials, start no new ones
    void cancel();  // also stop the running trials at their next batch

public slots:
    // Creates or resumes the study `spec` describes in `storageUrl`, and runs it.
    void run(const QString& storageUrl, const QJsonObject& spec, const QString& baseDir);

signals:
    void studyOpened(const QString& name, int budget, int done);
    void trialStarted(const tw::FrozenTrial& trial);
    void trialFinished(const tw::FrozenTrial& trial, int finishedThisRun);
    void runFinished(const QString& summary, bool paused);
    // The run waits for trials of a process it cannot check (see StudyLoop).
    void waiting(const QString& note);
    void runFailed(const QString& error);

private:
    MetricsBuffer* m_buffer;
    std::mutex m_mutex;
    StudySession* m_session = nullptr;
    bool m_pauseRequested = false;
    bool m_cancelRequested = false;
};

} // namespace tw::gui

Q_DECLARE_METATYPE(tw::FrozenTrial)
