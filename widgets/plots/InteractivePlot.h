#pragma once
#include <qcustomplot.h>

namespace tw::widgets {

// The habits every plot shares: wheel zoom, drag to pan, double-click to reset the view,
// right-click to save as PNG or PDF, and a log-scale switch for the value axis.
class InteractivePlot : public QCustomPlot {
    Q_OBJECT
public:
    explicit InteractivePlot(QWidget* parent = nullptr);

    void setLogScale(bool on);
    bool logScale() const { return m_log; }
    // Saves by extension (.png or .pdf); false with nothing written on failure.
    bool saveTo(const QString& fileName);
    // Fits the axes to the data (the double-click action).
    virtual void resetView();
    // An axis in the palette's colours (text-coloured lines and labels, a dotted grid in
    // the mid tone): what every plot's axes look like, also those of extra axis rects.
    static void styleAxis(QCPAxis* axis, const QPalette& pal);
    // A parameter axis's range over `keys` with a margin (a factor on a log axis).
    static void fitKeyRange(QCPAxis* axis, const QCPRange& keys);

signals:
    void logScaleChanged(bool on);

protected:
    // Removes every plottable and item and every axis rect but the plot's own (panel plots
    // make the others anew; the first keeps xAxis and yAxis valid for the context menu).
    void clearPanels();
    // Panel `index` of `count` in a grid (up to 4 columns; the first is the plot's own axis
    // rect), its bottom, left and right axes styled, the right one in `rightColour` and
    // without a grid. columns(): the grid's width for `count` panels.
    QCPAxisRect* addPanel(int index, int count, const QColor& rightColour);
    static int columns(int count);
    // A vertical line at x = `value` across the panel (the chosen value of "why this trial").
    void markValue(QCPAxisRect* rect, double value, const QColor& colour);
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;
    // Room for subclasses' own entries in the context menu.
    virtual void addContextActions(QMenu* menu) { Q_UNUSED(menu); }

private:
    bool m_log = false;
};

} // namespace tw::widgets
