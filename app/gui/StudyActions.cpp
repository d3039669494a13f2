#include "StudyActions.h"

#include "CurveLoader.h"
#include "ExperimentController.h"
#include "SetupTab.h"
#include "StudySession.h"
#include "analysis/AnalysisView.h"
#include "leaderboard/LeaderboardModel.h"
#include "live/LiveView.h"
#include "plots/HistoryPlot.h"
#include "plots/LossCurvesPlot.h"
#include "objectives/TrainArtifacts.h"
#include "objectives/TrainObjective.h"
#include "spec/CanonicalJson.h"
#include "spec/SpecSearchSpace.h"
#include "spec/StrictJson.h"
#include "spec/StudySpecParser.h"
#include "trial/TrialDetailView.h"

#include <QFile>
#include <QFileDialog>
#include <QInputDialog>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QTabWidget>

namespace tw::gui {

StudyActions::StudyActions(const WorkbenchViews& views, ExperimentController& experiment,
                           std::function<bool()> busy, QObject* parent)
    : QObject(parent)
    , m_views(views)
    , m_experiment(experiment)
    , m_busy(std::move(busy))
{
    connect(m_views.studies, &QListWidget::currentTextChanged, this, [this](const QString& name) {
        StudyStorage* storage = m_experiment.storage();
        if (name.isEmpty() || !storage)
            return;
        try {
            if (auto record = storage->findStudy(name.toStdString()))
                load(*record);
        } catch (const StorageError& e) {
            m_views.status->setText(QString::fromUtf8(e.what()));
        }
    });
    m_poll.setInterval(500);
    connect(&m_poll, &QTimer::timeout, this, &StudyActions::refreshTrials);
    m_poll.start();
}

QString StudyActions::currentName() const
{
    return m_study ? QString::fromStdString(m_study->name) : QString();
}

QJsonObject StudyActions::example(const QString& name)
{
    QFile f(":/examples/" + name + ".json");
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

void StudyActions::clearViews()
{
    m_study.reset();
    m_views.curveLoader->clear();
    m_views.model->clear();
    m_views.live->clear();
    m_views.analysis->clear();
}

void StudyActions::showExperiment()
{
    clearViews();
    {
        // A new list: selecting its first study must load it, even when a study of the same
        // name was selected in the experiment open before (or this one, opened again).
        QSignalBlocker block(m_views.studies);
        m_views.studies->clear();
    }
    refreshList();
    if (m_views.studies->count() == 0 && !m_experiment.isReadOnly() && m_experiment.isDefault()) {
        // The default experiment starts with a ready example study on iris: Start runs it.
        auto parsed = StudySpecParser::parseObject(example("iris-mlp-gp"));
        try {
            if (parsed)
                StudySession::createOrResume(*m_experiment.storage(), std::move(parsed).value());
        } catch (const std::exception& e) {
            m_views.status->setText(QString::fromUtf8(e.what()));
        }
        refreshList();
    }
    if (m_views.studies->count() > 0)
        m_views.studies->setCurrentRow(0);
    else
        newStudy(example("iris-mlp-gp"));
}

void StudyActions::refreshList()
{
    StudyStorage* storage = m_experiment.storage();
    if (!storage)
        return;
    QListWidget* list = m_views.studies;
    const QString current = list->currentItem() ? list->currentItem()->text() : QString();
    QSignalBlocker block(list);
    list->clear();
    try {
        for (const auto& s : storage->studies())
            list->addItem(QString::fromStdString(s.name));
    } catch (const StorageError& e) {
        m_views.status->setText(QString::fromUtf8(e.what()));
    }
    const auto found = list->findItems(current, Qt::MatchExactly);
    if (!found.isEmpty())
        list->setCurrentItem(found.first());
}

void StudyActions::select(const QString& name)
{
    const auto found = m_views.studies->findItems(name, Qt::MatchExactly);
    if (found.isEmpty())
        return;
    if (m_views.studies->currentItem() == found.first() && m_study && m_study->name == name.toStdString())
        return;
    m_views.studies->setCurrentItem(found.first());
}

void StudyActions::load(const StudyRecord& record)
{
    m_study = record;
    m_version = 0;
    m_views.model->clear();
    const QString metric = record.metric.empty() ? QString("value") : QString::fromStdString(record.metric);
    m_views.model->setMetric(metric, record.direction);
    m_views.live->setStudy(metric, record.direction);
    m_views.analysis->setStudy(metric, record.direction);
    const QJsonObject spec = QJsonDocument::fromJson(QByteArray::fromStdString(record.specJson)).object();
    // Rebuilding the form costs a tenth of a second: skip it when it shows this spec already
    // (the study just started from it, or opened again).
    if (!CanonicalJson::equal(m_views.setup->spec(), spec))
        m_views.setup->setSpec(spec);
    std::int64_t version = 0;
    auto trials = m_experiment.storage()->trialsChangedSince(record.id, 0, &version);
    m_version = version;
    QStringList names;
    for (const auto& key : spec.value("search_space").toObject().keys())
        names << key;
    m_views.model->setParamNames(names);
    // A train objective's finished trials have their losses stored as the "curve" artifact:
    // read in slices after the table and history are shown. Other objectives' curves are
    // their intermediate values, which came with the trials.
    const bool train = spec.value("objective").toObject().value("type").toString() == QLatin1String("train");
    m_trainStudy = train;
    m_views.curveLoader->clear();
    std::map<int, std::vector<widgets::EpochPoint>> curves;
    std::map<int, TrialState> states;
    for (const auto& t : trials) {
        states[t.number] = t.state;
        if (train && isFinished(t.state))
            m_views.curveLoader->enqueue(t);
        else if (!train)
            curves[t.number] = CurveLoader::fromIntermediate(t);
    }
    m_views.analysis->setTrials(trials);
    m_views.model->upsert(std::move(trials));
    m_views.live->setCurves(curves, states);
    emit changed();
}

void StudyActions::refreshTrials()
{
    StudyStorage* storage = m_experiment.storage();
    if (!storage || !m_study)
        return;
    try {
        std::int64_t version = m_version;
        const auto changed = storage->trialsChangedSince(m_study->id, m_version, &version);
        m_version = version;
        if (changed.empty())
            return;
        m_views.model->upsert(changed);
        m_views.live->updateTrials(changed);
        m_views.analysis->updateTrials(changed);
        // Finished trials not drawn live here (another process ran them): their stored curves.
        if (m_trainStudy)
            for (const auto& t : changed)
                if (isFinished(t.state) && m_views.live->lossPlot()->pointCount(t.number) == 0)
                    m_views.curveLoader->enqueue(t);
    } catch (const StorageError& e) {
        m_views.status->setText(QString::fromUtf8(e.what()));
    }
}

QString StudyActions::uniqueStudyName(const QString& base) const
{
    StudyStorage* storage = m_experiment.storage();
    QString name = base;
    for (int i = 2; storage && storage->findStudy(name.toStdString()); ++i)
        name = QString("%1-%2").arg(base).arg(i);
    return name;
}

void StudyActions::newStudy(const QJsonObject& templateSpec)
{
    QJsonObject spec = templateSpec;
    spec.insert("name", uniqueStudyName(spec.value("name").toString("study")));
    clearViews();
    {
        QSignalBlocker block(m_views.studies);
        m_views.studies->clearSelection();
        m_views.studies->setCurrentRow(-1);
    }
    m_views.setup->setSpec(spec);
    m_views.tabs->setCurrentWidget(m_views.setup);
    m_views.status->setText(tr("New study '%1': edit its setup, then Start (F5).").arg(spec.value("name").toString()));
    emit changed();
}

void StudyActions::duplicateStudy()
{
    if (!m_study)
        return;
    QJsonObject spec = QJsonDocument::fromJson(QByteArray::fromStdString(m_study->specJson)).object();
    newStudy(spec);
}

void StudyActions::renameStudy()
{
    if (!m_study || m_busy())
        return;
    bool ok = false;
    const QString name = QInputDialog::getText(m_views.window, tr("Rename study"), tr("New name:"), QLineEdit::Normal,
                                               QString::fromStdString(m_study->name), &ok).trimmed();
    if (!ok || name.isEmpty() || name.toStdString() == m_study->name)
        return;
    try {
        m_experiment.storage()->renameStudy(m_study->id, name.toStdString());
        refreshList();
        select(name);
    } catch (const StorageError& e) {
        QMessageBox::warning(m_views.window, tr("Rename study"), QString::fromUtf8(e.what()));
    }
}

void StudyActions::deleteStudy()
{
    if (!m_study || m_busy())
        return;
    const QString name = QString::fromStdString(m_study->name);
    if (QMessageBox::question(m_views.window, tr("Delete study"),
                              tr("Delete study '%1' with all its trials, logs and models? This cannot be undone.").arg(name),
                              QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel) != QMessageBox::Yes)
        return;
    try {
        m_experiment.storage()->deleteStudy(m_study->id);
        m_study.reset();
        m_views.curveLoader->clear();
        m_views.model->clear();
        m_views.analysis->clear();
        refreshList();
        if (m_views.studies->count() > 0)
            m_views.studies->setCurrentRow(0);
    } catch (const StorageError& e) {
        QMessageBox::warning(m_views.window, tr("Delete study"), QString::fromUtf8(e.what()));
    }
}

void StudyActions::compareStudy()
{
    StudyStorage* storage = m_experiment.storage();
    if (!m_study || !storage)
        return;
    QStringList others;
    for (const auto& s : storage->studies())
        if (s.id != m_study->id)
            others << QString::fromStdString(s.name);
    if (others.isEmpty()) {
        QMessageBox::information(m_views.window, tr("Compare"), tr("This experiment has no other study to compare with."));
        return;
    }
    bool ok = false;
    const QString other =
        QInputDialog::getItem(m_views.window, tr("Compare studies"), tr("Compare with:"), others, 0, false, &ok);
    if (!ok)
        return;
    const auto record = storage->findStudy(other.toStdString());
    if (!record)
        return;
    std::vector<widgets::HistoryPlot::Point> points;
    for (const auto& t : storage->trials(record->id))
        if (t.state == TrialState::Complete && t.value)
            points.push_back({t.number, *t.value});
    m_views.live->historyPlot()->setStudy(other, record->direction, points);
    m_views.live->historyPlot()->refresh();
    m_views.tabs->setCurrentWidget(m_views.live);
}

void StudyActions::clearComparison()
{
    m_views.live->historyPlot()->clearComparisons();
    m_views.live->historyPlot()->refresh();
}

void StudyActions::importSpec()
{
    const QString file =
        QFileDialog::getOpenFileName(m_views.window, tr("Import spec"), QString(), tr("Study specs (*.json)"));
    if (file.isEmpty())
        return;
    auto parsed = StudySpecParser::parseFile(file);
    if (!parsed) {
        QMessageBox::warning(m_views.window, tr("Import spec"), parsed.error());
        return;
    }
    newStudy(parsed.value().json);
}

void StudyActions::openTrial(int number)
{
    const FrozenTrial* t = m_views.model->trialAt(m_views.model->rowOfTrial(number));
    if (!t || !m_study)
        return;
    StudyStorage& storage = *m_experiment.storage();
    widgets::TrialDetailView* view = m_views.trial;
    view->setTrial(*t, QString::fromStdString(m_study->metric.empty() ? "value" : m_study->metric));
    view->setCurve(CurveLoader::read(storage, *t));
    view->explain(*t, m_views.model->trials());
    try {
        // A command's stdout, or the training log of a train objective.
        const std::string out = storage.trialLog(t->id, "stdout") + storage.trialLog(t->id, "train");
        view->setLog(QString::fromStdString(out), QString::fromStdString(storage.trialLog(t->id, "stderr")));
        if (auto confusion = storage.artifact(t->id, "confusion")) {
            const QJsonObject o = QJsonDocument::fromJson(QByteArray::fromStdString(*confusion)).object();
            QStringList labels;
            for (const auto& l : o.value("labels").toArray())
                labels << l.toString();
            std::vector<std::vector<long long>> counts;
            for (const auto& row : o.value("counts").toArray()) {
                counts.emplace_back();
                for (const auto& c : row.toArray())
                    counts.back().push_back(c.toInteger());
            }
            view->setConfusionMatrix(labels, counts);
        }
        if (auto misclassified = storage.artifact(t->id, "misclassified"))
            showMisclassified(*t, *misclassified);
    } catch (const StorageError& e) {
        m_views.status->setText(QString::fromUtf8(e.what()));
    }
    m_views.tabs->setTabText(m_views.tabs->indexOf(view), tr("Trial #%1").arg(number));
    m_views.tabs->setCurrentWidget(view);
}

void StudyActions::showMisclassified(const FrozenTrial& trial, const std::string& artifact)
{
    widgets::TrialDetailView* view = m_views.trial;
    QString error;
    const auto rows = TrainArtifacts::readMisclassified(QByteArray::fromStdString(artifact), &error);
    if (!rows) {
        view->showMisclassifiedMessage(error);
        return;
    }
    // The trial's own data: its params may choose the dataset too.
    const QJsonObject spec = QJsonDocument::fromJson(QByteArray::fromStdString(m_study->specJson)).object();
    const auto objective =
        TrainObjective::forTrial(spec.value("objective").toObject(), SpecSearchSpace::toJson(trial.params, trial.distributions),
                                 spec.value("metric").toString());
    if (!objective) {
        view->showMisclassifiedMessage(tr("The images cannot be read: %1").arg(objective.error()));
        return;
    }
    view->setMisclassified(*rows, objective.value());
}

void StudyActions::pinModel(int number)
{
    const FrozenTrial* t = m_views.model->trialAt(m_views.model->rowOfTrial(number));
    if (t && m_experiment.storage())
        m_experiment.storage()->setTrialUserAttr(t->id, "pinned", "true");
}

void StudyActions::enqueueVariant(int number)
{
    const FrozenTrial* t = m_views.model->trialAt(m_views.model->rowOfTrial(number));
    if (!t || !m_study)
        return;
    bool ok = false;
    const QString text = QInputDialog::getMultiLineText(
        m_views.window, tr("Enqueue a variant"),
        tr("Params of the new trial (JSON); it runs next when the study starts:"),
        QString::fromUtf8(QJsonDocument(SpecSearchSpace::toJson(t->params, t->distributions)).toJson()), &ok);
    if (!ok)
        return;
    try {
        auto session = StudySession::join(*m_experiment.storage(), QString::fromStdString(m_study->name));
        const auto doc = StrictJson::parse(text.toUtf8(), tr("the params")); // no key twice (#13)
        if (!doc) {
            QMessageBox::warning(m_views.window, tr("Enqueue a variant"), doc.error());
            return;
        }
        auto values = SpecSearchSpace::fromJson(doc->object(), session->study().searchSpace());
        if (!values) {
            QMessageBox::warning(m_views.window, tr("Enqueue a variant"), values.error());
            return;
        }
        session->study().enqueue(values.value());
        refreshTrials();
    } catch (const std::exception& e) {
        QMessageBox::warning(m_views.window, tr("Enqueue a variant"), QString::fromUtf8(e.what()));
    }
}

void StudyActions::rerun(int number)
{
    const FrozenTrial* t = m_views.model->trialAt(m_views.model->rowOfTrial(number));
    if (!t || !m_study)
        return;
    try {
        auto session = StudySession::join(*m_experiment.storage(), QString::fromStdString(m_study->name));
        session->study().enqueue(t->params, {{"rerun_of", std::to_string(t->number)}});
        refreshTrials();
        m_views.status->setText(tr("Trial #%1 is enqueued again; Start runs it.").arg(number));
    } catch (const std::exception& e) {
        QMessageBox::warning(m_views.window, tr("Re-run"), QString::fromUtf8(e.what()));
    }
}

} // namespace tw::gui
