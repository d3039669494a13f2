#pragma once
#include "analysis/ParzenRebuild.h"
#include "plots/InteractivePlot.h"

namespace tw::widgets {

// "Why this trial" for a TPE trial (#16 item 7): one small plot per parameter with l(x)
// (the density of the good trials) and g(x) (of the others) along it through the chosen
// point (left axis), their log ratio, which the candidates competed on (right axis), the
// trials l and g were fitted on as a rug along the bottom, and the chosen value as a
// vertical line. A categorical parameter shows a step per choice.
class ParzenPlot : public InteractivePlot {
    Q_OBJECT
public:
    explicit ParzenPlot(QWidget* parent = nullptr);

    void setEstimators(const ParzenRebuild& rebuilt);
    void clear();
    int panelCount() const { return static_cast<int>(m_panels.size()); }
    // Points drawn on panel `i`: each curve's samples, and the rug's below and above trials.
    int curvePoints(int panel) const;
    int belowPoints(int panel) const;
    int abovePoints(int panel) const;
    void resetView() override;

private:
    struct Panel {
        QCPAxisRect* rect = nullptr;
        QCPGraph* l = nullptr;
        QCPGraph* g = nullptr;
        QCPGraph* ratio = nullptr;
        QCPGraph* below = nullptr;
        QCPGraph* above = nullptr;
    };
    std::vector<Panel> m_panels;
};

} // namespace tw::widgets
