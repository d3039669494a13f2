#include "analysis/TimelinePlot.h"
#include "common/StateColors.h"

namespace tw::widgets {

TimelinePlot::TimelinePlot(QWidget* parent) : InteractivePlot(parent)
{
    setObjectName("timelinePlot");
    xAxis->setLabel(tr("seconds since the first trial started"));
    legend->setVisible(true);
    axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
    for (TrialState s : {TrialState::Complete, TrialState::Pruned, TrialState::Failed, TrialState::Running}) {
        auto* g = addGraph();
        QColor c = StateColors::color(s);
        g->setPen(QPen(c, 6, Qt::SolidLine, Qt::FlatCap));
        g->setLineStyle(QCPGraph::lsLine);
        g->setName(QString::fromUtf8(toString(s).data()));
        m_byState[s] = g;
    }
}

void TimelinePlot::setTimeline(const Timeline& timeline)
{
    // Each bar is a thick line segment: start and end at the lane's height, then a gap.
    const double nan = std::numeric_limits<double>::quiet_NaN();
    std::map<TrialState, QVector<QCPGraphData>> data;
    for (const TimelineBar& b : timeline.bars) {
        auto state = m_byState.count(b.state) ? b.state : TrialState::Running;
        auto& d = data[state];
        const double end = b.end > b.start ? b.end : b.start + 1e-3;
        d << QCPGraphData(b.start, b.lane) << QCPGraphData(end, b.lane) << QCPGraphData(end + 1e-9, nan);
    }
    m_barCount = static_cast<int>(timeline.bars.size());
    for (auto& [state, graph] : m_byState) {
        auto it = data.find(state);
        graph->data()->set(it == data.end() ? QVector<QCPGraphData>{} : it->second, false);
    }
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    for (std::size_t i = 0; i < timeline.lanes.size(); ++i)
        ticker->addTick(double(i), QString::fromStdString(timeline.lanes[i]));
    yAxis->setTicker(ticker);
    rescaleAxes();
    yAxis->setRange(-0.7, std::max<double>(1.0, double(timeline.lanes.size())) - 0.3);
    replot(rpQueuedReplot);
}

} // namespace tw::widgets
