#pragma once
#include "WorkbenchViews.h"
#include "runner/MetricsBuffer.h"

#include <QElapsedTimer>
#include <QObject>
#include <QThread>

#include <functional>

class QAction;

namespace tw::gui {

class ExperimentController;
class StudyActions;
class StudyRunner;

// Run control: Start, Pause, Resume and Stop, the engine thread the study runs on, its
// events into the views and the progress in the status bar. A command objective that
// this user has not approved here runs only after they say yes (#13).
class RunController : public QObject {
    Q_OBJECT
public:
    RunController(const WorkbenchViews& views, ExperimentController& experiment, StudyActions& studies,
                  QObject* parent = nullptr);
    // Cancels a running study and waits for the engine thread.
    ~RunController() override;

    // Starts the study in the Setup tab. False if it cannot run (invalid spec, read-only
    // experiment, a command not approved, a run going on).
    bool start();
    void pause();
    // Asks first, as the Stop action does.
    void stop();
    // Cancels without asking (closing the window).
    void cancel();

    bool isRunning() const { return m_running; }
    bool isPaused() const { return m_paused; }
    // Where the engine thread puts per-epoch metrics; the Live view drains it.
    MetricsBuffer* buffer() { return &m_buffer; }

    QAction* startAction() const { return m_startAction; }
    QAction* pauseAction() const { return m_pauseAction; }
    QAction* resumeAction() const { return m_resumeAction; }
    QAction* stopAction() const { return m_stopAction; }

    // Asks whether to run a stored study's command that this user has not approved here
    // (#13); `details` is the exact command, working folder and environment. A message box
    // by default; tests set another.
    using TrustQuestion = std::function<bool(const QString& study, const QString& details)>;
    void setTrustQuestion(TrustQuestion ask) { m_askTrust = std::move(ask); }

signals:
    // Running or paused changed: the actions' states follow.
    void changed();
    void runEnded();

private:
    void updateProgress();
    bool approveCommand();

    WorkbenchViews m_views;
    ExperimentController& m_experiment;
    StudyActions& m_studies;

    MetricsBuffer m_buffer;
    QThread m_engineThread;
    StudyRunner* m_runner = nullptr;
    bool m_running = false;
    bool m_paused = false;
    int m_budget = 0;
    int m_doneAtStart = 0;
    int m_finishedThisRun = 0;
    QElapsedTimer m_runClock;

    QAction* m_startAction = nullptr;
    QAction* m_pauseAction = nullptr;
    QAction* m_resumeAction = nullptr;
    QAction* m_stopAction = nullptr;
    TrustQuestion m_askTrust;
};

} // namespace tw::gui
