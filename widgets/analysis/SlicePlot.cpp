#include "analysis/SlicePlot.h"

#include "common/ValueGradient.h"

#include <cmath>

namespace tw::widgets {

QString SlicePlot::choiceLabel(const std::string& json)
{
    QString text = QString::fromStdString(json);
    if (text.size() >= 2 && text.startsWith('"') && text.endsWith('"'))
        text = text.mid(1, text.size() - 2);
    return text;
}

void SlicePlot::setParamAxis(QCPAxis* axis, const Distribution& d)
{
    axis->setScaleType(QCPAxis::stLinear);
    axis->setTicker(QSharedPointer<QCPAxisTicker>::create());
    if (d.isNumeric() && d.isLog()) {
        axis->setScaleType(QCPAxis::stLogarithmic);
        axis->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
    } else if (!d.isNumeric()) {
        auto ticker = QSharedPointer<QCPAxisTickerText>::create();
        for (int c = 0; c < d.choiceCount(); ++c)
            ticker->addTick(c, choiceLabel(d.choices()[static_cast<std::size_t>(c)]));
        axis->setTicker(ticker);
    }
}

SlicePlot::SlicePlot(QWidget* parent) : InteractivePlot(parent)
{
    setObjectName("slicePlot");
}

void SlicePlot::setSlices(const std::vector<ParamSlice>& slices, const QString& valueName)
{
    clearPlottables();
    // The first panel is the plot's own axis rect (xAxis, yAxis stay valid for the
    // context menu's log switch); the others are made anew each time.
    QCPAxisRect* main = axisRect(0);
    plotLayout()->take(main);
    plotLayout()->clear();
    plotLayout()->addElement(0, 0, main);
    m_panels.clear();
    if (slices.empty()) {
        replot(rpQueuedReplot);
        return;
    }
    const int n = static_cast<int>(slices.size());
    const int cols = n <= 2 ? n : n <= 4 ? 2 : n <= 9 ? 3 : 4;
    int lo = 0, hi = 1;
    bool first = true;
    for (const auto& s : slices)
        for (int num : s.number) {
            lo = first ? num : std::min(lo, num);
            hi = first ? num : std::max(hi, num);
            first = false;
        }
    QCPColorGradient gradient = ValueGradient::gradient();  // color() is not const
    const QPalette pal = palette();
    for (int i = 0; i < n; ++i) {
        const ParamSlice& s = slices[static_cast<std::size_t>(i)];
        QCPAxisRect* rect = i == 0 ? main : new QCPAxisRect(this);
        if (i > 0)
            plotLayout()->addElement(i / cols, i % cols, rect);
        m_panels.push_back(rect);
        QCPAxis* x = rect->axis(QCPAxis::atBottom);
        QCPAxis* y = rect->axis(QCPAxis::atLeft);
        styleAxis(x, pal);
        styleAxis(y, pal);
        x->setLabel(QString::fromStdString(s.param));
        y->setLabel(i % cols == 0 ? valueName : QString());
        setParamAxis(x, s.distribution);
        std::vector<QCPGraph*> bins;
        for (int b = 0; b < kColourBins; ++b) {
            auto* g = addGraph(x, y);
            g->setLineStyle(QCPGraph::lsNone);
            const QColor c = gradient.color(b + 0.5, QCPRange(0, kColourBins));
            g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, c, c, 5));
            bins.push_back(g);
        }
        for (std::size_t k = 0; k < s.x.size(); ++k) {
            const double t = hi > lo ? double(s.number[k] - lo) / double(hi - lo) : 1.0;
            const int b = std::min(kColourBins - 1, static_cast<int>(t * kColourBins));
            bins[static_cast<std::size_t>(b)]->addData(s.x[k], s.value[k]);
        }
    }
    resetView();
}

int SlicePlot::pointCount() const
{
    int n = 0;
    for (int i = 0; i < graphCount(); ++i)
        n += graph(i)->dataCount();
    return n;
}

void SlicePlot::resetView()
{
    for (QCPAxisRect* rect : m_panels) {
        bool found = false;
        QCPRange xr, yr;
        for (QCPGraph* g : rect->graphs()) {
            bool ok = false;
            const QCPRange gx = g->getKeyRange(ok, QCP::sdBoth);
            if (!ok)
                continue;
            const QCPRange gy = g->getValueRange(ok, QCP::sdBoth);
            xr = found ? QCPRange(std::min(xr.lower, gx.lower), std::max(xr.upper, gx.upper)) : gx;
            yr = found ? QCPRange(std::min(yr.lower, gy.lower), std::max(yr.upper, gy.upper)) : gy;
            found = true;
        }
        if (!found)
            continue;
        QCPAxis* x = rect->axis(QCPAxis::atBottom);
        QCPAxis* y = rect->axis(QCPAxis::atLeft);
        if (x->scaleType() == QCPAxis::stLogarithmic)
            x->setRange(xr.lower / 1.3, xr.upper * 1.3);
        else {
            const double pad = xr.size() > 0 ? xr.size() * 0.06 : 0.5;
            x->setRange(xr.lower - pad, xr.upper + pad);
        }
        const double pad = yr.size() > 0 ? yr.size() * 0.06 : 0.5;
        y->setRange(yr.lower - pad, yr.upper + pad);
    }
    replot(rpQueuedReplot);
}

} // namespace tw::widgets
