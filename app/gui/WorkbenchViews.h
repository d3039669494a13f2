#pragma once
#include <QVariant>
#include <QWidget>

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
class SetupTab;

// The workbench's widgets, owned by the MainWindow, as its controllers (experiment, study
// actions, exports, run control) see them. `window` parents their dialogs and message boxes.
struct WorkbenchViews {
    QWidget* window = nullptr;
    QListWidget* studies = nullptr;
    QTabWidget* tabs = nullptr;
    SetupTab* setup = nullptr;
    widgets::LeaderboardModel* model = nullptr;
    widgets::LiveView* live = nullptr;
    widgets::LeaderboardView* board = nullptr;
    widgets::TrialDetailView* trial = nullptr;
    widgets::AnalysisView* analysis = nullptr;
    CurveLoader* curveLoader = nullptr;
    QLabel* status = nullptr;
    QProgressBar* progress = nullptr;

    // Scripted runs and tests set the window's "quiet" property: no modal message boxes
    // for outcomes they check themselves.
    bool quiet() const { return window && window->property("quiet").toBool(); }
};

} // namespace tw::gui
