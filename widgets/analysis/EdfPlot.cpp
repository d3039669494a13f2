#include "analysis/EdfPlot.h"

namespace tw::widgets {

EdfPlot::EdfPlot(QWidget* parent) : InteractivePlot(parent)
{
    setObjectName("edfPlot");
    m_graph = addGraph();
    m_graph->setLineStyle(QCPGraph::lsStepLeft);
    m_graph->setPen(QPen(QColor(31, 119, 180), 2));
    yAxis->setLabel(tr("fraction of complete trials"));
    yAxis->setRange(0, 1.02);
}

void EdfPlot::setCurve(const EdfCurve& curve, const QString& valueName)
{
    QVector<double> x, y;
    if (!curve.value.empty()) {
        x << curve.value.front();
        y << 0.0;  // the rise at the lowest value
    }
    for (std::size_t i = 0; i < curve.value.size(); ++i) {
        x << curve.value[i];
        y << curve.fraction[i];
    }
    m_graph->setData(x, y, true);
    xAxis->setLabel(valueName);
    resetView();
    yAxis->setRange(0, 1.02);
    replot(rpQueuedReplot);
}

int EdfPlot::pointCount() const
{
    return m_graph->dataCount() > 0 ? m_graph->dataCount() - 1 : 0;
}

} // namespace tw::widgets
