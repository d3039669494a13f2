#pragma once
#include "analysis/ContourData.h"
#include "plots/InteractivePlot.h"

namespace tw::widgets {

// The contour view: the surface engine/analysis fits over two parameters (a Gaussian
// process mean, see ContourData) as a colour map with its scale, and the complete trials
// as points on it (log axes for log parameters, the choices as ticks for categoricals).
class ContourPlot : public InteractivePlot {
    Q_OBJECT
public:
    explicit ContourPlot(QWidget* parent = nullptr);

    void setSurface(const ContourSurface& surface, const QString& valueName);
    int cellCount() const;   // the surface's cells (0: none drawn)
    int pointCount() const;  // trials drawn
    QString title() const;
    void resetView() override;

private:
    QCPColorMap* m_map = nullptr;
    QCPColorScale* m_scale = nullptr;
    QCPGraph* m_points = nullptr;
    QCPTextElement* m_title = nullptr;
};

} // namespace tw::widgets
