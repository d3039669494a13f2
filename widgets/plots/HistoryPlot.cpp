#include "plots/HistoryPlot.h"

#include <algorithm>
#include <cmath>

namespace tw::widgets {

HistoryPlot::HistoryPlot(QWidget* parent)
    : InteractivePlot(parent)
{
    xAxis->setLabel(tr("trial"));
    yAxis->setLabel(tr("value"));
    legend->setVisible(true);
    legend->setFont(font());
    legend->setBrush(QBrush(palette().color(QPalette::Base)));
    legend->setTextColor(palette().color(QPalette::Text));
}

void HistoryPlot::setValueName(const QString& name)
{
    yAxis->setLabel(name);
}

void HistoryPlot::setStudy(const QString& label, StudyDirection direction, std::vector<Point> points)
{
    std::sort(points.begin(), points.end(), [](const Point& a, const Point& b) { return a.trial < b.trial; });
    for (auto& s : m_series)
        if (s.label == label) {
            s.direction = direction;
            s.points = std::move(points);
            return;
        }
    m_series.push_back({label, direction, std::move(points)});
}

void HistoryPlot::removeStudy(const QString& label)
{
    m_series.erase(std::remove_if(m_series.begin(), m_series.end(),
                                  [&](const Series& s) { return s.label == label; }),
                   m_series.end());
}

void HistoryPlot::clearStudies()
{
    m_series.clear();
}

std::vector<double> HistoryPlot::bestSoFar(const std::vector<Point>& points, StudyDirection d)
{
    std::vector<double> out;
    out.reserve(points.size());
    double best = std::nan("");
    for (const auto& p : points) {
        if (std::isfinite(p.value) && (std::isnan(best) || isBetter(d, p.value, best)))
            best = p.value;
        out.push_back(best);
    }
    return out;
}

void HistoryPlot::refresh()
{
    clearGraphs();
    const QList<QColor> colors{QColor(0x1f, 0x77, 0xb4), QColor(0xd6, 0x27, 0x28),
                               QColor(0x2c, 0xa0, 0x2c), QColor(0x94, 0x67, 0xbd)};
    for (size_t i = 0; i < m_series.size(); ++i) {
        const Series& s = m_series[i];
        const QColor color = colors[static_cast<int>(i) % colors.size()];
        QVector<double> x, y;
        for (const auto& p : s.points) {
            x << p.trial;
            y << p.value;
        }
        QCPGraph* dots = addGraph();
        dots->setName(s.label);
        dots->setLineStyle(QCPGraph::lsNone);
        QColor dotColor = color;
        dotColor.setAlphaF(0.6f);
        dots->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, dotColor, dotColor, 5));
        dots->setData(x, y, true);
        const auto best = bestSoFar(s.points, s.direction);
        QCPGraph* line = addGraph();
        line->setName(tr("%1 best so far").arg(s.label));
        line->setLineStyle(QCPGraph::lsStepLeft);
        line->setPen(QPen(color, 2));
        line->setData(x, QVector<double>(best.begin(), best.end()), true);
    }
    resetView();
}

} // namespace tw::widgets
