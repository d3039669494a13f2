#pragma once
#include "analysis/ParallelData.h"
#include "plots/InteractivePlot.h"

#include <QSet>

#include <map>
#include <optional>

namespace tw::widgets {

// Parallel coordinates: a vertical axis per parameter and one for the objective, each
// trial a line coloured by its value (dark: low, bright: high). Dragging along an axis
// brushes a range on it (a click without a drag clears it): lines outside every brush are
// dimmed and brushedTrials() says which trials pass.
class ParallelPlot : public InteractivePlot {
    Q_OBJECT
public:
    explicit ParallelPlot(QWidget* parent = nullptr);

    void setData(const ParallelCoordinates& data);
    // The objective axis' label (default "objective"), from the next setData on.
    void setValueName(const QString& name) { m_valueName = name; }
    // A brush on axis `axis` over [low, high] in unit coordinates; nullopt clears it.
    void setBrush(int axis, std::optional<std::pair<double, double>> range);
    void clearBrushes();
    // The trial numbers inside all brushes, or nullopt when nothing is brushed.
    std::optional<QSet<int>> brushedTrials() const;
    // Trials the leaderboard shows (its filter): the others are dimmed. nullopt: all.
    void setVisibleTrials(const std::optional<QSet<int>>& numbers);
    int lineCount() const { return static_cast<int>(m_data.lines.size()); }
    int highlightedCount() const;
    int axisCount() const { return static_cast<int>(m_data.axes.size()); }
    void resetView() override;

    static constexpr int kColourBins = 12;
    // Up to this many lines are drawn antialiased.
    static constexpr int kSmoothLines = 400;

signals:
    void brushChanged(const std::optional<QSet<int>>& trials);

protected:
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;

private:
    bool passes(const ParallelLine& line) const;
    void redraw();

    ParallelCoordinates m_data;
    std::map<int, std::pair<double, double>> m_brushes;
    std::optional<QSet<int>> m_visible;
    std::vector<QCPCurve*> m_bins;
    QCPCurve* m_dimmed = nullptr;
    std::vector<QCPItemRect*> m_brushItems;
    std::vector<QCPAbstractItem*> m_axisItems;
    QString m_valueName = QStringLiteral("objective");
    int m_dragAxis = -1;
    double m_dragFrom = 0.0;
};

} // namespace tw::widgets
