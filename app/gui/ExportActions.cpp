#include "ExportActions.h"

#include "ExperimentController.h"
#include "SetupTab.h"
#include "StudyActions.h"
#include "export/BestParamsExport.h"
#include "export/LeaderboardCsv.h"
#include "io/FileWriter.h"
#include "leaderboard/LeaderboardModel.h"
#include "spec/SpecSearchSpace.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QFileDialog>
#include <QJsonDocument>
#include <QMessageBox>

namespace tw::gui {

ExportActions::ExportActions(const WorkbenchViews& views, ExperimentController& experiment, StudyActions& studies,
                             QObject* parent)
    : QObject(parent)
    , m_views(views)
    , m_experiment(experiment)
    , m_studies(studies)
{
    m_bestAction = new QAction(tr("Export &best…"), views.window);
    m_bestAction->setObjectName("exportBestAction");
    m_bestAction->setToolTip(tr("Write the best trial's params as JSON, YAML or CSV."));
    connect(m_bestAction, &QAction::triggered, this, &ExportActions::exportBest);
}

QString ExportActions::chooseSaveFile(const QString& title, const QString& suggestedName, const QString& filter)
{
    if (m_chooseSaveFile)
        return m_chooseSaveFile(title, suggestedName, filter);
    return QFileDialog::getSaveFileName(m_views.window, title, suggestedName, filter);
}

bool ExportActions::writeFile(const QString& path, const QByteArray& bytes)
{
    const QString error = FileWriter::write(path, bytes);
    if (error.isEmpty())
        return true;
    QMessageBox::warning(m_views.window, tr("Export"), error);
    return false;
}

void ExportActions::exportBest()
{
    const auto& study = m_studies.current();
    if (!study)
        return;
    const widgets::LeaderboardModel* model = m_views.model;
    const FrozenTrial* best = model->trialAt(model->rowOfTrial(model->bestTrialNumber()));
    if (!best) {
        QMessageBox::information(m_views.window, tr("Export best"), tr("This study has no complete trial yet."));
        return;
    }
    const QString file = chooseSaveFile(tr("Export best params"), QString::fromStdString(study->name) + "-best.json",
                                        tr("JSON (*.json);;YAML (*.yaml *.yml);;CSV (*.csv)"));
    if (file.isEmpty())
        return;
    BestParamsExport::Format format;
    if (!BestParamsExport::formatForFile(file, &format)) {
        QMessageBox::warning(m_views.window, tr("Export best"), tr("Choose a file ending in .json, .yaml, .yml or .csv."));
        return;
    }
    writeFile(file, BestParamsExport::write(format, QString::fromStdString(study->name), *best,
                                            QString::fromStdString(study->metric.empty() ? "value" : study->metric)));
}

void ExportActions::exportLeaderboard()
{
    const auto& study = m_studies.current();
    if (!study)
        return;
    const QString file = chooseSaveFile(tr("Export leaderboard"), QString::fromStdString(study->name) + "-trials.csv",
                                        tr("CSV (*.csv)"));
    if (!file.isEmpty())
        writeFile(file, LeaderboardCsv::write(m_experiment.storage()->trials(study->id)));
}

void ExportActions::exportModel(int number)
{
    const FrozenTrial* t = m_views.model->trialAt(m_views.model->rowOfTrial(number));
    if (!t)
        return;
    const auto model = m_experiment.storage()->artifact(t->id, "model");
    if (!model) {
        QMessageBox::information(m_views.window, tr("Export model"),
                                 tr("Trial #%1 has no stored model: models are kept for the best trials of "
                                    "train objectives, and for trials you pin.").arg(number));
        return;
    }
    const QString file = chooseSaveFile(tr("Export model"), QString("trial-%1.model.json").arg(number),
                                        tr("Model files (*.json)"));
    if (!file.isEmpty())
        writeFile(file, QByteArray::fromStdString(*model));
}

void ExportActions::exportSpec()
{
    const QJsonObject spec = m_views.setup->spec();
    const QString file = chooseSaveFile(tr("Export spec"), spec.value("name").toString("study") + ".json",
                                        tr("Study specs (*.json)"));
    if (!file.isEmpty())
        writeFile(file, QJsonDocument(spec).toJson(QJsonDocument::Indented));
}

void ExportActions::copyParams(int number)
{
    if (const FrozenTrial* t = m_views.model->trialAt(m_views.model->rowOfTrial(number)))
        QApplication::clipboard()->setText(QString::fromUtf8(
            QJsonDocument(SpecSearchSpace::toJson(t->params, t->distributions)).toJson(QJsonDocument::Compact)));
}

} // namespace tw::gui
