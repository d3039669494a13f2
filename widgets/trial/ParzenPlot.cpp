#include "trial/ParzenPlot.h"

#include "analysis/SlicePlot.h"

#include <algorithm>
#include <cmath>

namespace tw::widgets {

ParzenPlot::ParzenPlot(QWidget* parent) : InteractivePlot(parent)
{
    setObjectName("parzenPlot");
}

void ParzenPlot::clear()
{
    clearPanels();
    m_panels.clear();
    replot(rpQueuedReplot);
}

void ParzenPlot::setEstimators(const ParzenRebuild& rebuilt)
{
    clear();
    const std::vector<ParzenSlice> slices = rebuilt.slices();
    const int n = static_cast<int>(slices.size());
    if (n == 0)
        return;
    const int cols = columns(n);
    const QColor lColour(31, 119, 180);
    const QColor gColour(255, 127, 14);
    const QColor ratioColour(127, 127, 127);
    for (int i = 0; i < n; ++i) {
        const ParzenSlice& s = slices[static_cast<std::size_t>(i)];
        QCPAxisRect* rect = addPanel(i, n, ratioColour);
        QCPAxis* x = rect->axis(QCPAxis::atBottom);
        QCPAxis* y = rect->axis(QCPAxis::atLeft);
        QCPAxis* y2 = rect->axis(QCPAxis::atRight);
        x->setLabel(QString::fromStdString(s.param) + (s.multivariate ? tr(" (joint)") : QString()));
        const bool discrete = !s.distribution.isNumeric() || s.distribution.step() > 0;
        y->setLabel(i % cols == 0 ? (discrete ? tr("probability") : tr("density")) : QString());
        y2->setLabel(i % cols == cols - 1 || i == n - 1 ? tr("log l − log g") : QString());
        SlicePlot::setParamAxis(x, s.distribution);
        Panel p;
        p.rect = rect;
        p.l = addGraph(x, y);
        p.g = addGraph(x, y);
        p.ratio = addGraph(x, y2);
        p.l->setPen(QPen(lColour, 1.8));
        p.g->setPen(QPen(gColour, 1.8));
        p.ratio->setPen(QPen(ratioColour, 1.0, Qt::DashLine));
        QColor fill = lColour;
        fill.setAlpha(40);
        p.l->setBrush(fill);
        const QCPGraph::LineStyle style = s.distribution.isNumeric() ? QCPGraph::lsLine : QCPGraph::lsStepCenter;
        for (QCPGraph* g : {p.l, p.g, p.ratio})
            g->setLineStyle(style);
        for (std::size_t k = 0; k < s.x.size(); ++k) {
            p.l->addData(s.x[k], s.l[k]);
            p.g->addData(s.x[k], s.g[k]);
            if (std::isfinite(s.ratio[k]))
                p.ratio->addData(s.x[k], s.ratio[k]);
        }
        // The rug: the good trials above the axis, the others on it.
        p.above = addGraph(x, y);
        p.above->setLineStyle(QCPGraph::lsNone);
        p.above->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssPlus, gColour, 6));
        for (double v : s.aboveX)
            p.above->addData(v, 0.0);
        p.below = addGraph(x, y);
        p.below->setLineStyle(QCPGraph::lsNone);
        p.below->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, lColour, 6));
        for (double v : s.belowX)
            p.below->addData(v, 0.0);
        markValue(rect, s.pointX, QColor(44, 160, 44));
        m_panels.push_back(p);
    }
    resetView();
}

int ParzenPlot::curvePoints(int panel) const
{
    return m_panels.at(static_cast<std::size_t>(panel)).l->dataCount();
}

int ParzenPlot::belowPoints(int panel) const
{
    return m_panels.at(static_cast<std::size_t>(panel)).below->dataCount();
}

int ParzenPlot::abovePoints(int panel) const
{
    return m_panels.at(static_cast<std::size_t>(panel)).above->dataCount();
}

void ParzenPlot::resetView()
{
    for (const Panel& p : m_panels) {
        QCPAxis* x = p.rect->axis(QCPAxis::atBottom);
        QCPAxis* y = p.rect->axis(QCPAxis::atLeft);
        bool ok = false;
        const QCPRange keys = p.l->getKeyRange(ok);
        if (ok)
            fitKeyRange(x, keys);
        // Densities from 0 (with room below for the rug) to the higher curve's top.
        double top = 0.0;
        for (QCPGraph* g : {p.l, p.g}) {
            bool has = false;
            const QCPRange r = g->getValueRange(has);
            if (has)
                top = std::max(top, r.upper);
        }
        if (!(top > 0.0))
            top = 1.0;
        y->setRange(-0.06 * top, 1.06 * top);
        bool hasRatio = false;
        const QCPRange ratio = p.ratio->getValueRange(hasRatio);
        if (hasRatio) {
            const double pad = ratio.size() > 0 ? ratio.size() * 0.06 : 0.5;
            p.ratio->valueAxis()->setRange(ratio.lower - pad, ratio.upper + pad);
        }
    }
    replot(rpQueuedReplot);
}

} // namespace tw::widgets
