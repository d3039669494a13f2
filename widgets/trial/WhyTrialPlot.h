#pragma once
#include "analysis/SurrogateRebuild.h"
#include "plots/InteractivePlot.h"

namespace tw::widgets {

// "Why this trial" (#16 item 7): one small plot per parameter, cutting the GP surrogate a
// trial was suggested from along that parameter through the chosen point: the posterior
// mean with a ±2σ band (left axis, the transformed objective: lower is better), the
// acquisition (right axis), the trials the GP was fitted on projected onto the parameter,
// and the chosen value as a vertical line.
class WhyTrialPlot : public InteractivePlot {
    Q_OBJECT
public:
    explicit WhyTrialPlot(QWidget* parent = nullptr);

    void setSurrogate(const SurrogateRebuild& surrogate);
    void clear();
    int panelCount() const { return static_cast<int>(m_panels.size()); }
    // Points drawn on panel `i`: the curve samples and the projected trials.
    int curvePoints(int panel) const;
    int observedPoints(int panel) const;
    void resetView() override;

private:
    struct Panel {
        QCPAxisRect* rect = nullptr;
        QCPGraph* mean = nullptr;
        QCPGraph* acquisition = nullptr;
        QCPGraph* observed = nullptr;
    };
    std::vector<Panel> m_panels;
};

} // namespace tw::widgets
