#pragma once
#include "analysis/SliceData.h"
#include "plots/InteractivePlot.h"

namespace tw::widgets {

// The slice view: the objective against each parameter, one small plot per parameter in a
// grid (log axis for log parameters, the choices as ticks for categoricals), points
// coloured by trial number (early: dark, late: bright).
class SlicePlot : public InteractivePlot {
    Q_OBJECT
public:
    explicit SlicePlot(QWidget* parent = nullptr);

    void setSlices(const std::vector<ParamSlice>& slices, const QString& valueName);
    int panelCount() const { return static_cast<int>(m_panels.size()); }
    int pointCount() const;
    void resetView() override;

    static constexpr int kColourBins = 8;
    // A choice's JSON text as a label: a string without its quotes, anything else as is.
    static QString choiceLabel(const std::string& json);
    // A parameter's axis: linear, logarithmic for a log parameter, a categorical's
    // choices as text ticks at 0, 1, ...
    static void setParamAxis(QCPAxis* axis, const Distribution& d);

private:
    std::vector<QCPAxisRect*> m_panels;
};

} // namespace tw::widgets
