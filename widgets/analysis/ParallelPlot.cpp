#include "analysis/ParallelPlot.h"
#include "analysis/SlicePlot.h"
#include "common/ValueGradient.h"

#include <QMouseEvent>

#include <cmath>

namespace tw::widgets {

namespace {

QString formatValue(double v)
{
    return QString::number(v, 'g', 4);
}

// The label of unit position u on an axis (its low and high ends, a choice's name).
QString endLabel(const ParallelAxis& axis, double u)
{
    return formatValue(axis.distribution.fromUnit(u));
}

} // namespace

ParallelPlot::ParallelPlot(QWidget* parent) : InteractivePlot(parent)
{
    setObjectName("parallelPlot");
    setInteractions({});  // drags brush instead of panning
    yAxis->setVisible(false);
    yAxis->grid()->setVisible(false);
    xAxis->grid()->setVisible(false);
    m_dimmed = new QCPCurve(xAxis, yAxis);
    m_dimmed->setPen(QPen(QColor(160, 160, 160, 60), 1));
    QCPColorGradient gradient = ValueGradient::gradient();  // color() is not const
    for (int b = 0; b < kColourBins; ++b) {
        auto* c = new QCPCurve(xAxis, yAxis);
        QColor col = gradient.color(b + 0.5, QCPRange(0, kColourBins));
        col.setAlpha(150);
        c->setPen(QPen(col, 1.2));
        m_bins.push_back(c);
    }
}

void ParallelPlot::setData(const ParallelCoordinates& data)
{
    m_data = data;
    for (auto it = m_brushes.begin(); it != m_brushes.end();)
        it = it->first < axisCount() ? std::next(it) : m_brushes.erase(it);
    for (QCPAbstractItem* item : m_axisItems)
        removeItem(item);
    m_axisItems.clear();
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    const QColor text = palette().color(QPalette::Text);
    for (int a = 0; a < axisCount(); ++a) {
        const ParallelAxis& axis = m_data.axes[static_cast<std::size_t>(a)];
        ticker->addTick(a, axis.objective ? m_valueName : QString::fromStdString(axis.name));
        auto* line = new QCPItemLine(this);
        line->start->setCoords(a, 0);
        line->end->setCoords(a, 1);
        line->setPen(QPen(text, 1.5));
        m_axisItems.push_back(line);
        std::vector<std::pair<double, QString>> labels;
        if (!axis.objective && !axis.distribution.isNumeric()) {
            const int k = axis.distribution.choiceCount();
            for (int c = 0; c < k; ++c)
                labels.emplace_back((c + 0.5) / k, SlicePlot::choiceLabel(axis.distribution.choices()[static_cast<std::size_t>(c)]));
        } else if (axis.objective) {
            labels = {{0.0, formatValue(m_data.low)}, {1.0, formatValue(m_data.high)}};
        } else {
            labels = {{0.0, endLabel(axis, 0.0)}, {1.0, endLabel(axis, 1.0)}};
        }
        for (const auto& [u, label] : labels) {
            auto* t = new QCPItemText(this);
            t->position->setCoords(a, u);
            t->setPositionAlignment(Qt::AlignLeft | Qt::AlignVCenter);
            t->setPadding(QMargins(4, 0, 0, 0));
            t->setColor(text);
            t->setText(label);
            m_axisItems.push_back(t);
        }
    }
    xAxis->setTicker(ticker);
    redraw();
    resetView();
}

bool ParallelPlot::passes(const ParallelLine& line) const
{
    if (m_visible && !m_visible->contains(line.number))
        return false;
    for (const auto& [axis, range] : m_brushes) {
        const double u = line.unit[static_cast<std::size_t>(axis)];
        if (u < range.first || u > range.second)
            return false;
    }
    return true;
}

void ParallelPlot::redraw()
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    std::vector<QVector<double>> bx(kColourBins), by(kColourBins);
    QVector<double> dx, dy;
    const double span = m_data.high - m_data.low;
    for (const ParallelLine& line : m_data.lines) {
        QVector<double>* x = &dx;
        QVector<double>* y = &dy;
        if (passes(line)) {
            const double t = span > 0 ? (line.value - m_data.low) / span : 1.0;
            const auto b = static_cast<std::size_t>(std::min(kColourBins - 1, static_cast<int>(t * kColourBins)));
            x = &bx[b];
            y = &by[b];
        }
        for (std::size_t a = 0; a < line.unit.size(); ++a) {
            *x << double(a);
            *y << line.unit[a];
        }
        *x << nan;  // a gap: the next trial's line starts afresh
        *y << nan;
    }
    QVector<double> t;
    auto fill = [&](QCPCurve* curve, const QVector<double>& x, const QVector<double>& y) {
        t.resize(x.size());
        for (int i = 0; i < x.size(); ++i)
            t[i] = i;
        curve->setData(t, x, y, true);
    };
    fill(m_dimmed, dx, dy);
    for (int b = 0; b < kColourBins; ++b)
        fill(m_bins[static_cast<std::size_t>(b)], bx[static_cast<std::size_t>(b)], by[static_cast<std::size_t>(b)]);
    // Thousands of antialiased, translucent lines take seconds to paint: beyond a few
    // hundred, thin aliased ones (the colours still tell the values apart).
    const bool many = lineCount() > kSmoothLines;
    for (QCPCurve* c : m_bins) {
        c->setAntialiased(!many);
        QPen pen = c->pen();
        pen.setWidthF(many ? 0.0 : 1.2);
        c->setPen(pen);
    }
    m_dimmed->setAntialiased(!many);
    for (QCPItemRect* r : m_brushItems)
        removeItem(r);
    m_brushItems.clear();
    for (const auto& [axis, range] : m_brushes) {
        auto* r = new QCPItemRect(this);
        r->topLeft->setCoords(axis - 0.06, range.second);
        r->bottomRight->setCoords(axis + 0.06, range.first);
        r->setPen(QPen(QColor(31, 119, 180), 1));
        r->setBrush(QColor(31, 119, 180, 50));
        m_brushItems.push_back(r);
    }
    replot(rpQueuedReplot);
}

void ParallelPlot::setBrush(int axis, std::optional<std::pair<double, double>> range)
{
    if (axis < 0 || axis >= axisCount())
        return;
    if (range)
        m_brushes[axis] = {std::min(range->first, range->second), std::max(range->first, range->second)};
    else
        m_brushes.erase(axis);
    redraw();
    emit brushChanged(brushedTrials());
}

void ParallelPlot::clearBrushes()
{
    m_brushes.clear();
    redraw();
    emit brushChanged(std::nullopt);
}

std::optional<QSet<int>> ParallelPlot::brushedTrials() const
{
    if (m_brushes.empty())
        return std::nullopt;
    QSet<int> out;
    for (const ParallelLine& line : m_data.lines) {
        bool in = true;
        for (const auto& [axis, range] : m_brushes) {
            const double u = line.unit[static_cast<std::size_t>(axis)];
            in = in && u >= range.first && u <= range.second;
        }
        if (in)
            out.insert(line.number);
    }
    return out;
}

void ParallelPlot::setVisibleTrials(const std::optional<QSet<int>>& numbers)
{
    m_visible = numbers;
    redraw();
}

int ParallelPlot::highlightedCount() const
{
    int n = 0;
    for (const ParallelLine& line : m_data.lines)
        n += passes(line) ? 1 : 0;
    return n;
}

void ParallelPlot::resetView()
{
    xAxis->setRange(-0.3, std::max(1, axisCount()) - 0.4);
    yAxis->setRange(-0.05, 1.05);
    replot(rpQueuedReplot);
}

void ParallelPlot::mousePressEvent(QMouseEvent* event)
{
    const double x = xAxis->pixelToCoord(event->position().x());
    const int axis = static_cast<int>(std::lround(x));
    if (event->button() == Qt::LeftButton && axis >= 0 && axis < axisCount() && std::abs(x - axis) < 0.15) {
        m_dragAxis = axis;
        m_dragFrom = std::clamp(yAxis->pixelToCoord(event->position().y()), 0.0, 1.0);
        return;
    }
    InteractivePlot::mousePressEvent(event);
}

void ParallelPlot::mouseMoveEvent(QMouseEvent* event)
{
    if (m_dragAxis < 0) {
        InteractivePlot::mouseMoveEvent(event);
        return;
    }
    const double to = std::clamp(yAxis->pixelToCoord(event->position().y()), 0.0, 1.0);
    m_brushes[m_dragAxis] = {std::min(m_dragFrom, to), std::max(m_dragFrom, to)};
    redraw();
}

void ParallelPlot::mouseReleaseEvent(QMouseEvent* event)
{
    if (m_dragAxis < 0) {
        InteractivePlot::mouseReleaseEvent(event);
        return;
    }
    const double to = std::clamp(yAxis->pixelToCoord(event->position().y()), 0.0, 1.0);
    const int axis = m_dragAxis;
    m_dragAxis = -1;
    if (std::abs(to - m_dragFrom) < 0.01)
        setBrush(axis, std::nullopt);  // a click clears the axis' brush
    else
        setBrush(axis, std::make_pair(m_dragFrom, to));
}

} // namespace tw::widgets
