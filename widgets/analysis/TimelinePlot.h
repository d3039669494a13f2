#pragma once
#include "analysis/TimelineData.h"
#include "plots/InteractivePlot.h"

#include <map>

namespace tw::widgets {

// The timeline: each trial a bar from its start to its end on its worker's (or overlap
// lane's) row, coloured by state (StateColors).
class TimelinePlot : public InteractivePlot {
    Q_OBJECT
public:
    explicit TimelinePlot(QWidget* parent = nullptr);
    void setTimeline(const Timeline& timeline);
    int barCount() const { return m_barCount; }

private:
    std::map<TrialState, QCPGraph*> m_byState;
    int m_barCount = 0;
};

} // namespace tw::widgets
