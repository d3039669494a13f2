#include "trial/WhyTrialPlot.h"

#include "analysis/SlicePlot.h"

#include <algorithm>
#include <cmath>

namespace tw::widgets {

WhyTrialPlot::WhyTrialPlot(QWidget* parent) : InteractivePlot(parent)
{
    setObjectName("whyTrialPlot");
}

void WhyTrialPlot::clear()
{
    clearPanels();
    m_panels.clear();
    replot(rpQueuedReplot);
}

void WhyTrialPlot::setSurrogate(const SurrogateRebuild& surrogate)
{
    clear();
    const std::vector<SurrogateSlice> slices = surrogate.slices();
    const auto& observed = surrogate.observed();
    const int n = static_cast<int>(slices.size());
    if (n == 0)
        return;
    const int cols = columns(n);
    const QPalette pal = palette();
    const QColor meanColour(31, 119, 180);
    const QColor acqColour(214, 39, 40);
    for (int i = 0; i < n; ++i) {
        const SurrogateSlice& s = slices[static_cast<std::size_t>(i)];
        QCPAxisRect* rect = addPanel(i, n, acqColour);
        QCPAxis* x = rect->axis(QCPAxis::atBottom);
        QCPAxis* y = rect->axis(QCPAxis::atLeft);
        QCPAxis* y2 = rect->axis(QCPAxis::atRight);
        x->setLabel(QString::fromStdString(s.param));
        y->setLabel(i % cols == 0 ? tr("GP mean ± 2σ") : QString());
        y2->setLabel(i % cols == cols - 1 || i == n - 1 ? tr("log EI") : QString());
        const Distribution& d = s.distribution;
        SlicePlot::setParamAxis(x, d);
        Panel p;
        p.rect = rect;
        auto* upper = addGraph(x, y);
        auto* lower = addGraph(x, y);
        p.mean = addGraph(x, y);
        QColor band = meanColour;
        band.setAlpha(50);
        upper->setPen(Qt::NoPen);
        lower->setPen(Qt::NoPen);
        upper->setBrush(band);
        upper->setChannelFillGraph(lower);
        p.mean->setPen(QPen(meanColour, 1.6));
        p.acquisition = addGraph(x, y2);
        p.acquisition->setPen(QPen(acqColour, 1.2, Qt::DashLine));
        const QCPGraph::LineStyle style = d.isNumeric() ? QCPGraph::lsLine : QCPGraph::lsStepCenter;
        for (QCPGraph* g : {upper, lower, p.mean, p.acquisition})
            g->setLineStyle(style);
        for (std::size_t k = 0; k < s.x.size(); ++k) {
            upper->addData(s.x[k], s.mean[k] + 2 * s.std[k]);
            lower->addData(s.x[k], s.mean[k] - 2 * s.std[k]);
            p.mean->addData(s.x[k], s.mean[k]);
            if (std::isfinite(s.acquisition[k]))
                p.acquisition->addData(s.x[k], s.acquisition[k]);
        }
        p.observed = addGraph(x, y);
        p.observed->setLineStyle(QCPGraph::lsNone);
        p.observed->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, pal.color(QPalette::Text), 5));
        for (const auto& ob : observed) {
            auto it = ob.params.find(s.param);
            if (it != ob.params.end())
                p.observed->addData(it->second, ob.target);
        }
        if (s.region) {
            // The trust region the acquisition was maximized in, shaded across the panel.
            auto* box = new QCPItemRect(this);
            box->setClipAxisRect(rect);
            box->topLeft->setTypeX(QCPItemPosition::ptPlotCoords);
            box->topLeft->setTypeY(QCPItemPosition::ptAxisRectRatio);
            box->bottomRight->setTypeX(QCPItemPosition::ptPlotCoords);
            box->bottomRight->setTypeY(QCPItemPosition::ptAxisRectRatio);
            box->topLeft->setAxes(x, y);
            box->bottomRight->setAxes(x, y);
            box->topLeft->setAxisRect(rect);
            box->bottomRight->setAxisRect(rect);
            box->topLeft->setCoords(s.region->first, 0);
            box->bottomRight->setCoords(s.region->second, 1);
            box->setPen(Qt::NoPen);
            box->setBrush(QColor(44, 160, 44, 28));
            box->setLayer("background");
        }
        markValue(rect, s.pointX, QColor(44, 160, 44));
        m_panels.push_back(p);
    }
    resetView();
}

int WhyTrialPlot::curvePoints(int panel) const
{
    return m_panels.at(static_cast<std::size_t>(panel)).mean->dataCount();
}

int WhyTrialPlot::observedPoints(int panel) const
{
    return m_panels.at(static_cast<std::size_t>(panel)).observed->dataCount();
}

void WhyTrialPlot::resetView()
{
    for (const Panel& p : m_panels) {
        QCPAxis* x = p.rect->axis(QCPAxis::atBottom);
        QCPAxis* y = p.rect->axis(QCPAxis::atLeft);
        bool ok = false;
        const QCPRange keys = p.mean->getKeyRange(ok);
        if (ok)
            fitKeyRange(x, keys);
        // The band and the projected trials on the left axis, the acquisition on the right.
        bool found = false;
        QCPRange values;
        for (QCPGraph* g : p.rect->graphs()) {
            if (g->valueAxis() != y)
                continue;
            bool has = false;
            const QCPRange r = g->getValueRange(has);
            if (!has)
                continue;
            values = found ? QCPRange(std::min(values.lower, r.lower), std::max(values.upper, r.upper)) : r;
            found = true;
        }
        if (found) {
            const double pad = values.size() > 0 ? values.size() * 0.06 : 0.5;
            y->setRange(values.lower - pad, values.upper + pad);
        }
        // Log EI falls steeply far from the data; keep its top 30 units in view so the
        // peak is not squeezed against the edge.
        bool hasAcq = false;
        const QCPRange acq = p.acquisition->getValueRange(hasAcq);
        if (hasAcq) {
            const double low = std::max(acq.lower, acq.upper - 30.0);
            const double pad = acq.upper > low ? (acq.upper - low) * 0.06 : 0.5;
            p.acquisition->valueAxis()->setRange(low - pad, acq.upper + pad);
        }
    }
    replot(rpQueuedReplot);
}

} // namespace tw::widgets
