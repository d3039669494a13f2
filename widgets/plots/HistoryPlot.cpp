#include "plots/HistoryPlot.h"

#include <QMouseEvent>
#include <QToolTip>

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
    // Below the plot, in columns: never over the data, however many studies are compared.
    axisRect()->insetLayout()->take(legend);
    plotLayout()->addElement(1, 0, legend);
    plotLayout()->setRowStretchFactor(1, 0.001);
    plotLayout()->setRowSpacing(0);
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    legend->setWrap(4);
    legend->setMargins(QMargins(4, 2, 4, 2));
    // In log scale outliers are far less disruptive, and the fences are linear: redraw.
    connect(this, &InteractivePlot::logScaleChanged, this, [this] { refresh(); });
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

void HistoryPlot::clearComparisons()
{
    if (m_series.size() > 1)
        m_series.erase(m_series.begin() + 1, m_series.end());
}

std::optional<std::pair<std::size_t, std::size_t>> HistoryPlot::nearest(const QPointF& pos, bool mainOnly) const
{
    constexpr double radius = 6.0;
    double best = radius * radius;
    std::optional<std::pair<std::size_t, std::size_t>> found;
    for (std::size_t s = 0; s < (mainOnly ? std::min<std::size_t>(1, m_series.size()) : m_series.size()); ++s)
        for (std::size_t i = 0; i < m_series[s].points.size(); ++i) {
            const Point& p = m_series[s].points[i];
            if (!std::isfinite(p.value))
                continue;
            const double dx = xAxis->coordToPixel(p.trial) - pos.x();
            const double dy = yAxis->coordToPixel(p.value) - pos.y();
            if (dx * dx + dy * dy <= best) {
                best = dx * dx + dy * dy;
                found = std::make_pair(s, i);
            }
        }
    return found;
}

QString HistoryPlot::hoverText(const QPointF& pos) const
{
    const auto at = nearest(pos, false);
    if (!at)
        return {};
    const Series& s = m_series[at->first];
    const Point& p = s.points[at->second];
    QString text = tr("trial #%1\n%2: %3").arg(p.trial).arg(yAxis->label()).arg(p.value, 0, 'g', 6);
    if (at->first > 0)
        text += tr("\n(%1)").arg(s.label);
    else if (m_describe) {
        const QString params = m_describe(p.trial);
        if (!params.isEmpty())
            text += "\n" + params;
    }
    return text;
}

int HistoryPlot::trialAt(const QPointF& pos) const
{
    const auto at = nearest(pos, true);
    return at ? m_series[at->first].points[at->second].trial : -1;
}

void HistoryPlot::mouseMoveEvent(QMouseEvent* event)
{
    InteractivePlot::mouseMoveEvent(event);
    if (event->buttons() != Qt::NoButton)
        return;
    const QString text = hoverText(event->position());
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(event->globalPosition().toPoint(), text, this);
}

void HistoryPlot::mousePressEvent(QMouseEvent* event)
{
    m_pressAt = event->position();
    InteractivePlot::mousePressEvent(event);
}

void HistoryPlot::mouseReleaseEvent(QMouseEvent* event)
{
    InteractivePlot::mouseReleaseEvent(event);
    // A click, not the end of a drag (which pans).
    if (event->button() != Qt::LeftButton || (event->position() - m_pressAt).manhattanLength() > 3)
        return;
    const int trial = trialAt(event->position());
    if (trial >= 0)
        emit trialClicked(trial);
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

std::optional<std::pair<double, double>> HistoryPlot::robustRange(std::vector<double> values)
{
    values.erase(std::remove_if(values.begin(), values.end(), [](double v) { return !std::isfinite(v); }),
                 values.end());
    if (values.size() < 5)
        return std::nullopt;
    std::sort(values.begin(), values.end());
    auto quantile = [&values](double q) {
        const double pos = q * static_cast<double>(values.size() - 1);
        const size_t i = static_cast<size_t>(pos);
        const double frac = pos - static_cast<double>(i);
        return i + 1 < values.size() ? values[i] + frac * (values[i + 1] - values[i]) : values[i];
    };
    const double q1 = quantile(0.25), q3 = quantile(0.75);
    double spread = q3 - q1;
    if (spread <= 0)
        spread = quantile(0.9) - quantile(0.1);
    if (spread <= 0)
        return std::nullopt;
    const double low = q1 - 3 * spread, high = q3 + 3 * spread;
    if (values.front() >= low && values.back() <= high)
        return std::nullopt;
    const std::pair<double, double> fitted{std::max(values.front(), low), std::min(values.back(), high)};
    // Clip only when that gives the other values at least twice the room: a moderate
    // outlier is better shown where it is.
    if (fitted.second - fitted.first > 0.5 * (values.back() - values.front()))
        return std::nullopt;
    return fitted;
}

void HistoryPlot::refresh()
{
    clearGraphs();
    std::vector<double> all;
    for (const auto& s : m_series)
        for (const auto& p : s.points)
            all.push_back(p.value);
    m_range = logScale() ? std::nullopt : robustRange(all);
    m_outside = 0;

    const QList<QColor> colors{QColor(0x1f, 0x77, 0xb4), QColor(0xd6, 0x27, 0x28),
                               QColor(0x2c, 0xa0, 0x2c), QColor(0x94, 0x67, 0xbd)};
    for (size_t i = 0; i < m_series.size(); ++i) {
        const Series& s = m_series[i];
        const QColor color = colors[static_cast<int>(i) % colors.size()];
        QVector<double> x, y;
        QVector<double> aboveX, aboveY, belowX, belowY;
        for (const auto& p : s.points) {
            x << p.trial;
            y << p.value;
            if (m_range && std::isfinite(p.value) && p.value > m_range->second) {
                aboveX << p.trial;
                aboveY << m_range->second;
            } else if (m_range && std::isfinite(p.value) && p.value < m_range->first) {
                belowX << p.trial;
                belowY << m_range->first;
            }
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
        // Values beyond the fitted range: a triangle at the edge, pointing their way.
        const auto marks = [&](const QVector<double>& mx, const QVector<double>& my,
                               QCPScatterStyle::ScatterShape shape, const QString& where) {
            if (mx.isEmpty())
                return;
            QCPGraph* g = addGraph();
            g->setName(tr("%1 %2 (%3)").arg(s.label, where).arg(mx.size()));
            g->setLineStyle(QCPGraph::lsNone);
            g->setScatterStyle(QCPScatterStyle(shape, color, color, 9));
            g->setData(mx, my, true);
            m_outside += static_cast<int>(mx.size());
        };
        marks(aboveX, aboveY, QCPScatterStyle::ssTriangle, tr("above the view"));
        marks(belowX, belowY, QCPScatterStyle::ssTriangleInverted, tr("below the view"));
    }
    resetView();
}

void HistoryPlot::resetView()
{
    InteractivePlot::resetView();
    // Room around the dots, so none sits half outside on an edge (a best-so-far line at the
    // top, the first trial on the axis).
    const QCPRange x = xAxis->range();
    xAxis->setRange(x.lower - 0.5, x.upper + 0.5);
    if (logScale())
        return;
    const QCPRange y = m_range ? QCPRange(m_range->first, m_range->second) : yAxis->range();
    const double margin = std::max(y.size(), std::abs(y.center()) * 1e-3) * 0.06;
    yAxis->setRange(y.lower - margin, y.upper + margin);
}

} // namespace tw::widgets
