#pragma once
#include "analysis/ParamImportance.h"
#include "plots/InteractivePlot.h"

namespace tw::widgets {

// Parameter importance as horizontal bars, highest on top, each with its value; the title
// says the evaluator and how many trials it was computed over. Draws the result it is
// given (engine/analysis computes it).
class ImportancePlot : public InteractivePlot {
    Q_OBJECT
public:
    explicit ImportancePlot(QWidget* parent = nullptr);

    void setResult(const ParamImportanceResult& result);
    // Shown instead of bars (too few trials, a constant objective, "computing…").
    void setMessage(const QString& text);
    QString title() const;
    int barCount() const;
    void resetView() override;

private:
    QCPBars* m_bars = nullptr;
    QCPTextElement* m_title = nullptr;
    std::vector<QCPItemText*> m_labels;
};

} // namespace tw::widgets
