#pragma once
#include "setup/SpecSection.h"

#include <QJsonObject>

namespace tw::widgets {

// How the study searches: the sampler and its options, the pruner and its options, and
// the budget (trials, time, parallel trials), cross-validation folds and retries. A type
// switch keeps only the keys the new type takes (the parser rejects the others) and
// brings back values set earlier for it.
class StudySettingsSection : public SpecSection {
    Q_OBJECT
public:
    StudySettingsSection(SpecDocument* doc, QWidget* parent = nullptr);
    void refresh() override;
    void documentReset() override;

    static QStringList samplerKeys(const QString& type);
    static QStringList prunerKeys(const QString& type);

private:
    QFormLayout* m_samplerForm;
    QFormLayout* m_prunerForm;
    QFormLayout* m_budgetForm;
    SpecField* m_sampler;
    SpecField* m_resolution;
    SpecField* m_scramble;
    SpecField* m_nStartup;
    SpecField* m_refitEvery;
    SpecField* m_localEvery;
    SpecField* m_multivariate;
    SpecField* m_nEi;
    SpecField* m_pruner;
    SpecField* m_startupTrials;
    SpecField* m_warmupSteps;
    SpecField* m_percentile;
    SpecField* m_minResource;
    SpecField* m_maxResource;
    SpecField* m_reduction;
    SpecField* m_cvFolds;
    QJsonObject m_samplerStash;
    QJsonObject m_prunerStash;
};

} // namespace tw::widgets
