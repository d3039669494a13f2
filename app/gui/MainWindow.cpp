#include "MainWindow.h"

#include "CurveLoader.h"
#include "ExperimentController.h"
#include "SetupTab.h"
#include "StudyActions.h"
#include "StudyComponents.h"
#include "analysis/AnalysisView.h"
#include "leaderboard/LeaderboardModel.h"
#include "leaderboard/LeaderboardView.h"
#include "live/LiveView.h"
#include "spec/StudySpecParser.h"
#include "trial/TrialDetailView.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>
#include <QUrl>
#include <QVBoxLayout>

namespace tw::gui {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("Tunewright"));
    setAcceptDrops(true);
    buildViews();

    const auto running = [this] { return m_run && m_run->isRunning(); };
    m_experiment = std::make_unique<ExperimentController>(this, running);
    m_studies = std::make_unique<StudyActions>(m_views, *m_experiment, running);
    m_exports = std::make_unique<ExportActions>(m_views, *m_experiment, *m_studies);
    m_run = std::make_unique<RunController>(m_views, *m_experiment, *m_studies);
    m_views.live->attachBuffer(m_run->buffer());

    buildToolBar();
    buildMenus();
    wireViews();

    m_run->startAction()->setEnabled(false);
    QSettings settings;
    restoreGeometry(settings.value("window/geometry").toByteArray());
    if (!restoreState(settings.value("window/state").toByteArray()))
        resize(1280, 820);
    updateActions();
}

MainWindow::~MainWindow()
{
    m_run.reset(); // cancels a running study and joins the engine thread first
}

void MainWindow::buildViews()
{
    m_views.window = this;
    m_views.model = new widgets::LeaderboardModel(this);
    m_views.studies = new QListWidget(this);
    m_views.studies->setObjectName("studyList");
    m_views.studies->setToolTip(tr("The studies in this experiment. Right-click for more."));
    m_views.studies->setContextMenuPolicy(Qt::CustomContextMenu);
    m_views.setup = new SetupTab(this);
    m_views.setup->setObjectName("setupTab");
    m_views.live = new widgets::LiveView(m_views.model, this);
    m_views.board = new widgets::LeaderboardView(m_views.model, this);
    m_views.trial = new widgets::TrialDetailView(this);
    m_views.analysis = new widgets::AnalysisView(this);
    m_views.analysis->linkLeaderboard(m_views.board->proxy());
    m_views.curveLoader = new CurveLoader(this);
    connect(m_views.curveLoader, &CurveLoader::loaded, m_views.live, &widgets::LiveView::addStoredCurves);
    m_views.live->setObjectName("liveView");
    m_views.board->setObjectName("leaderboardView");
    m_views.trial->setObjectName("trialDetailView");

    m_views.tabs = new QTabWidget(this);
    m_views.tabs->setObjectName("studyTabs");
    m_views.tabs->addTab(m_views.setup, tr("Setup"));
    m_views.tabs->addTab(m_views.live, tr("Live"));
    m_views.tabs->addTab(m_views.board, tr("Leaderboard"));
    m_views.tabs->addTab(m_views.trial, tr("Trial"));
    m_views.tabs->addTab(m_views.analysis, tr("Analysis"));

    auto* left = new QWidget(this);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(4, 4, 0, 4);
    leftLayout->addWidget(new QLabel(tr("<b>Studies</b>"), left));
    leftLayout->addWidget(m_views.studies, 1);
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(left);
    split->addWidget(m_views.tabs);
    split->setStretchFactor(1, 4);
    split->setSizes({220, 1060});
    setCentralWidget(split);

    m_views.status = new QLabel(this);
    m_views.status->setObjectName("statusText");
    m_views.progress = new QProgressBar(this);
    m_views.progress->setObjectName("runProgress");
    m_views.progress->setMaximumWidth(260);
    m_views.progress->setVisible(false);
    statusBar()->addWidget(m_views.status, 1);
    statusBar()->addPermanentWidget(m_views.progress);
}

void MainWindow::buildToolBar()
{
    auto* newStudy = new QAction(tr("&New study"), this);
    newStudy->setObjectName("newStudyAction");
    newStudy->setToolTip(tr("Add a study to this experiment, starting from the iris example."));
    connect(newStudy, &QAction::triggered, this,
            [this] { m_studies->newStudy(StudyActions::example("iris-mlp-gp")); });

    auto* bar = addToolBar(tr("Run"));
    bar->setObjectName("runToolBar");
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    const QList<QAction*> actions = {newStudy,
                                     m_run->startAction(),
                                     m_run->pauseAction(),
                                     m_run->resumeAction(),
                                     m_run->stopAction(),
                                     m_exports->bestAction()};
    bar->addAction(newStudy);
    bar->addSeparator();
    for (QAction* a : {m_run->startAction(), m_run->pauseAction(), m_run->resumeAction(), m_run->stopAction()})
        bar->addAction(a);
    bar->addSeparator();
    bar->addAction(m_exports->bestAction());
    auto* spacer = new QWidget(bar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    bar->addWidget(spacer);
    m_samplerLabel = new QLabel(bar);
    m_samplerLabel->setObjectName("samplerLabel");
    for (QAction* a : actions)
        bar->widgetForAction(a)->setObjectName(a->objectName() + "Button");
    bar->addWidget(m_samplerLabel);
    m_newStudyAction = newStudy;
}

void MainWindow::buildMenus()
{
    ExperimentController* experiment = m_experiment.get();
    auto* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&New experiment…"), QKeySequence::New, experiment, &ExperimentController::newExperiment);
    file->addAction(tr("&Open experiment…"), QKeySequence::Open, experiment, &ExperimentController::openDialog);
    experiment->setRecentMenu(file->addMenu(tr("Open &recent")));
    file->addAction(tr("Save experiment &as…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S), experiment,
                    &ExperimentController::saveAs);
    file->addAction(tr("Connect to &PostgreSQL…"), experiment, &ExperimentController::connectPostgres);
    file->addSeparator();
    file->addAction(tr("&Import spec…"), m_studies.get(), &StudyActions::importSpec);
    file->addAction(tr("E&xport spec…"), m_exports.get(), &ExportActions::exportSpec);
    file->addAction(tr("Export &leaderboard…"), m_exports.get(), &ExportActions::exportLeaderboard);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    StudyActions* studies = m_studies.get();
    auto* study = menuBar()->addMenu(tr("&Study"));
    study->addAction(m_newStudyAction);
    auto* examples = study->addMenu(tr("New study from &example"));
    for (const QString& name : QDir(":/examples").entryList({"*.json"}, QDir::Files))
        examples->addAction(QFileInfo(name).completeBaseName(), studies, [studies, name] {
            studies->newStudy(StudyActions::example(QFileInfo(name).completeBaseName()));
        });
    study->addAction(tr("&Duplicate and edit"), studies, &StudyActions::duplicateStudy);
    study->addAction(tr("&Rename…"), studies, &StudyActions::renameStudy);
    study->addAction(tr("&Compare with…"), studies, &StudyActions::compareStudy);
    study->addAction(tr("Clear co&mparison"), studies, &StudyActions::clearComparison);
    study->addAction(tr("De&lete…"), studies, &StudyActions::deleteStudy);
    study->addSeparator();
    for (QAction* a : {m_run->startAction(), m_run->pauseAction(), m_run->resumeAction(), m_run->stopAction()})
        study->addAction(a);
    study->addSeparator();
    study->addAction(m_exports->bestAction());

    // Every tab and every analysis view, with Alt+1.. for the tabs.
    auto* viewMenu = menuBar()->addMenu(tr("&View"));
    viewMenu->setObjectName("viewMenu");
    QTabWidget* tabs = m_views.tabs;
    for (int i = 0; i < tabs->count(); ++i) {
        QWidget* page = tabs->widget(i);
        viewMenu->addAction(tabs->tabText(i), QKeySequence(Qt::ALT | Qt::Key(Qt::Key_1 + i)), this,
                            [tabs, page] { tabs->setCurrentWidget(page); });
    }
    auto* analysisMenu = viewMenu->addMenu(tr("&Analysis views"));
    const QStringList views = widgets::AnalysisView::viewNames();
    widgets::AnalysisView* analysis = m_views.analysis;
    for (int i = 0; i < views.size(); ++i)
        analysisMenu->addAction(analysis->views()->tabText(i), this, [tabs, analysis, name = views[i]] {
            tabs->setCurrentWidget(analysis);
            analysis->showView(name);
        });

    auto* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&User guide"), QKeySequence::HelpContents, this, [this] {
        const QString guide = userGuidePath();
        if (guide.isEmpty() || !QDesktopServices::openUrl(QUrl::fromLocalFile(guide)))
            QMessageBox::information(this, tr("User guide"),
                                     guide.isEmpty() ? tr("The user guide (user-guide.md) is not installed: it is "
                                                          "share/doc/tunewright/user-guide.md in the package and "
                                                          "docs/user-guide.md in the source tree.")
                                                     : tr("No program opens %1.").arg(guide));
    });
    help->addAction(tr("&About Tunewright"), this, [this] {
        QMessageBox::about(this, tr("About Tunewright"),
                           tr("<b>Tunewright %1</b><p>Train, tune and optimize machine-learning models.</p>")
                               .arg(QApplication::applicationVersion()));
    });
}

void MainWindow::wireViews()
{
    connect(m_experiment.get(), &ExperimentController::aboutToSwitch, this,
            [this] { m_views.curveLoader->setStorage(nullptr); });
    connect(m_experiment.get(), &ExperimentController::opened, this, &MainWindow::experimentOpened);
    connect(m_experiment.get(), &ExperimentController::statusMessage, m_views.status, &QLabel::setText);
    connect(m_studies.get(), &StudyActions::changed, this, &MainWindow::updateActions);
    connect(m_run.get(), &RunController::changed, this, &MainWindow::updateActions);
    connect(m_run.get(), &RunController::runEnded, this, &MainWindow::runEnded);

    connect(m_views.setup, &SetupTab::validityChanged, this, [this](bool valid, const QString& error) {
        updateActions();
        m_run->startAction()->setToolTip(valid ? tr("Start the study (F5)") : tr("Fix the spec first: %1").arg(error));
    });
    connect(m_views.setup, &SetupTab::specChanged, this, [this](const QJsonObject& spec) {
        auto parsed = StudySpecParser::parseObject(spec);
        if (parsed)
            m_samplerLabel->setText(tr("sampler: %1").arg(StudyComponents::describe(parsed.value())));
    });

    StudyActions* studies = m_studies.get();
    connect(m_views.studies, &QListWidget::customContextMenuRequested, this, [this, studies](const QPoint& pos) {
        QMenu menu(this);
        menu.addAction(tr("Duplicate and edit"), studies, &StudyActions::duplicateStudy);
        menu.addAction(tr("Rename…"), studies, &StudyActions::renameStudy);
        menu.addAction(tr("Compare with this study"), studies, &StudyActions::compareStudy);
        menu.addSeparator();
        menu.addAction(tr("Delete…"), studies, &StudyActions::deleteStudy);
        menu.exec(m_views.studies->viewport()->mapToGlobal(pos));
    });
    for (auto* view : {m_views.board, m_views.live->leaderboard()}) {
        connect(view, &widgets::LeaderboardView::trialActivated, studies, &StudyActions::openTrial);
        connect(view, &widgets::LeaderboardView::copyParamsRequested, m_exports.get(), &ExportActions::copyParams);
        connect(view, &widgets::LeaderboardView::exportModelRequested, m_exports.get(), &ExportActions::exportModel);
        connect(view, &widgets::LeaderboardView::pinModelRequested, studies, &StudyActions::pinModel);
        connect(view, &widgets::LeaderboardView::enqueueVariantRequested, studies, &StudyActions::enqueueVariant);
        connect(view, &widgets::LeaderboardView::rerunRequested, studies, &StudyActions::rerun);
    }
}

QString MainWindow::userGuidePath()
{
    // Installed (/usr/bin/../share/doc/tunewright), else a build tree inside the clone
    // (build/release/bin/../../../docs).
    const QDir bin(QCoreApplication::applicationDirPath());
    for (const QString& rel : {QStringLiteral("../share/doc/tunewright/user-guide.md"), QStringLiteral("../../../docs/user-guide.md"),
                               QStringLiteral("../../docs/user-guide.md")})
        if (QFileInfo::exists(bin.filePath(rel)))
            return QFileInfo(bin.filePath(rel)).canonicalFilePath();
    return {};
}

bool MainWindow::openExperiment(const QString& urlOrPath, bool quiet)
{
    return m_experiment->open(urlOrPath, quiet);
}

void MainWindow::experimentOpened()
{
    m_views.curveLoader->setStorage(m_experiment->storage());
    const QString display = m_experiment->display();
    const QString shown = QFileInfo(display).fileName().isEmpty() ? display : QFileInfo(display).fileName();
    setWindowTitle(m_experiment->isReadOnly() ? tr("Tunewright — %1 (read-only)").arg(shown)
                                              : tr("Tunewright — %1").arg(shown));
    m_studies->showExperiment();
    m_views.status->setText(m_experiment->isReadOnly()
                                ? tr("Opened %1 read-only: the file, its folder or its file system "
                                     "cannot be written; its studies can be viewed and exported, not run")
                                      .arg(display)
                                : tr("Opened %1").arg(display));
    updateActions();
}

void MainWindow::selectStudy(const QString& name)
{
    m_studies->select(name);
}

bool MainWindow::startStudy()
{
    return m_run->start();
}

bool MainWindow::isRunning() const
{
    return m_run->isRunning();
}

bool MainWindow::isReadOnly() const
{
    return m_experiment->isReadOnly();
}

int MainWindow::trialRowCount() const
{
    return m_views.model->rowCount();
}

void MainWindow::showTrial(int number)
{
    m_studies->openTrial(number);
}

void MainWindow::setSaveFileChooser(SaveFileChooser chooser)
{
    m_exports->setSaveFileChooser(std::move(chooser));
}

void MainWindow::setTrustQuestion(TrustQuestion ask)
{
    m_run->setTrustQuestion(std::move(ask));
}

void MainWindow::updateActions()
{
    const bool valid = m_views.setup->isValid();
    const bool running = m_run->isRunning();
    const bool writable = m_experiment->storage() && !m_experiment->isReadOnly();
    m_run->startAction()->setEnabled(!running && valid && writable);
    m_run->pauseAction()->setEnabled(running);
    m_run->stopAction()->setEnabled(running);
    m_run->resumeAction()->setEnabled(!running && m_run->isPaused() && valid && !m_experiment->isReadOnly());
    m_exports->bestAction()->setEnabled(m_views.model->bestTrialNumber() >= 0 || m_studies->current().has_value());
    m_views.setup->setReadOnly(running);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (m_run->isRunning() && !m_views.quiet()) {
        if (QMessageBox::question(this, tr("Quit"),
                                  tr("A study is running. Stop it and quit? Finished trials are already saved.")) !=
            QMessageBox::Yes) {
            event->ignore();
            return;
        }
    }
    m_run->cancel();
    QSettings settings;
    settings.setValue("window/geometry", saveGeometry());
    settings.setValue("window/state", saveState());
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    for (const QUrl& url : event->mimeData()->urls())
        if (url.isLocalFile() && (url.toLocalFile().endsWith(".csv", Qt::CaseInsensitive) ||
                                  url.toLocalFile().endsWith(".twx", Qt::CaseInsensitive))) {
            event->acceptProposedAction();
            return;
        }
}

void MainWindow::dropEvent(QDropEvent* event)
{
    for (const QUrl& url : event->mimeData()->urls()) {
        const QString path = url.toLocalFile();
        if (path.endsWith(".twx", Qt::CaseInsensitive)) {
            openExperiment(path);
            return;
        }
        if (path.endsWith(".csv", Qt::CaseInsensitive)) {
            // A study on the dropped data: the iris example's model and search, with the
            // file's last column as the target. The Setup tab shows it for review.
            QJsonObject spec = StudyActions::example("iris-mlp-gp");
            QJsonObject objective = spec.value("objective").toObject();
            QJsonObject dataset = objective.value("dataset").toObject();
            dataset.insert("source", "csv:" + path);
            dataset.remove("target");
            objective.insert("dataset", dataset);
            spec.insert("objective", objective);
            spec.insert("name", QFileInfo(path).completeBaseName());
            m_studies->newStudy(spec);
            return;
        }
    }
}

} // namespace tw::gui
