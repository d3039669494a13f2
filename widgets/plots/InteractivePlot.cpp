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
