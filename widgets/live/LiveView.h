#pragma once
#include "core/FrozenTrial.h"
#include "core/StudyDirection.h"
#include "plots/EpochPoint.h"
#include "plots/HistoryPlot.h"

#include <QElapsedTimer>
#include <QTimer>
#include <QWidget>

#include <map>
#include <vector>

namespace tw {
class MetricsBuffer;
}

namespace tw::widgets {

class LeaderboardModel;
class LeaderboardView;
class LossCurvesPlot;

// The Live tab: loss curves beside the optimization history, above the leaderboard.
// Per-epoch metrics arrive through a MetricsBuffer and are drained on a ~40 ms timer with
// one replot per drain, so the window stays responsive however fast trials report.
class LiveView : public QWidget {
    Q_OBJECT
public:
    LiveView(LeaderboardModel* model, QWidget* parent = nullptr);

    void attachBuffer(MetricsBuffer* buffer);
    void setStudy(const QString& metric, StudyDirection direction);
    // Trial states and values changed (rare events): refresh highlights and history.
    void updateTrials(const std::vector<FrozenTrial>& changed);
    // Whole curves of finished trials, e.g. when a stored study is opened.
    void setCurves(const std::map<int, std::vector<EpochPoint>>& curves,
                   const std::map<int, TrialState>& states);
    // Curves read from storage for finished trials (a reopened study, or trials another
    // process ran). A trial that already has points, drawn live here, keeps them. Redraws
    // at most every 250 ms while more are coming, and when `last`.
    void addStoredCurves(const std::map<int, std::vector<EpochPoint>>& curves, bool last);
    void clear();
    // How many best trials get curves of their own.
    static constexpr int bestK = 3;

    LossCurvesPlot* lossPlot() const { return m_loss; }
    HistoryPlot* historyPlot() const { return m_history; }
    LeaderboardView* leaderboard() const { return m_board; }
    int drainCount() const { return m_drains; }

public slots:
    void drainNow();

private:
    void refreshHighlights();
    void refreshHistory();

    LeaderboardModel* m_model;
    LossCurvesPlot* m_loss;
    HistoryPlot* m_history;
    LeaderboardView* m_board;
    MetricsBuffer* m_buffer = nullptr;
    QTimer m_drainTimer;
    QString m_metric;
    StudyDirection m_direction = StudyDirection::Minimize;
    int m_drains = 0;
    QElapsedTimer m_storedRefresh;
    std::vector<HistoryPlot::Point> m_historyPoints; // what the history plot shows
    bool m_historyShown = false;
};

} // namespace tw::widgets
