#pragma once
#include "WorkbenchViews.h"
#include "core/FrozenTrial.h"
#include "core/StudyRecord.h"

#include <QJsonObject>
#include <QObject>
#include <QTimer>

#include <cstdint>
#include <functional>
#include <optional>

namespace tw::gui {

class ExperimentController;

// The studies of the open experiment and the one shown: the study list, loading a study
// into the views, polling its trials (every 500 ms, so trials written by other processes
// show up too), and the study commands (new, duplicate, rename, delete, compare, import a
// spec) and trial commands (open, pin, enqueue a variant, re-run).
class StudyActions : public QObject {
    Q_OBJECT
public:
    // `busy` says whether a run forbids renaming and deleting now.
    StudyActions(const WorkbenchViews& views, ExperimentController& experiment, std::function<bool()> busy,
                 QObject* parent = nullptr);

    // The study shown, if it is stored (a new study is not, until it starts).
    const std::optional<StudyRecord>& current() const { return m_study; }
    // The name of the current study, or empty.
    QString currentName() const;
    // A built-in example spec (resources/examples/NAME.json), or {}.
    static QJsonObject example(const QString& name);

    // After an experiment was opened: its list, the default experiment's example study,
    // the first study shown (or a new one).
    void showExperiment();
    void refreshList();
    void select(const QString& name);
    // Reads the trials changed since the last call into the views.
    void refreshTrials();

    void newStudy(const QJsonObject& spec);
    void duplicateStudy();
    void renameStudy();
    void deleteStudy();
    void compareStudy();
    void clearComparison();
    void importSpec();
    void openTrial(int number);
    void pinModel(int number);
    void enqueueVariant(int number);
    void rerun(int number);

signals:
    // The current study or what enables actions changed.
    void changed();

private:
    void load(const StudyRecord& record);
    void clearViews();
    QString uniqueStudyName(const QString& base) const;
    // The Trial tab's misclassified images, from the trial's artifact and its own data.
    void showMisclassified(const FrozenTrial& trial, const std::string& artifact);

    WorkbenchViews m_views;
    ExperimentController& m_experiment;
    std::function<bool()> m_busy;
    std::optional<StudyRecord> m_study;
    std::int64_t m_version = 0;
    bool m_trainStudy = false;
    QTimer m_poll;
};

} // namespace tw::gui
