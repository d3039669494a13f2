// ctest-labels: gui integration
// The workbench's flow, through its own widgets: fill the Setup forms, press Start, wait
// for the study to end, read the leaderboard, export the best params as the menu does.
#include "CurveLoader.h"
#include "MainWindow.h"
#include "SetupTab.h"
#include "StorageOpener.h"
#include "StudySession.h"
#include "objectives/CommandTrust.h"
#include "spec/StudySpecParser.h"
#include "leaderboard/LeaderboardModel.h"
#include "leaderboard/LeaderboardView.h"
#include "live/LiveView.h"
#include "plots/LossCurvesPlot.h"
#include "trial/MisclassifiedView.h"
#include "trial/TrialDetailView.h"
#include "setup/DatasetSection.h"
#include "setup/SearchSpaceModel.h"
#include "setup/SpecEditor.h"
#include "spec/StudySpecParser.h"
#include "study/StudyStorage.h"
#include "support/Tmpfs.h"
#include "support/TestPaths.h"

#include <QAction>
#include <QComboBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <memory>

using namespace tw;
using tw::gui::MainWindow;
using M = tw::widgets::SearchSpaceModel;

namespace {

template <class W> W* child(QWidget* root, const char* name)
{
    return root->findChild<W*>(QString::fromLatin1(name));
}

// Picks the combo entry whose text starts with `text` (entries read "random", "gp — …").
bool pick(QComboBox* combo, const QString& text)
{
    for (int i = 0; i < combo->count(); ++i)
        if (combo->itemText(i).startsWith(text)) {
            combo->setCurrentIndex(i);
            return true;
        }
    return false;
}

} // namespace

class tst_MainWindow : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // Recent files and the window state go to a scratch folder, not the user's settings.
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_dir.filePath("settings"));
        QCoreApplication::setOrganizationName("tunewright-tests");
        QCoreApplication::setApplicationName("tst_mainwindow");
    }

    void fillFormsRunSixTrialsAndExportTheBest()
    {
        const QString experiment = m_dir.filePath("flow.twx");
        MainWindow window;
        window.setProperty("quiet", true);
        QVERIFY(window.openExperiment(experiment, true));
        window.resize(1280, 820);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QWidget* setup = window.setupPage();
        tw::widgets::SpecEditor* form = window.setupPage()->form();

        // --- 1. The Setup forms, field by field ------------------------------------------
        auto* name = child<QLineEdit>(setup, "name");
        QVERIFY(name);
        name->setText("flow-iris");
        QVERIFY(pick(child<QComboBox>(setup, "metric"), "val_loss"));
        QVERIFY(pick(child<QComboBox>(setup, "direction"), "minimize"));

        auto* kind = child<QComboBox>(setup, "datasetKindCombo");
        auto* builtin = child<QComboBox>(setup, "builtinDatasetCombo");
        QVERIFY(kind && builtin);
        kind->setCurrentIndex(0); // built-in
        const int iris = builtin->findData("iris");
        QVERIFY(iris >= 0);
        builtin->setCurrentIndex(iris);

        QVERIFY(pick(child<QComboBox>(setup, "objective.model.type"), "mlp"));
        auto* layers = child<QListWidget>(setup, "layerList");
        auto* addLayer = child<QToolButton>(setup, "addLayerButton");
        auto* removeLayer = child<QToolButton>(setup, "removeLayerButton");
        QVERIFY(layers && addLayer && removeLayer);
        while (layers->count() > 0) {
            layers->setCurrentRow(0);
            removeLayer->click();
        }
        addLayer->click();
        QCOMPARE(layers->count(), 1);
        layers->item(0)->setData(Qt::EditRole, 12); // as the in-place spin box commits it
        QVERIFY(pick(child<QComboBox>(setup, "objective.model.activation"), "tanh"));

        QVERIFY(pick(child<QComboBox>(setup, "objective.training.optimizer"), "adam"));
        child<QLineEdit>(setup, "objective.training.learning_rate")->setText("0.02");
        auto* epochs = child<QSpinBox>(setup, "objective.training.epochs");
        QVERIFY(epochs);
        epochs->setValue(8); // a trial takes a fraction of a second
        child<QSpinBox>(setup, "objective.training.batch_size")->setValue(16);
        QVERIFY(pick(child<QComboBox>(setup, "objective.training.schedule.type"), "constant"));

        // Search space: remove every row with the Remove button, add two with Add.
        auto* table = child<QTableView>(setup, "searchSpaceTable");
        auto* addParam = child<QPushButton>(setup, "addParameterButton");
        auto* removeParam = child<QPushButton>(setup, "removeParameterButton");
        QVERIFY(table && addParam && removeParam);
        M* space = form->searchSpaceModel();
        QCOMPARE(table->model(), space);
        while (space->rowCount() > 0) {
            table->setCurrentIndex(space->index(0, M::NameColumn));
            removeParam->click();
        }
        addParam->click();
        addParam->click();
        QCOMPARE(space->rowCount(), 2);
        // Add names a row after the setting tuned most often: the learning rate first. The
        // second one is bound to the dropout, as the name column's editor does it.
        QCOMPARE(space->names().first(), QStringLiteral("training.learning_rate"));
        if (space->names().at(1) != "model.dropout")
            QVERIFY(space->setData(space->index(1, M::NameColumn), "model.dropout"));
        QVERIFY(space->setData(space->index(0, M::TypeColumn), "float"));
        QVERIFY(space->setData(space->index(0, M::LowColumn), "0.001"));
        QVERIFY(space->setData(space->index(0, M::HighColumn), "0.1"));
        space->setData(space->index(0, M::LogColumn), Qt::Checked, Qt::CheckStateRole); // a check box cell
        QCOMPARE(space->data(space->index(0, M::LogColumn), Qt::CheckStateRole).toInt(), int(Qt::Checked));
        QVERIFY(space->setData(space->index(1, M::TypeColumn), "float"));
        QVERIFY(space->setData(space->index(1, M::LowColumn), "0"));
        QVERIFY(space->setData(space->index(1, M::HighColumn), "0.3"));

        QVERIFY(pick(child<QComboBox>(setup, "sampler.type"), "random"));
        child<QSpinBox>(setup, "sampler.seed")->setValue(7);
        QVERIFY(pick(child<QComboBox>(setup, "pruner.type"), "none"));
        child<QSpinBox>(setup, "budget.trials")->setValue(6);
        child<QSpinBox>(setup, "budget.parallel")->setValue(2);

        // What the forms wrote is the spec the window runs.
        auto* start = child<QToolButton>(&window, "startActionButton");
        QVERIFY(start);
        QTRY_VERIFY2(start->isEnabled(), qPrintable(form->firstError()));
        const QJsonObject spec = window.setupPage()->spec();
        QCOMPARE(spec.value("name").toString(), QStringLiteral("flow-iris"));
        QCOMPARE(spec.value("metric").toString(), QStringLiteral("val_loss"));
        const QJsonObject objective = spec.value("objective").toObject();
        QCOMPARE(objective.value("dataset").toObject().value("source").toString(), QStringLiteral("builtin:iris"));
        QCOMPARE(objective.value("model").toObject().value("hidden").toArray(), QJsonArray{12});
        QCOMPARE(objective.value("model").toObject().value("activation").toString(), QStringLiteral("tanh"));
        QCOMPARE(objective.value("training").toObject().value("epochs").toInt(), 8);
        QCOMPARE(spec.value("search_space").toObject().keys(),
                 (QStringList{"model.dropout", "training.learning_rate"}));
        QCOMPARE(spec.value("sampler").toObject().value("type").toString(), QStringLiteral("random"));
        QCOMPARE(spec.value("budget").toObject().value("trials").toInt(), 6);

        // --- 2. Start, and wait for the end ----------------------------------------------
        QSignalSpy ended(&window, &MainWindow::runEnded);
        QTest::mouseClick(start, Qt::LeftButton);
        QTRY_VERIFY(window.isRunning() || ended.count() > 0);
        QVERIFY(!start->isEnabled() || ended.count() > 0);
        QTRY_COMPARE_WITH_TIMEOUT(ended.count(), 1, 120000);
        QVERIFY(!window.isRunning());
        auto* status = child<QLabel>(&window, "statusText");
        QVERIFY2(status->text().startsWith("6 trials run: 6 complete"), qPrintable(status->text()));

        // --- 3. Six finished rows, and the best params exported --------------------------
        widgets::LeaderboardModel* board = window.leaderboardModel();
        QCOMPARE(board->rowCount(), 6);
        for (int row = 0; row < 6; ++row) {
            const FrozenTrial* t = board->trialAt(row);
            QVERIFY(t);
            QVERIFY2(t->state == TrialState::Complete, qPrintable(QString("row %1").arg(row)));
            QVERIFY(t->value && std::isfinite(*t->value));
            QCOMPARE(board->data(board->index(row, widgets::LeaderboardModel::StateColumn)).toString(),
                     QStringLiteral("complete"));
        }

        // Every curve is drawn in its trial's final state, each with all of its 8 epochs.
        widgets::LossCurvesPlot* loss = window.liveView()->lossPlot();
        QTRY_VERIFY(window.curveLoader()->isIdle());
        for (int row = 0; row < 6; ++row) {
            const int n = board->trialAt(row)->number;
            QVERIFY2(loss->trialState(n) == TrialState::Complete, qPrintable(QString("trial %1").arg(n)));
            QCOMPARE(loss->pointCount(n), 8);
        }

        const QString exported = m_dir.filePath("best.json");
        QString askedFilter, askedName;
        window.setSaveFileChooser([&](const QString&, const QString& suggested, const QString& filter) {
            askedFilter = filter;
            askedName = suggested;
            return exported;
        });
        auto* exportButton = child<QToolButton>(&window, "exportBestActionButton");
        QVERIFY(exportButton && exportButton->isEnabled());
        QTest::mouseClick(exportButton, Qt::LeftButton);
        QVERIFY(askedFilter.contains("*.json"));
        QCOMPARE(askedName, QStringLiteral("flow-iris-best.json")); // the dialog's default
        QFile file(exported);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QJsonParseError error;
        const QJsonObject best = QJsonDocument::fromJson(file.readAll(), &error).object();
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));

        // The file against the experiment file itself, through a connection of our own.
        auto storage = StorageOpener::open(experiment);
        const auto record = storage->findStudy("flow-iris");
        QVERIFY(record);
        const auto trials = storage->trials(record->id);
        QCOMPARE(trials.size(), size_t(6));
        double bestValue = INFINITY;
        for (const auto& t : trials) {
            QVERIFY(t.state == TrialState::Complete && t.value);
            bestValue = std::min(bestValue, *t.value);
        }
        QCOMPARE(best.value("study").toString(), QStringLiteral("flow-iris"));
        QCOMPARE(best.value("metric").toString(), QStringLiteral("val_loss"));
        const int number = best.value("trial").toInt(-1);
        QVERIFY(number >= 0 && number < 6);
        const FrozenTrial& stored = trials[static_cast<size_t>(number)];
        QCOMPARE(stored.number, number);
        QCOMPARE(*stored.value, bestValue); // no complete trial is better
        QCOMPARE(best.value("value").toDouble(), *stored.value);
        const QJsonObject params = best.value("params").toObject();
        QCOMPARE(params.size(), static_cast<qsizetype>(stored.params.size()));
        QCOMPARE(stored.params.size(), size_t(2));
        for (const auto& [key, internal] : stored.params) {
            const QJsonValue v = params.value(QString::fromStdString(key));
            QVERIFY2(v.isDouble(), key.c_str());
            QCOMPARE(v.toDouble(), internal); // floats: the internal value is the value
        }
        const double lr = params.value("training.learning_rate").toDouble();
        QVERIFY(lr >= 0.001 && lr <= 0.1);

        QCOMPARE(board->bestTrialNumber(), number);

        // A double-click on the best row of the Leaderboard tab opens the Trial tab.
        window.tabs()->setCurrentWidget(window.leaderboardView());
        QTableView* rows = window.leaderboardView()->table();
        QModelIndex at;
        for (int r = 0; r < rows->model()->rowCount() && !at.isValid(); ++r)
            if (rows->model()->index(r, 0).data(widgets::LeaderboardModel::TrialNumberRole).toInt() == number)
                at = rows->model()->index(r, 0);
        QVERIFY(at.isValid());
        rows->scrollTo(at);
        const QPoint centre = rows->visualRect(at).center();
        QTest::mouseClick(rows->viewport(), Qt::LeftButton, {}, centre);
        QTest::mouseDClick(rows->viewport(), Qt::LeftButton, {}, centre);
        QTRY_COMPARE(window.tabs()->currentWidget(), static_cast<QWidget*>(window.trialView()));
        QCOMPARE(window.tabs()->tabText(window.tabs()->currentIndex()), QStringLiteral("Trial #%1").arg(number));
    }

    // The study of the flow test, opened again: its curves are the stored losses of each
    // trial (the train objective's curve artifact), not its intermediate values.
    void reopenedTrainStudyDrawsStoredLosses()
    {
        const QString experiment = m_dir.filePath("flow.twx");
        if (!QFile::exists(experiment))
            QSKIP("needs the experiment of the flow test");
        MainWindow window;
        window.setProperty("quiet", true);
        QVERIFY(window.openExperiment(experiment, true));
        window.show();
        QCOMPARE(window.trialRowCount(), 6);
        QTRY_VERIFY(window.curveLoader()->isIdle());
        auto storage = StorageOpener::open(experiment);
        const auto trials = storage->trials(storage->findStudy("flow-iris")->id);
        widgets::LossCurvesPlot* plot = window.liveView()->lossPlot();
        QCOMPARE(plot->trialCount(), 6);
        for (const auto& t : trials) {
            const auto points = plot->points(t.number);
            QCOMPARE(points.size(), size_t(8)); // every epoch
            QVERIFY(t.intermediate.size() == 8);
            for (const auto& p : points) {
                QVERIFY(std::isfinite(p.trainLoss) && p.trainLoss > 0);
                QVERIFY(std::isfinite(p.valLoss) && p.valLoss > 0);
            }
            // The metric is val_loss here: the last epoch's intermediate is its val loss.
            QCOMPARE(points.back().valLoss, t.intermediate.rbegin()->second);
        }

        // Opened again in the same window (File > Open recent): the same study shows again.
        QVERIFY(window.openExperiment(experiment, true));
        QCOMPARE(window.trialRowCount(), 6);
        QTRY_VERIFY(window.curveLoader()->isIdle());
        QCOMPARE(plot->pointCount(trials.front().number), 8);
    }

    // #15: a CNN in the form: a block that does not fit disables Start; after the run the
    // best trial's page shows its misclassified validation images.
    void cnnStudyShowsItsMisclassifiedImages()
    {
        MainWindow window;
        window.setProperty("quiet", true);
        QVERIFY(window.openExperiment(m_dir.filePath("cnn.twx"), true));
        window.show();
        QJsonObject spec{
            {"version", 1},
            {"name", "digits-cnn-flow"},
            {"metric", "val_accuracy"},
            {"objective", QJsonObject{{"type", "train"},
                                      {"dataset", QJsonObject{{"source", "builtin:digits"}}},
                                      {"model", QJsonObject{{"type", "cnn"},
                                                            {"conv", QJsonArray{QJsonObject{{"filters", 4}, {"pool", 2}}}},
                                                            {"hidden", QJsonArray{16}}}},
                                      {"training", QJsonObject{{"epochs", 1}, {"learning_rate", 0.003}}}}},
            {"search_space", QJsonObject{}},
            {"budget", QJsonObject{{"trials", 1}}}};
        window.setupPage()->setSpec(spec);
        auto* start = child<QToolButton>(&window, "startActionButton");
        widgets::SpecEditor* form = window.setupPage()->form();
        QTRY_VERIFY2(start->isEnabled(), qPrintable(form->firstError()));
        child<QSpinBox>(&window, "convBlock0.pool")->setValue(16); // 8x8 pooled by 16
        QTRY_VERIFY(!start->isEnabled());
        QVERIFY2(form->firstError().startsWith("objective.model.conv[0].pool"), qPrintable(form->firstError()));
        child<QSpinBox>(&window, "convBlock0.pool")->setValue(2);
        QTRY_VERIFY2(start->isEnabled(), qPrintable(form->firstError()));

        QSignalSpy ended(&window, &MainWindow::runEnded);
        QTest::mouseClick(start, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(ended.count(), 1, 60000);
        window.showTrial(window.leaderboardModel()->bestTrialNumber());
        auto* trial = window.findChild<widgets::TrialDetailView*>();
        widgets::MisclassifiedView* images = trial->misclassifiedView();
        QVERIFY(trial->tabs()->isTabVisible(trial->tabs()->indexOf(images)));
        QTRY_VERIFY(!images->isLoading());
        QVERIFY2(images->headerLabel()->text().contains("validation images misclassified"),
                 qPrintable(images->headerLabel()->text()));
        QVERIFY(!images->grid()->cells().isEmpty()); // one epoch of 4 filters errs somewhere
        QVERIFY(images->grid()->cells().size() <= 64);
    }

    // #13 item 7: an experiment that can only be read opens read-only, says so, never runs.
    void readOnlyExperimentOpensReadOnly()
    {
        const QString folder = m_dir.filePath("readonly");
        std::unique_ptr<test::Tmpfs> fs;
        if (test::Tmpfs::isRoot()) {
            fs = std::make_unique<test::Tmpfs>(folder, "size=8m");
            if (!fs->mounted())
                QSKIP(qPrintable("running as root, but cannot mount a tmpfs: " + fs->error()));
        } else {
            QVERIFY(QDir().mkpath(folder));
        }
        const QString experiment = folder + "/shared.twx";
        {
            auto storage = StorageOpener::open(experiment);
            auto spec = StudySpecParser::parseObject(QJsonObject{
                {"version", 1}, {"name", "kept"}, {"direction", "minimize"},
                {"objective", QJsonObject{{"type", "function"}, {"name", "branin"}}},
                {"search_space", QJsonObject{}}, {"budget", QJsonObject{{"trials", 3}}}});
            QVERIFY2(spec.ok(), qPrintable(spec.error()));
            StudySession::createOrResume(*storage, std::move(spec).value());
        }
        if (fs)
            QVERIFY(fs->remount(MS_RDONLY, "size=8m"));
        else
            QVERIFY(QFile::setPermissions(experiment, QFileDevice::ReadOwner) &&
                    QFile::setPermissions(folder, QFileDevice::ReadOwner | QFileDevice::ExeOwner));
        {
            MainWindow window;
            window.setProperty("quiet", true);
            QVERIFY(window.openExperiment(experiment, true));
            QVERIFY(window.isReadOnly());
            QVERIFY2(window.windowTitle().endsWith("(read-only)"), qPrintable(window.windowTitle()));
            const auto labels = window.statusBar()->findChildren<QLabel*>();
            QVERIFY(std::any_of(labels.begin(), labels.end(),
                                [](QLabel* l) { return l->text().contains("read-only"); }));
            QVERIFY(!window.startStudy());
            const auto studies = window.findChildren<QListWidget*>();
            QVERIFY(std::any_of(studies.begin(), studies.end(), [](QListWidget* l) {
                return !l->findItems("kept", Qt::MatchExactly).isEmpty();
            }));
        }
        if (!fs) {
            QFile::setPermissions(folder, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
            QFile::setPermissions(experiment, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        }
    }

    // #13 item 21: a command study stored by someone else runs only after the user has
    // seen its exact command and said yes; the yes is remembered.
    void storedCommandAsksBeforeItsFirstTrial()
    {
        const QString experiment = m_dir.filePath("received.twx");
        const QJsonObject specJson{
            {"version", 1}, {"name", "received"},
            {"objective", QJsonObject{{"type", "command"},
                                      {"argv", QJsonArray{"/bin/sh", tw::test::testData("commands/slow.sh"), "{x}"}},
                                      {"workdir", m_dir.path()}}},
            {"search_space", QJsonObject{{"x", QJsonObject{{"type", "float"}, {"low", 0}, {"high", 1}}}}},
            {"sampler", QJsonObject{{"type", "random"}, {"seed", 1}}},
            {"budget", QJsonObject{{"trials", 2}}}};
        {
            // Created elsewhere: through the engine, which approves nothing.
            auto storage = StorageOpener::open(experiment);
            auto spec = StudySpecParser::parseObject(specJson);
            QVERIFY2(spec.ok(), qPrintable(spec.error()));
            StudySession::createOrResume(*storage, std::move(spec).value());
        }
        QTemporaryDir data; // this user's data folder, with no approvals
        const QByteArray previousData = qgetenv("XDG_DATA_HOME");
        qputenv("XDG_DATA_HOME", data.path().toUtf8());
        MainWindow window;
        window.setProperty("quiet", true);
        QString asked;
        bool answer = false;
        window.setTrustQuestion([&](const QString& study, const QString& details) {
            asked = study + "\n" + details;
            return answer;
        });
        QVERIFY(window.openExperiment(experiment, true));
        window.selectStudy("received");
        QTRY_VERIFY(window.setupPage()->isValid());
        QVERIFY(!window.startStudy()); // declined: nothing runs
        QVERIFY2(asked.contains("received\n") && asked.contains("slow.sh") &&
                     asked.contains("working folder: " + m_dir.path()),
                 qPrintable(asked));
        auto storage = StorageOpener::open(experiment);
        const auto id = storage->findStudy("received")->id;
        QCOMPARE(storage->trials(id).size(), size_t(0));

        asked.clear();
        answer = true;
        QSignalSpy ended(&window, &MainWindow::runEnded);
        QVERIFY(window.startStudy());
        QVERIFY(!asked.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(ended.count(), 1, 60000);
        QCOMPARE(storage->trials(id).size(), size_t(2));
        QVERIFY(CommandTrust::isApproved(*StudySpecParser::parseObject(specJson), "received"));
        // Approved now: the next start asks nothing.
        asked.clear();
        QVERIFY(window.startStudy());
        QTRY_COMPARE_WITH_TIMEOUT(ended.count(), 2, 60000);
        QVERIFY(asked.isEmpty());
        qputenv("XDG_DATA_HOME", previousData);
    }

    // #18 item 5: Pause pauses the run's StopRequest; the run ends paused with every trial
    // it started complete, and Resume (a new request) runs the rest of the budget.
    void pauseThenResumeReachesTheBudget()
    {
        const QString experiment = m_dir.filePath("paused.twx");
        const QJsonObject specJson{
            {"version", 1}, {"name", "paused"},
            {"objective", QJsonObject{{"type", "function"}, {"name", "branin"}}},
            {"search_space", QJsonObject{{"x0", QJsonObject{{"type", "float"}, {"low", -5}, {"high", 10}}},
                                         {"x1", QJsonObject{{"type", "float"}, {"low", 0}, {"high", 15}}}}},
            {"sampler", QJsonObject{{"type", "random"}, {"seed", 3}}},
            {"budget", QJsonObject{{"trials", 200}}}};
        {
            auto storage = StorageOpener::open(experiment);
            auto spec = StudySpecParser::parseObject(specJson);
            QVERIFY2(spec.ok(), qPrintable(spec.error()));
            StudySession::createOrResume(*storage, std::move(spec).value());
        }
        MainWindow window;
        window.setProperty("quiet", true);
        QVERIFY(window.openExperiment(experiment, true));
        window.selectStudy("paused");
        QTRY_VERIFY(window.setupPage()->isValid());
        auto* pause = window.findChild<QAction*>("pauseAction");
        auto* resume = window.findChild<QAction*>("resumeAction");
        QVERIFY(pause && resume);

        QSignalSpy ended(&window, &MainWindow::runEnded);
        QVERIFY(window.startStudy());
        QVERIFY(pause->isEnabled());
        pause->trigger();  // at once: the engine thread is still opening the study, or at its first trials
        QTRY_COMPARE_WITH_TIMEOUT(ended.count(), 1, 60000);
        QVERIFY(!window.isRunning());
        QVERIFY(resume->isEnabled());
        auto storage = StorageOpener::open(experiment);
        const auto id = storage->findStudy("paused")->id;
        const auto afterPause = storage->trials(id);
        QVERIFY2(afterPause.size() < 200, qPrintable(QString::number(afterPause.size())));
        for (const auto& t : afterPause)
            QVERIFY(t.state == TrialState::Complete);

        resume->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(ended.count(), 2, 60000);
        QVERIFY(!resume->isEnabled());
        const auto all = storage->trials(id);
        QCOMPARE(all.size(), size_t(200));
        for (const auto& t : all)
            QVERIFY(t.state == TrialState::Complete);
        auto* status = child<QLabel>(&window, "statusText");
        QVERIFY2(status->text().contains(QString("%1 complete").arg(200 - afterPause.size())),
                 qPrintable(status->text()));
    }

private:
    QTemporaryDir m_dir;
};

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
