#pragma once
#include "core/TrialState.h"
#include "plots/EpochPoint.h"
#include "plots/InteractivePlot.h"

#include <map>
#include <vector>

namespace tw::widgets {

// Training and validation loss of every trial. At scale the ordinary curves share one
// QCPCurve per state and series, with NaN breaks between trials; the best K trials and
// the selected trial get curves of their own, drawn on top. Long curves are downsampled
// for drawing. Hovering shows the trial, epoch and value of the nearest point.
class LossCurvesPlot : public InteractivePlot {
    Q_OBJECT
public:
    enum class Series { Validation, Train, Both };

    explicit LossCurvesPlot(QWidget* parent = nullptr);

    void setSeries(Series series);
    // One trial's curves (the Trial tab): the legend names the series, not the trial.
    void setSingleTrial(bool single) { m_singleTrial = single; }
    void clearTrials();
    void setCurve(int trial, TrialState state, const std::vector<EpochPoint>& points);
    void appendPoints(const std::vector<EpochPoint>& points);
    void setTrialState(int trial, TrialState state);
    void setHighlighted(const std::vector<int>& bestTrials, int selectedTrial);
    // Rebuilds what is drawn from the curves, fits the view and queues one replot.
    void refresh();
    // Redraws what changed since the last draw: after appendPoints() alone, refills only
    // the curves those trials are drawn in and redraws only their layer, unless the new
    // points leave the view (then it is fitted again); after a new trial, a state or a
    // highlight changed, refresh(); nothing when nothing changed. A drain of live metrics
    // calls it many times a second.
    void refreshChanged();
    // How often refresh() rebuilt everything, and how often refreshChanged() got away
    // with redrawing a layer (for tests and the responsiveness benchmark).
    int fullRefreshCount() const { return m_fullRefreshes; }
    int layerReplotCount() const { return m_layerReplots; }

    int trialCount() const { return static_cast<int>(m_curves.size()); }
    // Epoch points held over all trials (before downsampling), or for one trial.
    int pointCount() const;
    int pointCount(int trial) const;
    // The state a trial's curve is drawn in; Waiting for a trial it does not know.
    TrialState trialState(int trial) const;
    // The points held for one trial, as given (empty when unknown).
    std::vector<EpochPoint> points(int trial) const;
    // Indices kept when a curve of n points is drawn with at most maxPoints: evenly spaced,
    // always the first and the last.
    static std::vector<int> downsampleIndices(int n, int maxPoints);
    static constexpr int maxDrawnPoints = 400;
    // The text shown when hovering near (pixel) pos, or empty when nothing is near.
    QString hoverText(const QPointF& pos) const;

protected:
    void mouseMoveEvent(QMouseEvent* event) override;

private:
    struct Curve {
        TrialState state = TrialState::Running;
        std::vector<double> step, train, val;
    };
    // The trials drawn by one pair of curves (validation, training), on one layer.
    struct Group {
        std::vector<int> trials;
        QCPCurve* val = nullptr;
        QCPCurve* train = nullptr;
        QCPLayer* layer = nullptr;
    };
    QCPCurve* makeCurve(const QColor& color, qreal width, Qt::PenStyle style, const QString& name);
    void addGroup(std::vector<int> trials, QCPLayer* layer, const QColor& color, qreal width,
                  const QString& name, bool antialiased);
    void fill(QCPCurve* curve, const std::vector<int>& trials, bool train) const;
    void markStructureChanged() { m_structureDirty = true; }

    std::map<int, Curve> m_curves;
    std::vector<int> m_best;
    int m_selected = -1;
    Series m_series = Series::Both;
    bool m_singleTrial = false;

    // Finished trials change rarely: their curves, and the best and selected trials' wide
    // ones, have buffered layers of their own, so a drain redraws only the running trials.
    QCPLayer* m_finishedLayer = nullptr;
    QCPLayer* m_liveLayer = nullptr;
    QCPLayer* m_highlightLayer = nullptr;
    QCPItemText* m_emptyNote = nullptr;
    std::vector<Group> m_groups;
    std::map<int, size_t> m_groupOf;
    std::map<int, size_t> m_appendedFrom; // trial -> index of its first point not drawn yet
    bool m_structureDirty = true;
    int m_fullRefreshes = 0;
    int m_layerReplots = 0;
};

} // namespace tw::widgets
