#pragma once
#include "core/StudyRecord.h"
#include "runner/MetricsBuffer.h"
#include "study/StudyStorage.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QMainWindow>
#include <QThread>
#include <QTimer>

#include <functional>
#include <memory>

class QAction;
class QLabel;
class QListWidget;
class QMenu;
class QProgressBar;
class QTabWidget;

namespace tw::widgets {
class AnalysisView;
class LeaderboardModel;
class LeaderboardView;
class LiveView;
class TrialDetailView;
}

namespace tw::gui {

class CurveLoader;
class SetupTab;
class StudyRunner;

// The workbench: the experiment's studies on the left; Setup, Live, Leaderboard,
// Trial and Analysis tabs on the right; the run controls in the toolbar; progress in the status bar.
// Everything is stored in the experiment file as it happens: there is nothing to save.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens an experiment (an SQLite file path or a storage URL). False, with a message
    // box unless quiet, when it cannot be opened.
    bool openExperiment(const QString& urlOrPath, bool quiet = false);
    void selectStudy(const QString& name);
    // Starts the study in the Setup tab. Returns false if the spec is invalid.
    bool startStudy();
    bool isRunning() const { return m_running; }
    // Whether the open experiment was opened read-only (its file, folder or file system
    // cannot be written): it is shown, exported, never run.
    bool isReadOnly() const { return m_readOnly; }
    int trialRowCount() const;
    widgets::LeaderboardModel* leaderboardModel() const { return m_model; }
    QTabWidget* tabs() const { return m_tabs; }
    SetupTab* setupPage() const { return m_setup; }
    widgets::LiveView* liveView() const { return m_live; }
    widgets::LeaderboardView* leaderboardView() const { return m_board; }
    widgets::TrialDetailView* trialView() const { return m_trial; }
    widgets::AnalysisView* analysisView() const { return m_analysis; }
    // The user guide Help > User guide opens (installed, or the clone's docs/), or empty.
    static QString userGuidePath();
    // Opens the Trial tab on trial `number` (what a double-click on its row does).
    void showTrial(int number) { openTrial(number); }
    // Reads stored curves of finished trials in slices; idle once they are all drawn.
    CurveLoader* curveLoader() const { return m_curveLoader; }

    // Asks where to save an export: a file dialog by default. Tests and scripted runs set
    // another, so the export actions run their whole path without a modal dialog.
    using SaveFileChooser =
        std::function<QString(const QString& title, const QString& suggestedName, const QString& filter)>;
    void setSaveFileChooser(SaveFileChooser chooser) { m_chooseSaveFile = std::move(chooser); }
    // Asks whether to run a stored study's command that this user has not approved here
    // (#13); `details` is the exact command, working folder and environment. A message box
    // by default; tests set another.
    using TrustQuestion = std::function<bool(const QString& study, const QString& details)>;
    void setTrustQuestion(TrustQuestion ask) { m_askTrust = std::move(ask); }

signals:
    void runEnded();

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void buildActions();
    void buildMenus();
    void refreshStudyList();
    void loadStudy(const StudyRecord& record);
    void refreshTrials();
    void updateActions();
    void updateProgress();
    void newStudy(const QJsonObject& spec);
    void duplicateStudy();
    void renameStudy();
    void deleteStudy();
    void compareStudy();
    void exportBest();
    void exportLeaderboard();
    void exportModel(int trial);
    void openTrial(int trial);
    void importSpec();
    void exportSpec();
    void newExperiment();
    void openExperimentDialog();
    void saveExperimentAs();
    void connectPostgres();
    void addRecent(const QString& path);
    void rebuildRecentMenu();
    QString uniqueStudyName(const QString& base) const;
    QString chooseSaveFile(const QString& title, const QString& suggestedName, const QString& filter);

    std::unique_ptr<StudyStorage> m_storage;
    QString m_storageUrl;
    QString m_storageDisplay;
    std::optional<StudyRecord> m_study;
    std::int64_t m_version = 0;
    bool m_trainStudy = false;

    MetricsBuffer m_buffer;
    QThread m_engineThread;
    StudyRunner* m_runner = nullptr;
    bool m_running = false;
    bool m_paused = false;
    bool m_readOnly = false;  // the experiment file can only be read here (#13)
    int m_budget = 0;
    int m_doneAtStart = 0;
    int m_finishedThisRun = 0;
    QElapsedTimer m_runClock;

    QListWidget* m_studies = nullptr;
    QTabWidget* m_tabs = nullptr;
    SetupTab* m_setup = nullptr;
    widgets::LeaderboardModel* m_model = nullptr;
    widgets::LiveView* m_live = nullptr;
    widgets::LeaderboardView* m_board = nullptr;
    widgets::TrialDetailView* m_trial = nullptr;
    widgets::AnalysisView* m_analysis = nullptr;
    QLabel* m_statusText = nullptr;
    QLabel* m_samplerLabel = nullptr;
    QProgressBar* m_progress = nullptr;
    QTimer m_refresh;
    CurveLoader* m_curveLoader = nullptr;
    QMenu* m_recentMenu = nullptr;

    QAction* m_startAction = nullptr;
    QAction* m_pauseAction = nullptr;
    QAction* m_resumeAction = nullptr;
    QAction* m_stopAction = nullptr;
    QAction* m_newStudyAction = nullptr;
    QAction* m_exportBestAction = nullptr;
    SaveFileChooser m_chooseSaveFile;
    TrustQuestion m_askTrust;
    bool approveCommand(); // false: the user declined to run a command they did not approve
};

} // namespace tw::gui
