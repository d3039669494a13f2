#include "RunController.h"

#include "ExperimentController.h"
#include "SetupTab.h"
#include "StudyActions.h"
#include "StudyRunner.h"
#include "leaderboard/LeaderboardModel.h"
#include "live/LiveView.h"
#include "objectives/CommandTrust.h"
#include "spec/StudySpecParser.h"

#include <QAction>
#include <QDir>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QStyle>
#include <QTabWidget>

namespace tw::gui {

RunController::RunController(const WorkbenchViews& views, ExperimentController& experiment, StudyActions& studies,
                             QObject* parent)
    : QObject(parent)
    , m_views(views)
    , m_experiment(experiment)
    , m_studies(studies)
{
    QWidget* window = views.window;
    m_startAction = new QAction(window->style()->standardIcon(QStyle::SP_MediaPlay), tr("&Start"), window);
    m_startAction->setObjectName("startAction");
    m_startAction->setShortcut(Qt::Key_F5);
    connect(m_startAction, &QAction::triggered, this, &RunController::start);
    m_pauseAction = new QAction(window->style()->standardIcon(QStyle::SP_MediaPause), tr("&Pause"), window);
    m_pauseAction->setObjectName("pauseAction");
    m_pauseAction->setToolTip(tr("Let the running trials finish and start no new ones."));
    connect(m_pauseAction, &QAction::triggered, this, &RunController::pause);
    m_resumeAction = new QAction(tr("&Resume"), window);
    m_resumeAction->setObjectName("resumeAction");
    m_resumeAction->setToolTip(tr("Go on with the paused study."));
    connect(m_resumeAction, &QAction::triggered, this, &RunController::start);
    m_stopAction = new QAction(window->style()->standardIcon(QStyle::SP_MediaStop), tr("S&top"), window);
    m_stopAction->setObjectName("stopAction");
    m_stopAction->setShortcut(Qt::Key_Escape);
    m_stopAction->setToolTip(tr("Cancel the running trials at their next batch (Esc)."));
    connect(m_stopAction, &QAction::triggered, this, &RunController::stop);

    m_runner = new StudyRunner(&m_buffer);
    m_runner->moveToThread(&m_engineThread);
    connect(&m_engineThread, &QThread::finished, m_runner, &QObject::deleteLater);
    m_engineThread.setObjectName("engine");
    m_engineThread.start();

    connect(m_runner, &StudyRunner::studyOpened, this, [this](const QString& name, int budget, int done) {
        m_budget = budget;
        m_doneAtStart = done;
        m_finishedThisRun = 0;
        m_runClock.start();
        m_studies.refreshList();
        m_studies.select(name);
        updateProgress();
    });
    connect(m_runner, &StudyRunner::trialFinished, this, [this](const FrozenTrial&, int finished) {
        m_finishedThisRun = finished;
        m_studies.refreshTrials();
        updateProgress();
    });
    connect(m_runner, &StudyRunner::trialStarted, this, [this](const FrozenTrial&) { m_studies.refreshTrials(); });
    connect(m_runner, &StudyRunner::waiting, this, [this](const QString& note) { m_views.status->setText(note); });
    connect(m_runner, &StudyRunner::runFinished, this, [this](const QString& summary, bool paused) {
        m_running = false;
        m_paused = paused;
        m_studies.refreshTrials();
        m_views.live->drainNow();
        m_views.status->setText(summary);
        m_views.progress->setVisible(paused);
        emit changed();
        emit runEnded();
    });
    connect(m_runner, &StudyRunner::runFailed, this, [this](const QString& error) {
        m_running = false;
        m_paused = false;
        m_views.progress->setVisible(false);
        m_views.status->setText(tr("The run stopped: %1").arg(error.section('\n', 0, 0)));
        emit changed();
        emit runEnded();
        if (!m_views.quiet())
            QMessageBox::warning(m_views.window, tr("Run"), error);
    });
}

RunController::~RunController()
{
    m_runner->cancel();
    m_engineThread.quit();
    m_engineThread.wait();
}

bool RunController::start()
{
    if (m_running || !m_experiment.storage())
        return false;
    if (m_experiment.isReadOnly()) {
        m_views.status->setText(tr("%1 is open read-only: save it under another name (File > Save "
                                   "experiment as) to run studies in it").arg(m_experiment.display()));
        return false;
    }
    if (!m_views.setup->isValid()) {
        m_views.tabs->setCurrentWidget(m_views.setup);
        m_views.status->setText(m_views.setup->error());
        return false;
    }
    if (!approveCommand())
        return false;
    m_running = true;
    m_paused = false;
    m_budget = 0;
    emit changed();
    m_views.tabs->setCurrentWidget(m_views.live);
    m_views.status->setText(tr("Starting…"));
    QMetaObject::invokeMethod(m_runner, "run", Qt::QueuedConnection, Q_ARG(QString, m_experiment.url()),
                              Q_ARG(QJsonObject, m_views.setup->spec()), Q_ARG(QString, QDir::currentPath()));
    return true;
}

void RunController::pause()
{
    m_runner->pause();
    m_views.status->setText(tr("Pausing: the running trials finish first…"));
}

void RunController::stop()
{
    if (QMessageBox::question(m_views.window, tr("Stop"), tr("Stop the running trials now? Finished trials are kept.")) ==
        QMessageBox::Yes)
        m_runner->cancel();
}

void RunController::cancel()
{
    m_runner->cancel();
}

void RunController::updateProgress()
{
    if (!m_running)
        return;
    const int done = m_doneAtStart + m_finishedThisRun;
    m_views.progress->setVisible(true);
    m_views.progress->setRange(0, std::max(1, m_budget));
    m_views.progress->setValue(std::min(done, m_budget));
    QString text = tr("Running %1: %2/%3 trials").arg(m_studies.currentName()).arg(done).arg(m_budget);
    const widgets::LeaderboardModel* model = m_views.model;
    const int best = model->bestTrialNumber();
    if (const FrozenTrial* t = model->trialAt(model->rowOfTrial(best)); t && t->value)
        text += tr(" · best %1 (#%2)").arg(QString::number(*t->value, 'g', 4)).arg(best);
    if (m_finishedThisRun > 0 && done < m_budget) {
        const double eta = m_runClock.elapsed() / 1000.0 / m_finishedThisRun * (m_budget - done);
        text += eta < 90 ? tr(" · ETA %1 s").arg(qRound(eta)) : tr(" · ETA %1 min").arg(qRound(eta / 60));
    }
    m_views.status->setText(text);
}

bool RunController::approveCommand()
{
    // A command objective is code: one stored in an experiment from elsewhere runs only
    // after this user says yes, once (#13). Creating the study here approves it.
    auto parsed = StudySpecParser::parseObject(m_views.setup->spec(), QString(), QDir::currentPath());
    if (!parsed || !CommandTrust::needsApproval(*parsed))
        return true;
    const QString name = parsed->name;
    if (m_experiment.storage()->findStudy(name.toStdString()) && !CommandTrust::isApproved(*parsed, name)) {
        const QString details = CommandTrust::describe(*parsed);
        bool yes = false;
        if (m_askTrust) {
            yes = m_askTrust(name, details);
        } else {
            QMessageBox box(QMessageBox::Warning, tr("Run this command?"),
                            tr("Study '%1' runs a program that you have not created or approved on this "
                               "computer. Run it only if you trust where this experiment came from.")
                                .arg(name),
                            QMessageBox::Cancel, m_views.window);
            box.setInformativeText(details);
            box.setTextInteractionFlags(Qt::TextSelectableByMouse);
            QPushButton* run = box.addButton(tr("Run it"), QMessageBox::AcceptRole);
            box.setDefaultButton(QMessageBox::Cancel);
            box.exec();
            yes = box.clickedButton() == run;
        }
        if (!yes) {
            m_views.status->setText(tr("Not started: the command of study '%1' was not approved.").arg(name));
            return false;
        }
    }
    if (const QString failed = CommandTrust::approve(*parsed, name); !failed.isEmpty())
        qWarning("tunewright: the approval of study '%s' was not recorded: %s", qPrintable(name), qPrintable(failed));
    return true;
}

} // namespace tw::gui
