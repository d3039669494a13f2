#pragma once
#include "setup/SpecSection.h"

#include <QHash>
#include <QJsonObject>

class QComboBox;

namespace tw::widgets {

// The head of the spec: the study's name and description, what a trial runs (objective
// type), and what is optimised (metric and direction). Switching the objective type keeps
// the old objective, its search space and metric aside, so switching back restores them.
class StudySection : public SpecSection {
    Q_OBJECT
public:
    StudySection(SpecDocument* doc, QWidget* parent = nullptr);
    void refresh() override;
    void documentReset() override { m_stash.clear(); }

    QComboBox* objectiveCombo() const { return m_objectiveCombo; }

private:
    void switchObjective(const QString& type);
    QComboBox* m_objectiveCombo;
    SpecField* m_trainMetric;
    SpecField* m_otherMetric;
    QHash<QString, QJsonObject> m_stash;
    bool m_loading = false;
};

} // namespace tw::widgets
