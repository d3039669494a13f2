#include "analysis/ContourPlot.h"
#include "analysis/SlicePlot.h"

namespace tw::widgets {

ContourPlot::ContourPlot(QWidget* parent) : InteractivePlot(parent)
{
    setObjectName("contourPlot");
    plotLayout()->insertRow(0);
    m_title = new QCPTextElement(this, QString(), QFont(font().family(), font().pointSize(), QFont::Bold));
    m_title->setTextColor(palette().color(QPalette::Text));
    plotLayout()->addElement(0, 0, m_title);
    m_map = new QCPColorMap(xAxis, yAxis);
    m_map->setInterpolate(true);
    m_scale = new QCPColorScale(this);
    m_scale->setType(QCPAxis::atRight);
    m_scale->axis()->setTickLabelColor(palette().color(QPalette::Text));
    m_scale->axis()->setLabelColor(palette().color(QPalette::Text));
    m_scale->axis()->setBasePen(QPen(palette().color(QPalette::Text)));
    m_scale->axis()->setTickPen(QPen(palette().color(QPalette::Text)));
    plotLayout()->addElement(1, 1, m_scale);
    m_map->setColorScale(m_scale);
    m_map->setGradient(QCPColorGradient(QCPColorGradient::gpThermal));
    // The scale as tall as the plot's own axis rect.
    auto* group = new QCPMarginGroup(this);
    axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, group);
    m_scale->setMarginGroup(QCP::msBottom | QCP::msTop, group);
    m_points = addGraph();
    m_points->setLineStyle(QCPGraph::lsNone);
    m_points->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(Qt::white, 1.2),
                                              QBrush(QColor(20, 20, 20, 200)), 6));
    m_points->setName(tr("trials"));
}

void ContourPlot::setSurface(const ContourSurface& s, const QString& valueName)
{
    m_scale->axis()->setLabel(valueName);
    QVector<double> px, py;
    for (std::size_t i = 0; i < s.px.size(); ++i) {
        px << s.px[i];
        py << s.py[i];
    }
    m_points->setData(px, py);
    xAxis->setLabel(QString::fromStdString(s.xParam));
    yAxis->setLabel(QString::fromStdString(s.yParam));
    if (!s.ok()) {
        m_map->data()->clear();
        m_map->setVisible(false);
        m_title->setText(QString::fromStdString(s.error));
        if (s.px.empty())
            m_points->data()->clear();
        resetView();
        return;
    }
    SlicePlot::setParamAxis(xAxis, s.xDist);
    SlicePlot::setParamAxis(yAxis, s.yDist);
    m_map->setVisible(true);
    auto* data = new QCPColorMapData(s.nx, s.ny, QCPRange(s.xCentre.front(), s.xCentre.back()),
                                     QCPRange(s.yCentre.front(), s.yCentre.back()));
    for (int j = 0; j < s.ny; ++j)
        for (int i = 0; i < s.nx; ++i)
            data->setCell(i, j, s.z[static_cast<std::size_t>(j * s.nx + i)]);
    m_map->setData(data, false);
    m_map->rescaleDataRange(true);
    m_title->setText(tr("Gaussian-process mean of %1 over %2 and %3 (fitted to %4 trials)")
                         .arg(valueName, QString::fromStdString(s.xParam), QString::fromStdString(s.yParam))
                         .arg(s.fitted));
    resetView();
}

int ContourPlot::cellCount() const
{
    if (!m_map->visible())
        return 0;
    return m_map->data()->keySize() * m_map->data()->valueSize();
}

int ContourPlot::pointCount() const
{
    return m_points->dataCount();
}

QString ContourPlot::title() const
{
    return m_title->text();
}

void ContourPlot::resetView()
{
    if (m_map->visible() && cellCount() > 0) {
        // The whole box: the first and last cells' outer edges.
        const QCPRange kr = m_map->data()->keyRange();
        const QCPRange vr = m_map->data()->valueRange();
        const int nx = m_map->data()->keySize(), ny = m_map->data()->valueSize();
        auto widen = [](QCPAxis* axis, QCPRange r, int n) {
            if (axis->scaleType() == QCPAxis::stLogarithmic) {
                const double f = std::pow(r.upper / r.lower, 0.5 / std::max(1, n - 1));
                axis->setRange(r.lower / f, r.upper * f);
            } else {
                const double h = r.size() / std::max(1, n - 1) / 2;
                axis->setRange(r.lower - h, r.upper + h);
            }
        };
        widen(xAxis, kr, nx);
        widen(yAxis, vr, ny);
        replot(rpQueuedReplot);
        return;
    }
    InteractivePlot::resetView();
}

} // namespace tw::widgets
