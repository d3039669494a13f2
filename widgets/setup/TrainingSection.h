#pragma once
#include "setup/SpecSection.h"

namespace tw::widgets {

// `objective.training`: the optimizer and its settings, the training loop, the
// learning-rate schedule and early stopping. Rows that only one optimizer, loss or
// schedule type reads are shown only for it.
class TrainingSection : public SpecSection {
    Q_OBJECT
public:
    TrainingSection(SpecDocument* doc, QWidget* parent = nullptr);
    void refresh() override;

private:
    QFormLayout* m_optimizerForm;
    QFormLayout* m_loopForm;
    QFormLayout* m_scheduleForm;
    SpecField* m_optimizer;
    SpecField* m_momentum;
    SpecField* m_beta1;
    SpecField* m_beta2;
    SpecField* m_loss;
    SpecField* m_labelSmoothing;
    SpecField* m_huberDelta;
    SpecField* m_scheduleType;
    SpecField* m_stepSize;
    SpecField* m_gamma;
    SpecField* m_minLr;
    SpecField* m_factor;
    SpecField* m_patience;
    SpecField* m_earlyStopping;
    QList<SpecField*> m_earlyStoppingFields;
};

} // namespace tw::widgets
