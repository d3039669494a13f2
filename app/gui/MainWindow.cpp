#include "MainWindow.h"
#include "analysis/AnalysisView.h"

#include "CurveLoader.h"
#include "SetupTab.h"
#include "StorageOpener.h"
#include "StudyComponents.h"
#include "StudyRunner.h"
#include "StudySession.h"
#include "export/BestParamsExport.h"
#include "export/LeaderboardCsv.h"
#include "leaderboard/LeaderboardModel.h"
#include "leaderboard/LeaderboardView.h"
#include "live/LiveView.h"
#include "objectives/CommandTrust.h"
#include "plots/HistoryPlot.h"
#include "plots/LossCurvesPlot.h"
#include "spec/CanonicalJson.h"
#include "spec/SpecSearchSpace.h"
#include "io/FileWriter.h"
#include "spec/StorageUrl.h"
#include "spec/StrictJson.h"
#include "spec/StudySpecParser.h"
#include "trial/TrialDetailView.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QInputDialog>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QSettings>
#include <QSpinBox>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QToolBar>
#include <QUrl>

#include <cmath>

namespace tw::gui {

namespace {

QJsonObject readExample(const QString& name)
{
    QFile f(":/examples/" + name + ".json");
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object();
}

bool writeFile(QWidget* parent, const QString& path, const QByteArray& bytes)
{
    const QString error = FileWriter::write(path, bytes);
    if (error.isEmpty())
        return true;
    QMessageBox::warning(parent, QObject::tr("Export"), error);
    return false;
}

} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
{
    setWindowTitle(tr("Tunewright"));
    setAcceptDrops(true);

    m_model = new widgets::LeaderboardModel(this);
    m_studies = new QListWidget(this);
    m_studies->setObjectName("studyList");
    m_studies->setToolTip(tr("The studies in this experiment. Right-click for more."));
    m_studies->setContextMenuPolicy(Qt::CustomContextMenu);
    m_setup = new SetupTab(this);
    m_setup->setObjectName("setupTab");
    m_live = new widgets::LiveView(m_model, this);
    m_live->attachBuffer(&m_buffer);
    m_board = new widgets::LeaderboardView(m_model, this);
    m_trial = new widgets::TrialDetailView(this);
    m_analysis = new widgets::AnalysisView(this);
    m_analysis->linkLeaderboard(m_board->proxy());
    m_curveLoader = new CurveLoader(this);
    connect(m_curveLoader, &CurveLoader::loaded, m_live, &widgets::LiveView::addStoredCurves);
    m_live->setObjectName("liveView");
    m_board->setObjectName("leaderboardView");
    m_trial->setObjectName("trialDetailView");

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName("studyTabs");
    m_tabs->addTab(m_setup, tr("Setup"));
    m_tabs->addTab(m_live, tr("Live"));
    m_tabs->addTab(m_board, tr("Leaderboard"));
    m_tabs->addTab(m_trial, tr("Trial"));
    m_tabs->addTab(m_analysis, tr("Analysis"));

    auto* left = new QWidget(this);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(4, 4, 0, 4);
    leftLayout->addWidget(new QLabel(tr("<b>Studies</b>"), left));
    leftLayout->addWidget(m_studies, 1);
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(left);
    split->addWidget(m_tabs);
    split->setStretchFactor(1, 4);
    split->setSizes({220, 1060});
    setCentralWidget(split);

    m_statusText = new QLabel(this);
    m_statusText->setObjectName("statusText");
    m_progress = new QProgressBar(this);
    m_progress->setObjectName("runProgress");
    m_progress->setMaximumWidth(260);
    m_progress->setVisible(false);
    statusBar()->addWidget(m_statusText, 1);
    statusBar()->addPermanentWidget(m_progress);

    m_runner = new StudyRunner(&m_buffer);
    m_runner->moveToThread(&m_engineThread);
    connect(&m_engineThread, &QThread::finished, m_runner, &QObject::deleteLater);
    m_engineThread.setObjectName("engine");
    m_engineThread.start();

    buildActions();
    buildMenus();

    connect(m_runner, &StudyRunner::studyOpened, this, [this](const QString& name, int budget, int done) {
        m_budget = budget;
        m_doneAtStart = done;
        m_finishedThisRun = 0;
        m_runClock.start();
        refreshStudyList();
        selectStudy(name);
        updateProgress();
    });
    connect(m_runner, &StudyRunner::trialFinished, this, [this](const FrozenTrial&, int finished) {
        m_finishedThisRun = finished;
        refreshTrials();
        updateProgress();
    });
    connect(m_runner, &StudyRunner::trialStarted, this, [this](const FrozenTrial&) { refreshTrials(); });
    connect(m_runner, &StudyRunner::waiting, this, [this](const QString& note) { m_statusText->setText(note); });
    connect(m_runner, &StudyRunner::runFinished, this, [this](const QString& summary, bool paused) {
        m_running = false;
        m_paused = paused;
        refreshTrials();
        m_live->drainNow();
        m_statusText->setText(summary);
        m_progress->setVisible(paused);
        updateActions();
        emit runEnded();
    });
    connect(m_runner, &StudyRunner::runFailed, this, [this](const QString& error) {
        m_running = false;
        m_paused = false;
        m_progress->setVisible(false);
        m_statusText->setText(tr("The run stopped: %1").arg(error.section('\n', 0, 0)));
        updateActions();
        emit runEnded();
        if (!property("quiet").toBool())
            QMessageBox::warning(this, tr("Run"), error);
    });
    connect(m_setup, &SetupTab::validityChanged, this, [this](bool valid, const QString& error) {
        updateActions();
        m_startAction->setToolTip(valid ? tr("Start the study (F5)") : tr("Fix the spec first: %1").arg(error));
    });
    connect(m_setup, &SetupTab::specChanged, this, [this](const QJsonObject& spec) {
        auto parsed = StudySpecParser::parseObject(spec);
        if (parsed)
            m_samplerLabel->setText(tr("sampler: %1").arg(StudyComponents::describe(parsed.value())));
    });
    connect(m_studies, &QListWidget::currentTextChanged, this, [this](const QString& name) {
        if (name.isEmpty() || !m_storage)
            return;
        try {
            if (auto record = m_storage->findStudy(name.toStdString()))
                loadStudy(*record);
        } catch (const StorageError& e) {
            m_statusText->setText(QString::fromUtf8(e.what()));
        }
    });
    connect(m_studies, &QListWidget::customContextMenuRequested, this, [this](const QPoint& pos) {
        QMenu menu(this);
        menu.addAction(tr("Duplicate and edit"), this, &MainWindow::duplicateStudy);
        menu.addAction(tr("Rename…"), this, &MainWindow::renameStudy);
        menu.addAction(tr("Compare with this study"), this, &MainWindow::compareStudy);
        menu.addSeparator();
        menu.addAction(tr("Delete…"), this, &MainWindow::deleteStudy);
        menu.exec(m_studies->viewport()->mapToGlobal(pos));
    });
    connect(m_board, &widgets::LeaderboardView::trialActivated, this, &MainWindow::openTrial);
    connect(m_live->leaderboard(), &widgets::LeaderboardView::trialActivated, this, &MainWindow::openTrial);
    for (auto* view : {m_board, m_live->leaderboard()}) {
        connect(view, &widgets::LeaderboardView::copyParamsRequested, this, [this](int trial) {
            const int row = m_model->rowOfTrial(trial);
            if (const FrozenTrial* t = m_model->trialAt(row))
                QApplication::clipboard()->setText(QString::fromUtf8(
                    QJsonDocument(SpecSearchSpace::toJson(t->params, t->distributions)).toJson(QJsonDocument::Compact)));
        });
        connect(view, &widgets::LeaderboardView::exportModelRequested, this, &MainWindow::exportModel);
        connect(view, &widgets::LeaderboardView::pinModelRequested, this, [this](int trial) {
            const FrozenTrial* t = m_model->trialAt(m_model->rowOfTrial(trial));
            if (t && m_storage)
                m_storage->setTrialUserAttr(t->id, "pinned", "true");
        });
        connect(view, &widgets::LeaderboardView::enqueueVariantRequested, this, [this](int trial) {
            const FrozenTrial* t = m_model->trialAt(m_model->rowOfTrial(trial));
            if (!t || !m_study)
                return;
            bool ok = false;
            const QString text = QInputDialog::getMultiLineText(
                this, tr("Enqueue a variant"), tr("Params of the new trial (JSON); it runs next when the study starts:"),
                QString::fromUtf8(QJsonDocument(SpecSearchSpace::toJson(t->params, t->distributions)).toJson()), &ok);
            if (!ok)
                return;
            try {
                auto session = StudySession::join(*m_storage, QString::fromStdString(m_study->name));
                const auto doc = StrictJson::parse(text.toUtf8(), tr("the params")); // no key twice (#13)
                if (!doc) {
                    QMessageBox::warning(this, tr("Enqueue a variant"), doc.error());
                    return;
                }
                auto values = SpecSearchSpace::fromJson(doc->object(), session->study().searchSpace());
                if (!values) {
                    QMessageBox::warning(this, tr("Enqueue a variant"), values.error());
                    return;
                }
                session->study().enqueue(values.value());
                refreshTrials();
            } catch (const std::exception& e) {
                QMessageBox::warning(this, tr("Enqueue a variant"), QString::fromUtf8(e.what()));
            }
        });
        connect(view, &widgets::LeaderboardView::rerunRequested, this, [this](int trial) {
            const FrozenTrial* t = m_model->trialAt(m_model->rowOfTrial(trial));
            if (!t || !m_study)
                return;
            try {
                auto session = StudySession::join(*m_storage, QString::fromStdString(m_study->name));
                session->study().enqueue(t->params, {{"rerun_of", std::to_string(t->number)}});
                refreshTrials();
                m_statusText->setText(tr("Trial #%1 is enqueued again; Start runs it.").arg(trial));
            } catch (const std::exception& e) {
                QMessageBox::warning(this, tr("Re-run"), QString::fromUtf8(e.what()));
            }
        });
    }

    m_startAction->setEnabled(false);

    m_refresh.setInterval(500);
    connect(&m_refresh, &QTimer::timeout, this, &MainWindow::refreshTrials);
    m_refresh.start();

    QSettings settings;
    restoreGeometry(settings.value("window/geometry").toByteArray());
    if (!restoreState(settings.value("window/state").toByteArray()))
        resize(1280, 820);
    updateActions();
}

MainWindow::~MainWindow()
{
    m_runner->cancel();
    m_engineThread.quit();
    m_engineThread.wait();
}

void MainWindow::buildActions()
{
    m_newStudyAction = new QAction(tr("&New study"), this);
    m_newStudyAction->setObjectName("newStudyAction");
    m_newStudyAction->setToolTip(tr("Add a study to this experiment, starting from the iris example."));
    connect(m_newStudyAction, &QAction::triggered, this, [this] { newStudy(readExample("iris-mlp-gp")); });
    m_startAction = new QAction(style()->standardIcon(QStyle::SP_MediaPlay), tr("&Start"), this);
    m_startAction->setObjectName("startAction");
    m_startAction->setShortcut(Qt::Key_F5);
    connect(m_startAction, &QAction::triggered, this, &MainWindow::startStudy);
    m_pauseAction = new QAction(style()->standardIcon(QStyle::SP_MediaPause), tr("&Pause"), this);
    m_pauseAction->setObjectName("pauseAction");
    m_pauseAction->setToolTip(tr("Let the running trials finish and start no new ones."));
    connect(m_pauseAction, &QAction::triggered, this, [this] {
        m_runner->pause();
        m_statusText->setText(tr("Pausing: the running trials finish first…"));
    });
    m_resumeAction = new QAction(tr("&Resume"), this);
    m_resumeAction->setObjectName("resumeAction");
    m_resumeAction->setToolTip(tr("Go on with the paused study."));
    connect(m_resumeAction, &QAction::triggered, this, &MainWindow::startStudy);
    m_stopAction = new QAction(style()->standardIcon(QStyle::SP_MediaStop), tr("S&top"), this);
    m_stopAction->setObjectName("stopAction");
    m_stopAction->setShortcut(Qt::Key_Escape);
    m_stopAction->setToolTip(tr("Cancel the running trials at their next batch (Esc)."));
    connect(m_stopAction, &QAction::triggered, this, [this] {
        if (QMessageBox::question(this, tr("Stop"), tr("Stop the running trials now? Finished trials are kept.")) ==
            QMessageBox::Yes)
            m_runner->cancel();
    });
    m_exportBestAction = new QAction(tr("Export &best…"), this);
    m_exportBestAction->setObjectName("exportBestAction");
    m_exportBestAction->setToolTip(tr("Write the best trial's params as JSON, YAML or CSV."));
    connect(m_exportBestAction, &QAction::triggered, this, &MainWindow::exportBest);

    auto* bar = addToolBar(tr("Run"));
    bar->setObjectName("runToolBar");
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->addAction(m_newStudyAction);
    bar->addSeparator();
    bar->addAction(m_startAction);
    bar->addAction(m_pauseAction);
    bar->addAction(m_resumeAction);
    bar->addAction(m_stopAction);
    bar->addSeparator();
    bar->addAction(m_exportBestAction);
    auto* spacer = new QWidget(bar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    bar->addWidget(spacer);
    m_samplerLabel = new QLabel(bar);
    m_samplerLabel->setObjectName("samplerLabel");
    for (QAction* a : {m_newStudyAction, m_startAction, m_pauseAction, m_resumeAction, m_stopAction, m_exportBestAction})
        bar->widgetForAction(a)->setObjectName(a->objectName() + "Button");
    bar->addWidget(m_samplerLabel);
}

void MainWindow::buildMenus()
{
    auto* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&New experiment…"), QKeySequence::New, this, &MainWindow::newExperiment);
    file->addAction(tr("&Open experiment…"), QKeySequence::Open, this, &MainWindow::openExperimentDialog);
    m_recentMenu = file->addMenu(tr("Open &recent"));
    rebuildRecentMenu();
    file->addAction(tr("Save experiment &as…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S), this,
                    &MainWindow::saveExperimentAs);
    file->addAction(tr("Connect to &PostgreSQL…"), this, &MainWindow::connectPostgres);
    file->addSeparator();
    file->addAction(tr("&Import spec…"), this, &MainWindow::importSpec);
    file->addAction(tr("E&xport spec…"), this, &MainWindow::exportSpec);
    file->addAction(tr("Export &leaderboard…"), this, &MainWindow::exportLeaderboard);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    auto* study = menuBar()->addMenu(tr("&Study"));
    study->addAction(m_newStudyAction);
    auto* examples = study->addMenu(tr("New study from &example"));
    for (const QString& name : QDir(":/examples").entryList({"*.json"}, QDir::Files))
        examples->addAction(QFileInfo(name).completeBaseName(), this,
                            [this, name] { newStudy(readExample(QFileInfo(name).completeBaseName())); });
    study->addAction(tr("&Duplicate and edit"), this, &MainWindow::duplicateStudy);
    study->addAction(tr("&Rename…"), this, &MainWindow::renameStudy);
    study->addAction(tr("&Compare with…"), this, &MainWindow::compareStudy);
    study->addAction(tr("Clear co&mparison"), this, [this] {
        m_live->historyPlot()->clearComparisons();
        m_live->historyPlot()->refresh();
    });
    study->addAction(tr("De&lete…"), this, &MainWindow::deleteStudy);
    study->addSeparator();
    study->addAction(m_startAction);
    study->addAction(m_pauseAction);
    study->addAction(m_resumeAction);
    study->addAction(m_stopAction);
    study->addSeparator();
    study->addAction(m_exportBestAction);

    // Every tab and every analysis view, with Alt+1.. for the tabs.
    auto* viewMenu = menuBar()->addMenu(tr("&View"));
    viewMenu->setObjectName("viewMenu");
    for (int i = 0; i < m_tabs->count(); ++i) {
        QWidget* page = m_tabs->widget(i);
        viewMenu->addAction(m_tabs->tabText(i), QKeySequence(Qt::ALT | Qt::Key(Qt::Key_1 + i)), this,
                            [this, page] { m_tabs->setCurrentWidget(page); });
    }
    auto* analysisMenu = viewMenu->addMenu(tr("&Analysis views"));
    const QStringList views = widgets::AnalysisView::viewNames();
    for (int i = 0; i < views.size(); ++i)
        analysisMenu->addAction(m_analysis->views()->tabText(i), this, [this, name = views[i]] {
            m_tabs->setCurrentWidget(m_analysis);
            m_analysis->showView(name);
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
    if (m_running) {
        if (!quiet)
            QMessageBox::information(this, tr("Open"), tr("Stop the running study first."));
        return false;
    }
    auto parsed = StorageUrl::parse(urlOrPath.isEmpty() ? StorageUrl::defaultExperimentPath() : urlOrPath);
    if (!parsed) {
        if (!quiet)
            QMessageBox::warning(this, tr("Open experiment"), parsed.error());
        return false;
    }
    const bool readOnly = StorageOpener::isReadOnlyFile(parsed.value());
    try {
        auto storage = StorageOpener::open(parsed.value(),
                                           readOnly ? StorageAccess::ReadOnly : StorageAccess::Create);
        m_curveLoader->setStorage(nullptr);
        m_storage = std::move(storage);
        m_curveLoader->setStorage(m_storage.get());
        m_readOnly = readOnly;
    } catch (const std::exception& e) {
        if (!quiet)
            QMessageBox::warning(this, tr("Open experiment"), QString::fromUtf8(e.what()));
        m_statusText->setText(QString::fromUtf8(e.what()));
        return false;
    }
    m_storageUrl = parsed.value().isSQLite() ? parsed.value().filePath() : urlOrPath;
    m_storageDisplay = parsed.value().displayString();
    if (parsed.value().isSQLite())
        addRecent(parsed.value().filePath());
    const QString shown = QFileInfo(m_storageDisplay).fileName().isEmpty()
                              ? m_storageDisplay : QFileInfo(m_storageDisplay).fileName();
    setWindowTitle(m_readOnly ? tr("Tunewright — %1 (read-only)").arg(shown) : tr("Tunewright — %1").arg(shown));
    m_study.reset();
    m_curveLoader->clear();
    m_model->clear();
    m_live->clear();
    m_analysis->clear();
    {
        // A new list: selecting its first study must load it, even when a study of the same
        // name was selected in the experiment open before (or this one, opened again).
        QSignalBlocker block(m_studies);
        m_studies->clear();
    }
    refreshStudyList();
    if (m_studies->count() == 0 && !m_readOnly && parsed.value().isSQLite() &&
        QFileInfo(parsed.value().filePath()) == QFileInfo(StorageUrl::defaultExperimentPath())) {
        // The default experiment starts with a ready example study on iris: Start runs it.
        auto example = StudySpecParser::parseObject(readExample("iris-mlp-gp"));
        try {
            if (example)
                StudySession::createOrResume(*m_storage, std::move(example).value());
        } catch (const std::exception& e) {
            m_statusText->setText(QString::fromUtf8(e.what()));
        }
        refreshStudyList();
    }
    if (m_studies->count() > 0)
        m_studies->setCurrentRow(0);
    else
        newStudy(readExample("iris-mlp-gp"));
    m_statusText->setText(m_readOnly ? tr("Opened %1 read-only: the file, its folder or its file system "
                                          "cannot be written; its studies can be viewed and exported, not run")
                                           .arg(m_storageDisplay)
                                     : tr("Opened %1").arg(m_storageDisplay));
    updateActions();
    return true;
}

void MainWindow::refreshStudyList()
{
    if (!m_storage)
        return;
    const QString current = m_studies->currentItem() ? m_studies->currentItem()->text() : QString();
    QSignalBlocker block(m_studies);
    m_studies->clear();
    try {
        for (const auto& s : m_storage->studies())
            m_studies->addItem(QString::fromStdString(s.name));
    } catch (const StorageError& e) {
        m_statusText->setText(QString::fromUtf8(e.what()));
    }
    const auto found = m_studies->findItems(current, Qt::MatchExactly);
    if (!found.isEmpty())
        m_studies->setCurrentItem(found.first());
}

void MainWindow::selectStudy(const QString& name)
{
    const auto found = m_studies->findItems(name, Qt::MatchExactly);
    if (found.isEmpty())
        return;
    if (m_studies->currentItem() == found.first() && m_study && m_study->name == name.toStdString())
        return;
    m_studies->setCurrentItem(found.first());
}

void MainWindow::loadStudy(const StudyRecord& record)
{
    m_study = record;
    m_version = 0;
    m_model->clear();
    const QString metric = record.metric.empty() ? QString("value") : QString::fromStdString(record.metric);
    m_model->setMetric(metric, record.direction);
    m_live->setStudy(metric, record.direction);
    m_analysis->setStudy(metric, record.direction);
    const QJsonObject spec = QJsonDocument::fromJson(QByteArray::fromStdString(record.specJson)).object();
    // Rebuilding the form costs a tenth of a second: skip it when it shows this spec already
    // (the study just started from it, or opened again).
    if (!CanonicalJson::equal(m_setup->spec(), spec))
        m_setup->setSpec(spec);
    std::int64_t version = 0;
    auto trials = m_storage->trialsChangedSince(record.id, 0, &version);
    m_version = version;
    QStringList names;
    for (const auto& key : spec.value("search_space").toObject().keys())
        names << key;
    m_model->setParamNames(names);
    // A train objective's finished trials have their losses stored as the "curve" artifact:
    // read in slices after the table and history are shown. Other objectives' curves are
    // their intermediate values, which came with the trials.
    const bool train = spec.value("objective").toObject().value("type").toString() == QLatin1String("train");
    m_trainStudy = train;
    m_curveLoader->clear();
    std::map<int, std::vector<widgets::EpochPoint>> curves;
    std::map<int, TrialState> states;
    for (const auto& t : trials) {
        states[t.number] = t.state;
        if (train && isFinished(t.state))
            m_curveLoader->enqueue(t);
        else if (!train)
            curves[t.number] = CurveLoader::fromIntermediate(t);
    }
    m_analysis->setTrials(trials);
    m_model->upsert(std::move(trials));
    m_live->setCurves(curves, states);
    updateActions();
}

void MainWindow::refreshTrials()
{
    if (!m_storage || !m_study)
        return;
    try {
        std::int64_t version = m_version;
        const auto changed = m_storage->trialsChangedSince(m_study->id, m_version, &version);
        m_version = version;
        if (changed.empty())
            return;
        m_model->upsert(changed);
        m_live->updateTrials(changed);
        m_analysis->updateTrials(changed);
        // Finished trials not drawn live here (another process ran them): their stored curves.
        if (m_trainStudy)
            for (const auto& t : changed)
                if (isFinished(t.state) && m_live->lossPlot()->pointCount(t.number) == 0)
                    m_curveLoader->enqueue(t);
    } catch (const StorageError& e) {
        m_statusText->setText(QString::fromUtf8(e.what()));
    }
}

int MainWindow::trialRowCount() const
{
    return m_model->rowCount();
}

void MainWindow::updateActions()
{
    const bool valid = m_setup->isValid();
    m_startAction->setEnabled(!m_running && valid && m_storage && !m_readOnly);
    m_pauseAction->setEnabled(m_running);
    m_stopAction->setEnabled(m_running);
    m_resumeAction->setEnabled(!m_running && m_paused && valid && !m_readOnly);
    m_exportBestAction->setEnabled(m_model->bestTrialNumber() >= 0 || m_study.has_value());
    m_setup->setReadOnly(m_running);
}

void MainWindow::updateProgress()
{
    if (!m_running)
        return;
    const int done = m_doneAtStart + m_finishedThisRun;
    m_progress->setVisible(true);
    m_progress->setRange(0, std::max(1, m_budget));
    m_progress->setValue(std::min(done, m_budget));
    QString text = tr("Running %1: %2/%3 trials").arg(m_study ? QString::fromStdString(m_study->name) : QString())
                       .arg(done).arg(m_budget);
    const int best = m_model->bestTrialNumber();
    if (const FrozenTrial* t = m_model->trialAt(m_model->rowOfTrial(best)); t && t->value)
        text += tr(" · best %1 (#%2)").arg(QString::number(*t->value, 'g', 4)).arg(best);
    if (m_finishedThisRun > 0 && done < m_budget) {
        const double eta = m_runClock.elapsed() / 1000.0 / m_finishedThisRun * (m_budget - done);
        text += eta < 90 ? tr(" · ETA %1 s").arg(qRound(eta)) : tr(" · ETA %1 min").arg(qRound(eta / 60));
    }
    m_statusText->setText(text);
}

bool MainWindow::startStudy()
{
    if (m_running || !m_storage)
        return false;
    if (m_readOnly) {
        m_statusText->setText(tr("%1 is open read-only: save it under another name (File > Save "
                                 "experiment as) to run studies in it").arg(m_storageDisplay));
        return false;
    }
    if (!m_setup->isValid()) {
        m_tabs->setCurrentWidget(m_setup);
        m_statusText->setText(m_setup->error());
        return false;
    }
    if (!approveCommand())
        return false;
    m_running = true;
    m_paused = false;
    m_budget = 0;
    updateActions();
    m_tabs->setCurrentWidget(m_live);
    m_statusText->setText(tr("Starting…"));
    QMetaObject::invokeMethod(m_runner, "run", Qt::QueuedConnection, Q_ARG(QString, m_storageUrl),
                              Q_ARG(QJsonObject, m_setup->spec()), Q_ARG(QString, QDir::currentPath()));
    return true;
}

bool MainWindow::approveCommand()
{
    // A command objective is code: one stored in an experiment from elsewhere runs only
    // after this user says yes, once (#13). Creating the study here approves it.
    auto parsed = StudySpecParser::parseObject(m_setup->spec(), QString(), QDir::currentPath());
    if (!parsed || !CommandTrust::needsApproval(*parsed))
        return true;
    const QString name = parsed->name;
    if (m_storage->findStudy(name.toStdString()) && !CommandTrust::isApproved(*parsed, name)) {
        const QString details = CommandTrust::describe(*parsed);
        bool yes = false;
        if (m_askTrust) {
            yes = m_askTrust(name, details);
        } else {
            QMessageBox box(QMessageBox::Warning, tr("Run this command?"),
                            tr("Study '%1' runs a program that you have not created or approved on this "
                               "computer. Run it only if you trust where this experiment came from.")
                                .arg(name),
                            QMessageBox::Cancel, this);
            box.setInformativeText(details);
            box.setTextInteractionFlags(Qt::TextSelectableByMouse);
            QPushButton* run = box.addButton(tr("Run it"), QMessageBox::AcceptRole);
            box.setDefaultButton(QMessageBox::Cancel);
            box.exec();
            yes = box.clickedButton() == run;
        }
        if (!yes) {
            m_statusText->setText(tr("Not started: the command of study '%1' was not approved.").arg(name));
            return false;
        }
    }
    if (const QString failed = CommandTrust::approve(*parsed, name); !failed.isEmpty())
        qWarning("tunewright: the approval of study '%s' was not recorded: %s", qPrintable(name), qPrintable(failed));
    return true;
}

QString MainWindow::uniqueStudyName(const QString& base) const
{
    QString name = base;
    for (int i = 2; m_storage && m_storage->findStudy(name.toStdString()); ++i)
        name = QString("%1-%2").arg(base).arg(i);
    return name;
}

void MainWindow::newStudy(const QJsonObject& templateSpec)
{
    QJsonObject spec = templateSpec;
    spec.insert("name", uniqueStudyName(spec.value("name").toString("study")));
    m_study.reset();
    m_curveLoader->clear();
    m_model->clear();
    m_live->clear();
    m_analysis->clear();
    {
        QSignalBlocker block(m_studies);
        m_studies->clearSelection();
        m_studies->setCurrentRow(-1);
    }
    m_setup->setSpec(spec);
    m_tabs->setCurrentWidget(m_setup);
    m_statusText->setText(tr("New study '%1': edit its setup, then Start (F5).").arg(spec.value("name").toString()));
    updateActions();
}

void MainWindow::duplicateStudy()
{
    if (!m_study)
        return;
    QJsonObject spec = QJsonDocument::fromJson(QByteArray::fromStdString(m_study->specJson)).object();
    newStudy(spec);
}

void MainWindow::renameStudy()
{
    if (!m_study || m_running)
        return;
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Rename study"), tr("New name:"), QLineEdit::Normal,
                                               QString::fromStdString(m_study->name), &ok).trimmed();
    if (!ok || name.isEmpty() || name.toStdString() == m_study->name)
        return;
    try {
        m_storage->renameStudy(m_study->id, name.toStdString());
        refreshStudyList();
        selectStudy(name);
    } catch (const StorageError& e) {
        QMessageBox::warning(this, tr("Rename study"), QString::fromUtf8(e.what()));
    }
}

void MainWindow::deleteStudy()
{
    if (!m_study || m_running)
        return;
    const QString name = QString::fromStdString(m_study->name);
    if (QMessageBox::question(this, tr("Delete study"),
                              tr("Delete study '%1' with all its trials, logs and models? This cannot be undone.").arg(name),
                              QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel) != QMessageBox::Yes)
        return;
    try {
        m_storage->deleteStudy(m_study->id);
        m_study.reset();
        m_curveLoader->clear();
        m_model->clear();
        m_analysis->clear();
        refreshStudyList();
        if (m_studies->count() > 0)
            m_studies->setCurrentRow(0);
    } catch (const StorageError& e) {
        QMessageBox::warning(this, tr("Delete study"), QString::fromUtf8(e.what()));
    }
}

void MainWindow::compareStudy()
{
    if (!m_study || !m_storage)
        return;
    QStringList others;
    for (const auto& s : m_storage->studies())
        if (s.id != m_study->id)
            others << QString::fromStdString(s.name);
    if (others.isEmpty()) {
        QMessageBox::information(this, tr("Compare"), tr("This experiment has no other study to compare with."));
        return;
    }
    bool ok = false;
    const QString other = QInputDialog::getItem(this, tr("Compare studies"), tr("Compare with:"), others, 0, false, &ok);
    if (!ok)
        return;
    const auto record = m_storage->findStudy(other.toStdString());
    if (!record)
        return;
    std::vector<widgets::HistoryPlot::Point> points;
    for (const auto& t : m_storage->trials(record->id))
        if (t.state == TrialState::Complete && t.value)
            points.push_back({t.number, *t.value});
    m_live->historyPlot()->setStudy(other, record->direction, points);
    m_live->historyPlot()->refresh();
    m_tabs->setCurrentWidget(m_live);
}

void MainWindow::openTrial(int number)
{
    const FrozenTrial* t = m_model->trialAt(m_model->rowOfTrial(number));
    if (!t || !m_study)
        return;
    m_trial->setTrial(*t, QString::fromStdString(m_study->metric.empty() ? "value" : m_study->metric));
    m_trial->setCurve(CurveLoader::read(*m_storage, *t));
    try {
        // A command's stdout, or the training log of a train objective.
        const std::string out = m_storage->trialLog(t->id, "stdout") + m_storage->trialLog(t->id, "train");
        m_trial->setLog(QString::fromStdString(out), QString::fromStdString(m_storage->trialLog(t->id, "stderr")));
        if (auto confusion = m_storage->artifact(t->id, "confusion")) {
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
            m_trial->setConfusionMatrix(labels, counts);
        }
    } catch (const StorageError& e) {
        m_statusText->setText(QString::fromUtf8(e.what()));
    }
    m_tabs->setTabText(m_tabs->indexOf(m_trial), tr("Trial #%1").arg(number));
    m_tabs->setCurrentWidget(m_trial);
}

QString MainWindow::chooseSaveFile(const QString& title, const QString& suggestedName, const QString& filter)
{
    if (m_chooseSaveFile)
        return m_chooseSaveFile(title, suggestedName, filter);
    return QFileDialog::getSaveFileName(this, title, suggestedName, filter);
}

void MainWindow::exportBest()
{
    if (!m_study)
        return;
    const FrozenTrial* best = m_model->trialAt(m_model->rowOfTrial(m_model->bestTrialNumber()));
    if (!best) {
        QMessageBox::information(this, tr("Export best"), tr("This study has no complete trial yet."));
        return;
    }
    const QString file = chooseSaveFile(tr("Export best params"),
                                                      QString::fromStdString(m_study->name) + "-best.json",
                                                      tr("JSON (*.json);;YAML (*.yaml *.yml);;CSV (*.csv)"));
    if (file.isEmpty())
        return;
    BestParamsExport::Format format;
    if (!BestParamsExport::formatForFile(file, &format)) {
        QMessageBox::warning(this, tr("Export best"), tr("Choose a file ending in .json, .yaml, .yml or .csv."));
        return;
    }
    writeFile(this, file, BestParamsExport::write(format, QString::fromStdString(m_study->name), *best,
                                                 QString::fromStdString(m_study->metric.empty() ? "value" : m_study->metric)));
}

void MainWindow::exportLeaderboard()
{
    if (!m_study)
        return;
    const QString file = chooseSaveFile(tr("Export leaderboard"),
                                                      QString::fromStdString(m_study->name) + "-trials.csv", tr("CSV (*.csv)"));
    if (!file.isEmpty())
        writeFile(this, file, LeaderboardCsv::write(m_storage->trials(m_study->id)));
}

void MainWindow::exportModel(int number)
{
    const FrozenTrial* t = m_model->trialAt(m_model->rowOfTrial(number));
    if (!t)
        return;
    const auto model = m_storage->artifact(t->id, "model");
    if (!model) {
        QMessageBox::information(this, tr("Export model"),
                                 tr("Trial #%1 has no stored model: models are kept for the best trials of "
                                    "train objectives, and for trials you pin.").arg(number));
        return;
    }
    const QString file = chooseSaveFile(tr("Export model"), QString("trial-%1.model.json").arg(number),
                                                      tr("Model files (*.json)"));
    if (!file.isEmpty())
        writeFile(this, file, QByteArray::fromStdString(*model));
}

void MainWindow::importSpec()
{
    const QString file = QFileDialog::getOpenFileName(this, tr("Import spec"), QString(), tr("Study specs (*.json)"));
    if (file.isEmpty())
        return;
    auto parsed = StudySpecParser::parseFile(file);
    if (!parsed) {
        QMessageBox::warning(this, tr("Import spec"), parsed.error());
        return;
    }
    newStudy(parsed.value().json);
}

void MainWindow::exportSpec()
{
    const QString file = chooseSaveFile(tr("Export spec"),
                                                      m_setup->spec().value("name").toString("study") + ".json",
                                                      tr("Study specs (*.json)"));
    if (!file.isEmpty())
        writeFile(this, file, QJsonDocument(m_setup->spec()).toJson(QJsonDocument::Indented));
}

void MainWindow::newExperiment()
{
    const QString file = QFileDialog::getSaveFileName(this, tr("New experiment"), "experiment.twx",
                                                      tr("Tunewright experiments (*.twx)"));
    if (file.isEmpty())
        return;
    QFile::remove(file);
    openExperiment(file);
}

void MainWindow::openExperimentDialog()
{
    const QString file = QFileDialog::getOpenFileName(this, tr("Open experiment"), QString(),
                                                      tr("Tunewright experiments (*.twx);;All files (*)"));
    if (!file.isEmpty())
        openExperiment(file);
}

void MainWindow::saveExperimentAs()
{
    if (!m_storage || m_running)
        return;
    auto url = StorageUrl::parse(m_storageUrl);
    if (!url || !url.value().isSQLite()) {
        QMessageBox::information(this, tr("Save as"), tr("Only experiment files can be saved under another name."));
        return;
    }
    const QString file = QFileDialog::getSaveFileName(this, tr("Save experiment as"), QString(),
                                                      tr("Tunewright experiments (*.twx)"));
    if (file.isEmpty())
        return;
    // Copy the database file with SQLite's own backup (VACUUM INTO keeps it consistent).
    try {
        const QString source = url.value().filePath();
        m_curveLoader->setStorage(nullptr);
        m_storage.reset();
        QFile::remove(file);
        const bool copied = QFile::copy(source, file);
        openExperiment(copied ? file : source);
        if (!copied)
            QMessageBox::warning(this, tr("Save as"), tr("Could not write %1.").arg(file));
    } catch (const std::exception& e) {
        QMessageBox::warning(this, tr("Save as"), QString::fromUtf8(e.what()));
    }
}

void MainWindow::connectPostgres()
{
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Connect to PostgreSQL"));
    auto* form = new QFormLayout(&dialog);
    auto* host = new QLineEdit("localhost", &dialog);
    auto* port = new QSpinBox(&dialog);
    port->setRange(1, 65535);
    port->setValue(5432);
    auto* db = new QLineEdit(&dialog);
    auto* user = new QLineEdit(&dialog);
    auto* password = new QLineEdit(&dialog);
    password->setEchoMode(QLineEdit::Password);
    password->setToolTip(tr("Used to connect, never stored. Leave empty to use PGPASSWORD or ~/.pgpass."));
    form->addRow(tr("Host"), host);
    form->addRow(tr("Port"), port);
    form->addRow(tr("Database"), db);
    form->addRow(tr("User"), user);
    form->addRow(tr("Password"), password);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    if (dialog.exec() != QDialog::Accepted)
        return;
    QString url = "postgresql://" + QUrl::toPercentEncoding(user->text());
    if (!password->text().isEmpty())
        url += ":" + QUrl::toPercentEncoding(password->text());
    url += "@" + host->text() + ":" + QString::number(port->value()) + "/" + QUrl::toPercentEncoding(db->text());
    openExperiment(url);  // recent files keep SQLite paths only: no password is written anywhere
}

void MainWindow::addRecent(const QString& path)
{
    QSettings settings;
    QStringList recent = settings.value("recentFiles").toStringList();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > 8)
        recent.removeLast();
    settings.setValue("recentFiles", recent);
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu()
{
    if (!m_recentMenu)
        return;
    m_recentMenu->clear();
    const QStringList recent = QSettings().value("recentFiles").toStringList();
    for (const QString& path : recent)
        m_recentMenu->addAction(path, this, [this, path] { openExperiment(path); });
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (m_running && !property("quiet").toBool()) {
        if (QMessageBox::question(this, tr("Quit"),
                                  tr("A study is running. Stop it and quit? Finished trials are already saved.")) !=
            QMessageBox::Yes) {
            event->ignore();
            return;
        }
    }
    m_runner->cancel();
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
            QJsonObject spec = readExample("iris-mlp-gp");
            QJsonObject objective = spec.value("objective").toObject();
            QJsonObject dataset = objective.value("dataset").toObject();
            dataset.insert("source", "csv:" + path);
            dataset.remove("target");
            objective.insert("dataset", dataset);
            spec.insert("objective", objective);
            spec.insert("name", QFileInfo(path).completeBaseName());
            newStudy(spec);
            return;
        }
    }
}

} // namespace tw::gui
