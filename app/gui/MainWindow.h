#pragma once
#include "ExportActions.h"
#include "RunController.h"
#include "WorkbenchViews.h"

#include <QMainWindow>

#include <functional>
#include <memory>

class QAction;
class QLabel;
class QListWidget;
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
class ExperimentController;
class SetupTab;
class StudyActions;

// The workbench: the experiment's studies on the left; Setup, Live, Leaderboard,
// Trial and Analysis tabs on the right; the run controls in the toolbar; progress in the status bar.
// Everything is stored in the experiment file as it happens: there is nothing to save.
//
// The window builds the widgets and wires them to four controllers, each owning one job:
// ExperimentController (the open storage, the File menu), StudyActions (the study list,
// the shown study and its polling, study and trial commands), ExportActions (files and
// clipboard) and RunController (Start/Pause/Stop, the engine thread, progress). A new
// view is a tab in buildViews(); a new command an action wired in buildMenus().
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
    bool isRunning() const;
    // Whether the open experiment was opened read-only (its file, folder or file system
    // cannot be written): it is shown, exported, never run.
    bool isReadOnly() const;
    int trialRowCount() const;
    widgets::LeaderboardModel* leaderboardModel() const { return m_views.model; }
    QTabWidget* tabs() const { return m_views.tabs; }
    SetupTab* setupPage() const { return m_views.setup; }
    widgets::LiveView* liveView() const { return m_views.live; }
    widgets::LeaderboardView* leaderboardView() const { return m_views.board; }
    widgets::TrialDetailView* trialView() const { return m_views.trial; }
    widgets::AnalysisView* analysisView() const { return m_views.analysis; }
    // The user guide Help > User guide opens (installed, or the clone's docs/), or empty.
    static QString userGuidePath();
    // Opens the Trial tab on trial `number` (what a double-click on its row does).
    void showTrial(int number);
    // Reads stored curves of finished trials in slices; idle once they are all drawn.
    CurveLoader* curveLoader() const { return m_views.curveLoader; }

    using SaveFileChooser = ExportActions::SaveFileChooser;
    void setSaveFileChooser(SaveFileChooser chooser);
    using TrustQuestion = RunController::TrustQuestion;
    void setTrustQuestion(TrustQuestion ask);

signals:
    void runEnded();

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void buildViews();
    void buildToolBar();
    void buildMenus();
    void wireViews();
    void experimentOpened();
    void updateActions();

    WorkbenchViews m_views;
    QLabel* m_samplerLabel = nullptr;
    QAction* m_newStudyAction = nullptr;
    // Declared in the order they depend on each other; destroyed in reverse, the run
    // (and its engine thread) first.
    std::unique_ptr<ExperimentController> m_experiment;
    std::unique_ptr<StudyActions> m_studies;
    std::unique_ptr<ExportActions> m_exports;
    std::unique_ptr<RunController> m_run;
};

} // namespace tw::gui
