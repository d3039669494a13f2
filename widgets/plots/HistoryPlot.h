#pragma once
#include "core/StudyDirection.h"
#include "plots/InteractivePlot.h"

#include <QPointF>
#include <QString>

#include <functional>
#include <optional>
#include <utility>
#include <vector>

namespace tw::widgets {

// The optimization history: each finished trial's value against its number, and the
// best-so-far line. Several studies can share the plot, to compare them. One diverged
// trial must not squeeze the others into a flat line: the value axis is fitted to the
// values within far-out fences (robustRange), and each value beyond them is marked by a
// triangle at the edge of the view, pointing its way (its dot is still drawn, off view).
// Hovering a dot tells its trial, value and (through the describer) params; clicking one
// of the main study's dots emits trialClicked. The legend sits below the plot, out of
// the data.
class HistoryPlot : public InteractivePlot {
    Q_OBJECT
public:
    struct Point {
        int trial = 0;
        double value = 0;
    };

    explicit HistoryPlot(QWidget* parent = nullptr);

    void setValueName(const QString& name);
    // Replaces the study drawn under `label` (the first one is the main study).
    void setStudy(const QString& label, StudyDirection direction, std::vector<Point> points);
    void removeStudy(const QString& label);
    void clearStudies();
    // Removes every study but the main one (Study > Clear comparison).
    void clearComparisons();
    int studyCount() const { return static_cast<int>(m_series.size()); }
    // The text under a trial's value in the hover text (its params), by trial number.
    void setTrialDescriber(std::function<QString(int trial)> describe) { m_describe = std::move(describe); }
    // The hover text at pixel pos (trial, value, params of the nearest dot within a few
    // pixels), empty when none is near.
    QString hoverText(const QPointF& pos) const;
    // The main study's trial whose dot is within a few pixels of pos, or -1.
    int trialAt(const QPointF& pos) const;
    void refresh();

    // Best-so-far values for points in trial order.
    static std::vector<double> bestSoFar(const std::vector<Point>& points, StudyDirection d);
    // The value range to show when some values lie far out: Tukey's far-out fences (3
    // interquartile ranges beyond the quartiles; the 10-90 % range when the quartiles are
    // equal) clipped to the data. nullopt when no value is that far out, when clipping
    // would not at least halve the range, or with fewer than 5 finite values.
    static std::optional<std::pair<double, double>> robustRange(std::vector<double> values);
    // How many values lie outside the fitted range (marked at its edges).
    int outsideCount() const { return m_outside; }
    void resetView() override;

signals:
    void trialClicked(int trial);

protected:
    void mouseMoveEvent(QMouseEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;

private:
    // The series and point index of the dot nearest pos within `radius` pixels.
    std::optional<std::pair<std::size_t, std::size_t>> nearest(const QPointF& pos, bool mainOnly) const;

    struct Series {
        QString label;
        StudyDirection direction = StudyDirection::Minimize;
        std::vector<Point> points;
    };
    std::vector<Series> m_series;
    std::optional<std::pair<double, double>> m_range;
    int m_outside = 0;
    std::function<QString(int)> m_describe;
    QPointF m_pressAt;
};

} // namespace tw::widgets
