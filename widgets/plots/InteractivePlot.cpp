#include "plots/InteractivePlot.h"

#include <QFileDialog>
#include <QMenu>
#include <QMessageBox>

namespace tw::widgets {

InteractivePlot::InteractivePlot(QWidget* parent)
    : QCustomPlot(parent)
{
    setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    setNoAntialiasingOnDrag(true);
    setMinimumSize(240, 180);
    // Follow the system palette, so a dark theme reads right without custom styling.
    const QPalette pal = palette();
    setBackground(pal.brush(QPalette::Base));
    for (QCPAxis* axis : {xAxis, yAxis})
        styleAxis(axis, pal);
}

void InteractivePlot::styleAxis(QCPAxis* axis, const QPalette& pal)
{
    axis->setBasePen(QPen(pal.color(QPalette::Text)));
    axis->setTickPen(QPen(pal.color(QPalette::Text)));
    axis->setSubTickPen(QPen(pal.color(QPalette::Text)));
    axis->setTickLabelColor(pal.color(QPalette::Text));
    axis->setLabelColor(pal.color(QPalette::Text));
    axis->grid()->setPen(QPen(pal.color(QPalette::Mid), 0, Qt::DotLine));
}

void InteractivePlot::fitKeyRange(QCPAxis* axis, const QCPRange& keys)
{
    if (axis->scaleType() == QCPAxis::stLogarithmic) {
        axis->setRange(keys.lower / 1.1, keys.upper * 1.1);
    } else {
        const double pad = keys.size() > 0 ? keys.size() * 0.04 : 0.5;
        axis->setRange(keys.lower - pad, keys.upper + pad);
    }
}

void InteractivePlot::clearPanels()
{
    clearItems();
    clearPlottables();
    QCPAxisRect* main = axisRect(0);
    plotLayout()->take(main);
    plotLayout()->clear();
    plotLayout()->addElement(0, 0, main);
}

int InteractivePlot::columns(int count)
{
    return count <= 2 ? count : count <= 4 ? 2 : count <= 9 ? 3 : 4;
}

QCPAxisRect* InteractivePlot::addPanel(int index, int count, const QColor& rightColour)
{
    const int cols = columns(count);
    QCPAxisRect* rect = index == 0 ? axisRect(0) : new QCPAxisRect(this);
    if (index > 0)
        plotLayout()->addElement(index / cols, index % cols, rect);
    QCPAxis* y2 = rect->axis(QCPAxis::atRight);
    y2->setVisible(true);
    for (QCPAxis* a : {rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft), y2})
        styleAxis(a, palette());
    y2->grid()->setVisible(false);
    y2->setTickLabelColor(rightColour);
    y2->setLabelColor(rightColour);
    return rect;
}

void InteractivePlot::markValue(QCPAxisRect* rect, double value, const QColor& colour)
{
    auto* line = new QCPItemStraightLine(this);
    line->setClipAxisRect(rect);
    for (QCPItemPosition* p : {line->point1, line->point2})
        p->setAxes(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    line->point1->setCoords(value, 0);
    line->point2->setCoords(value, 1);
    line->setPen(QPen(colour, 2));
}

void InteractivePlot::setLogScale(bool on)
{
    if (on == m_log)
        return;
    m_log = on;
    if (on) {
        yAxis->setScaleType(QCPAxis::stLogarithmic);
        yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
    } else {
        yAxis->setScaleType(QCPAxis::stLinear);
        yAxis->setTicker(QSharedPointer<QCPAxisTicker>::create());
    }
    resetView();
    emit logScaleChanged(on);
}

void InteractivePlot::resetView()
{
    rescaleAxes(true);
    if (m_log && yAxis->range().lower <= 0)
        yAxis->setRangeLower(yAxis->range().upper > 1e-8 ? yAxis->range().upper * 1e-4 : 1e-8);
    replot(rpQueuedReplot);
}

bool InteractivePlot::saveTo(const QString& fileName)
{
    if (fileName.endsWith(".pdf", Qt::CaseInsensitive))
        return savePdf(fileName);
    return savePng(fileName, 0, 0, 2.0);
}

void InteractivePlot::mouseDoubleClickEvent(QMouseEvent* event)
{
    QCustomPlot::mouseDoubleClickEvent(event);
    resetView();
}

void InteractivePlot::contextMenuEvent(QContextMenuEvent* event)
{
    QMenu menu(this);
    menu.addAction(tr("Reset view"), this, &InteractivePlot::resetView);
    QAction* log = menu.addAction(tr("Log scale"));
    log->setCheckable(true);
    log->setChecked(m_log);
    connect(log, &QAction::toggled, this, &InteractivePlot::setLogScale);
    addContextActions(&menu);
    menu.addSeparator();
    menu.addAction(tr("Save as PNG or PDF…"), this, [this] {
        const QString file = QFileDialog::getSaveFileName(this, tr("Save plot"), QString(),
                                                          tr("PNG image (*.png);;PDF document (*.pdf)"));
        if (file.isEmpty())
            return;
        if (!saveTo(file))
            QMessageBox::warning(this, tr("Save plot"), tr("Could not write %1.").arg(file));
    });
    menu.exec(event->globalPos());
}

} // namespace tw::widgets
