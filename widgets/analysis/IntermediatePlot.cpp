#include "analysis/IntermediatePlot.h"

namespace tw::widgets {

IntermediatePlot::IntermediatePlot(QWidget* parent) : InteractivePlot(parent)
{
    setObjectName("intermediatePlot");
    xAxis->setLabel(tr("step"));
    m_pruned = new QCPCurve(xAxis, yAxis);
    m_pruned->setPen(QPen(QColor(160, 160, 160, 110), 1));
    m_pruned->setName(tr("pruned"));
    m_active = new QCPCurve(xAxis, yAxis);
    m_active->setPen(QPen(QColor(31, 119, 180, 170), 1.3));
    m_active->setName(tr("other trials"));
    legend->setVisible(true);
}

void IntermediatePlot::setCurves(const std::vector<IntermediateCurve>& curves, const QString& valueName)
{
    const double nan = std::numeric_limits<double>::quiet_NaN();
    QVector<double> at, ax, ay, pt, px, py;
    for (const IntermediateCurve& c : curves) {
        const bool pruned = c.state == TrialState::Pruned;
        auto& t = pruned ? pt : at;
        auto& x = pruned ? px : ax;
        auto& y = pruned ? py : ay;
        for (std::size_t i = 0; i < c.step.size(); ++i) {
            t << t.size();
            x << c.step[i];
            y << c.value[i];
        }
        t << t.size();
        x << nan;
        y << nan;
    }
    m_pruned->setData(pt, px, py, true);
    m_active->setData(at, ax, ay, true);
    m_curveCount = static_cast<int>(curves.size());
    // As in the parallel coordinates: many translucent antialiased curves paint slowly.
    const bool many = m_curveCount > 400;
    for (QCPCurve* c : {m_pruned, m_active}) {
        c->setAntialiased(!many);
        QPen pen = c->pen();
        pen.setWidthF(many ? 0.0 : (c == m_active ? 1.3 : 1.0));
        c->setPen(pen);
    }
    yAxis->setLabel(valueName);
    resetView();
}

} // namespace tw::widgets
