#pragma once
#include "analysis/IntermediateData.h"
#include "plots/InteractivePlot.h"

namespace tw::widgets {

// Intermediate values: each trial's reported metric by step, pruned trials dimmed.
class IntermediatePlot : public InteractivePlot {
    Q_OBJECT
public:
    explicit IntermediatePlot(QWidget* parent = nullptr);
    void setCurves(const std::vector<IntermediateCurve>& curves, const QString& valueName);
    int curveCount() const { return m_curveCount; }

private:
    QCPCurve* m_active = nullptr;
    QCPCurve* m_pruned = nullptr;
    int m_curveCount = 0;
};

} // namespace tw::widgets
