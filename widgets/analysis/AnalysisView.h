#pragma once
#include "analysis/ParamImportance.h"
#include "core/FrozenTrial.h"
#include "core/StudyDirection.h"

#include <QTimer>
#include <QWidget>

#include <QSet>
#include <QStringList>

#include <map>
#include <memory>
#include <optional>
#include <thread>

class QComboBox;
class QLabel;
class QTabWidget;

namespace tw::widgets {

class ContourPlot;
class EdfPlot;
class LeaderboardProxy;
class ImportancePlot;
class IntermediatePlot;
class ParallelPlot;
class SlicePlot;
class TimelinePlot;

// The Analysis tab: parameter importance, slices, parallel coordinates, contour, the
// objective's distribution, the timeline and intermediate values, each drawn from what
// engine/analysis computes over the study's trials. Changes arrive as they happen
// (updateTrials) and are drawn together at most every refreshInterval() ms, and only the
// view on show: the others are drawn when they are next shown. Importance is computed off
// the GUI thread, over at most kImportanceTrials trials (a random subset, said in its title).
class AnalysisView : public QWidget {
    Q_OBJECT
public:
    explicit AnalysisView(QWidget* parent = nullptr);
    ~AnalysisView() override;

    void setStudy(const QString& valueName, StudyDirection direction);
    void setTrials(const std::vector<FrozenTrial>& trials);
    void updateTrials(const std::vector<FrozenTrial>& changed);
    void clear();
    // Draws now what is pending for the view on show (the next timer tick would);
    // importance still runs apart.
    void refreshNow();
    // Which view is shown: importance, slice, parallel, contour, edf, timeline, intermediate.
    static QStringList viewNames();
    void showView(const QString& name);
    // The contour's two parameters (empty: the first two).
    void setContourParams(const QString& x, const QString& y);
    // Whether an importance computation is running or due.
    bool importanceBusy() const { return m_running || m_importanceDue; }
    void setEvaluator(ImportanceEvaluator evaluator);
    // Brushing the parallel coordinates filters the leaderboard's rows, and the
    // leaderboard's filters (state, text) dim the lines of the trials they hide.
    void linkLeaderboard(LeaderboardProxy* proxy);
    // The last refresh's drawing time on the GUI thread, in ms (importance is apart).
    double lastRefreshMs() const { return m_lastRefreshMs; }
    int trialCount() const { return static_cast<int>(m_trials.size()); }

    static constexpr int refreshInterval() { return 500; }
    static constexpr std::size_t kImportanceTrials = 2000;
    static constexpr std::size_t kDrawnTrials = 5000;

    QTabWidget* views() const { return m_views; }
    ImportancePlot* importancePlot() const { return m_importance; }
    SlicePlot* slicePlot() const { return m_slice; }
    ParallelPlot* parallelPlot() const { return m_parallel; }
    EdfPlot* edfPlot() const { return m_edf; }
    TimelinePlot* timelinePlot() const { return m_timeline; }
    IntermediatePlot* intermediatePlot() const { return m_intermediate; }
    ContourPlot* contourPlot() const { return m_contour; }

signals:
    void importanceUpdated();
    // Trials brushed in the parallel coordinates (nullopt: no brush), for the leaderboard.
    void trialFilterChanged(const std::optional<QSet<int>>& numbers);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void scheduleRefresh();
    void drawCurrent();
    void drawContour();
    void startImportance();
    std::vector<FrozenTrial> trialList() const;

    std::map<int, FrozenTrial> m_trials;
    QString m_valueName = "value";
    StudyDirection m_direction = StudyDirection::Minimize;
    ImportanceEvaluator m_evaluator = ImportanceEvaluator::Fanova;
    QTimer m_timer;
    bool m_dirty = false;
    std::vector<bool> m_stale;  // per view page: data changed since it was drawn
    std::vector<FrozenTrial> m_list;  // m_trials in number order, as of the last refresh
    bool m_importanceDue = false;
    bool m_running = false;
    int m_generation = 0;
    std::thread m_worker;
    double m_lastRefreshMs = 0.0;
    LeaderboardProxy* m_proxy = nullptr;

    QTabWidget* m_views = nullptr;
    QComboBox* m_evaluatorBox = nullptr;
    QComboBox* m_contourX = nullptr;
    QComboBox* m_contourY = nullptr;
    ImportancePlot* m_importance = nullptr;
    SlicePlot* m_slice = nullptr;
    ParallelPlot* m_parallel = nullptr;
    EdfPlot* m_edf = nullptr;
    TimelinePlot* m_timeline = nullptr;
    IntermediatePlot* m_intermediate = nullptr;
    ContourPlot* m_contour = nullptr;
};

} // namespace tw::widgets
