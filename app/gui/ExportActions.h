#pragma once
#include "WorkbenchViews.h"

#include <QObject>
#include <QString>

#include <functional>

class QAction;

namespace tw::gui {

class ExperimentController;
class StudyActions;

// What leaves the workbench as a file or on the clipboard: the best trial's params (JSON,
// YAML or CSV), the leaderboard (CSV), a trial's stored model, the Setup tab's spec, and a
// trial's params copied as JSON.
class ExportActions : public QObject {
    Q_OBJECT
public:
    // Asks where to save an export: a file dialog by default. Tests and scripted runs set
    // another, so the export actions run their whole path without a modal dialog.
    using SaveFileChooser =
        std::function<QString(const QString& title, const QString& suggestedName, const QString& filter)>;

    ExportActions(const WorkbenchViews& views, ExperimentController& experiment, StudyActions& studies,
                  QObject* parent = nullptr);

    void setSaveFileChooser(SaveFileChooser chooser) { m_chooseSaveFile = std::move(chooser); }
    // Export > best: the toolbar's and the Study menu's action.
    QAction* bestAction() const { return m_bestAction; }

    void exportBest();
    void exportLeaderboard();
    void exportModel(int trial);
    void exportSpec();
    void copyParams(int trial);

private:
    QString chooseSaveFile(const QString& title, const QString& suggestedName, const QString& filter);
    bool writeFile(const QString& path, const QByteArray& bytes);

    WorkbenchViews m_views;
    ExperimentController& m_experiment;
    StudyActions& m_studies;
    QAction* m_bestAction = nullptr;
    SaveFileChooser m_chooseSaveFile;
};

} // namespace tw::gui
