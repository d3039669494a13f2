#pragma once
#include "analysis/EdfData.h"
#include "plots/InteractivePlot.h"

namespace tw::widgets {

// The empirical distribution of the objective: a step curve of the fraction of complete
// trials at or below each value.
class EdfPlot : public InteractivePlot {
    Q_OBJECT
public:
    explicit EdfPlot(QWidget* parent = nullptr);
    void setCurve(const EdfCurve& curve, const QString& valueName);
    int pointCount() const;

private:
    QCPGraph* m_graph = nullptr;
};

} // namespace tw::widgets
