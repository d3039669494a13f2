// tunewright: the desktop workbench.
#include "BuildInfo.h"
#include "CurveLoader.h"
#include "MainWindow.h"
#include "PlotExport.h"
#include "SetupTab.h"
#include "analysis/AnalysisView.h"
#include "setup/SpecEditor.h"
#include "leaderboard/LeaderboardModel.h"
#include "trial/MisclassifiedView.h"
#include "trial/TrialDetailView.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QIcon>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPixmap>
#include <QSettings>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

#include <cstdio>
#include <cstring>
#include <initializer_list>
#include <memory>

namespace {

// Shows `tab` (and `view`) of the window's current study, then saves the window as a PNG and
// quits. The best trial's pages, the misclassified images and the Analysis tab's importance
// are waited for, since they load off the GUI thread.
void showAndSave(tw::gui::MainWindow& window, const QString& file, const QString& tab, const QString& view)
{
    auto save = [&window, file] {
        const int code = window.grab().save(file, "PNG") ? 0 : 2;
        if (code)
            QTextStream(stderr) << "tunewright: cannot write " << file << "\n";
        QApplication::exit(code);
    };
    auto* trial = window.findChild<tw::widgets::TrialDetailView*>();
    if (tab == "trial" || tab == "why" || tab == "misclassified") {
        window.showTrial(window.leaderboardModel()->bestTrialNumber());
        if (tab == "why")
            trial->showWhyPage();
        if (tab == "misclassified") {
            trial->showMisclassifiedPage();
            if (trial->misclassifiedView()->isLoading()) {
                QObject::connect(trial->misclassifiedView(), &tw::widgets::MisclassifiedView::imagesShown, &window,
                                 [save] { QTimer::singleShot(400, save); }, Qt::SingleShotConnection);
                return;
            }
        }
    } else {
        window.tabs()->setCurrentIndex(tab == "leaderboard" ? 2 : tab == "analysis" ? 4 : 1);
    }
    auto* analysis = window.analysisView();
    if (tab == "analysis") {
        analysis->showView(view);
        analysis->refreshNow();
        if (analysis->importanceBusy()) {
            QObject::connect(analysis, &tw::widgets::AnalysisView::importanceUpdated, &window,
                             [save] { QTimer::singleShot(400, save); }, Qt::SingleShotConnection);
            return;
        }
    }
    QTimer::singleShot(400, &window, save);
}

// Renders a study stored in an experiment file or database, as it is: nothing runs. The
// curves of its finished trials load in slices, so the picture waits for them.
int screenshotStored(tw::gui::MainWindow& window, const QString& file, const QString& experiment,
                     const QString& study, const QString& tab, const QString& view)
{
    window.setProperty("quiet", true);
    // A picture of a stored study never creates one.
    if (!experiment.contains(QLatin1String("://")) && !QFile::exists(experiment)) {
        QTextStream(stderr) << "tunewright: no experiment file " << experiment << "\n";
        return 2;
    }
    if (!window.openExperiment(experiment, true)) {
        QTextStream(stderr) << "tunewright: cannot open " << experiment << "\n";
        return 2;
    }
    if (!study.isEmpty())
        window.selectStudy(study);
    window.resize(1400, 900);
    window.show();
    if (tab == "setup") {
        window.tabs()->setCurrentIndex(0);
        QTimer::singleShot(300, &window, [&window, view] { window.setupPage()->form()->showSection(view); });
        QTimer::singleShot(600, &window, [&window, file] {
            const int code = window.grab().save(file, "PNG") ? 0 : 2;
            QApplication::exit(code);
        });
        return QApplication::exec();
    }
    // The study's trials are read first, then their curves are queued: wait for both.
    auto* poll = new QTimer(&window);
    poll->setInterval(100);
    auto ticks = std::make_shared<int>(0);
    QObject::connect(poll, &QTimer::timeout, &window, [&window, poll, ticks, file, tab, view] {
        if (++*ticks < 5 || !window.curveLoader()->isIdle())
            return;
        poll->stop();
        QTimer::singleShot(300, &window, [&window, file, tab, view] { showAndSave(window, file, tab, view); });
    });
    poll->start();
    return QApplication::exec();
}

// Renders the window with an example study that has run, for the README and the docs.
int takeScreenshot(tw::gui::MainWindow& window, const QString& file, const QString& example, const QString& tab,
                   const QString& view)
{
    static QTemporaryDir dir;
    window.setProperty("quiet", true);
    if (!window.openExperiment(dir.filePath("screenshot.twx"), true))
        return 2;
    QFile f(":/examples/" + example + ".json");
    if (!f.open(QIODevice::ReadOnly)) {
        QTextStream(stderr) << "tunewright: no example named '" << example << "'\n";
        return 2;
    }
    const QJsonObject spec = QJsonDocument::fromJson(f.readAll()).object();
    window.setupPage()->setSpec(spec);
    window.resize(1400, 900);
    window.show();
    if (tab == "setup") { // the form before a run: no need to wait for one (an hour for some examples)
        window.tabs()->setCurrentIndex(0);
        QTimer::singleShot(300, &window, [&window, view] { window.setupPage()->form()->showSection(view); });
        QTimer::singleShot(600, &window, [&window, file] {
            const int code = window.grab().save(file, "PNG") ? 0 : 2;
            if (code)
                QTextStream(stderr) << "tunewright: cannot write " << file << "\n";
            QApplication::exit(code);
        });
        return QApplication::exec();
    }
    QObject::connect(&window, &tw::gui::MainWindow::runEnded, &window, [&window, file, tab, view] {
        QTimer::singleShot(600, &window, [&window, file, tab, view] { showAndSave(window, file, tab, view); });
    });
    if (!window.startStudy()) {
        QTextStream(stderr) << "tunewright: the example's spec is invalid\n";
        return 2;
    }
    return QApplication::exec();
}

bool hasArgument(int argc, char** argv, std::initializer_list<const char*> names)
{
    for (int i = 1; i < argc; ++i)
        for (const char* name : names) {
            const std::size_t n = std::strlen(name);
            if (std::strncmp(argv[i], name, n) == 0 && (argv[i][n] == '\0' || argv[i][n] == '='))
                return true;
        }
    return false;
}

// Qt aborts when it finds no display. Runs that show no window (--help, --version,
// --screenshot, --plot) go offscreen instead, and a plain start says what is missing. Returns
// false when the program should stop.
bool chooseDisplay(int argc, char** argv)
{
    if (!qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") || !qEnvironmentVariableIsEmpty("DISPLAY") ||
        !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
        return true;
    if (hasArgument(argc, argv, {"-platform", "--platform"})) // Qt's own option decides
        return true;
    if (hasArgument(argc, argv, {"--screenshot", "--plot", "-h", "--help", "--help-all", "-v", "--version"})) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
        return true;
    }
    std::fputs("tunewright: no display: neither DISPLAY nor WAYLAND_DISPLAY is set. Start it in a "
               "desktop session (or ssh -X), run studies headless with tunewright-cli, or set "
               "QT_QPA_PLATFORM=offscreen.\n",
               stderr);
    return false;
}

} // namespace

int main(int argc, char** argv)
{
    if (!chooseDisplay(argc, argv))
        return 2;
    QApplication app(argc, argv);
    QApplication::setApplicationName("tunewright");
    QApplication::setOrganizationName("tunewright");
    QApplication::setApplicationVersion(tw::build::version);
    QIcon icon;
    for (int size : {32, 64, 256})
        icon.addFile(QString(":/icons/tunewright-%1.png").arg(size), QSize(size, size));
    QApplication::setWindowIcon(icon);

    QCommandLineParser parser;
    parser.setApplicationDescription("Tunewright: train, tune and optimize ML models");
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption screenshot("screenshot", "Run an example study offscreen (or, given EXPERIMENT, show the study stored there without running it), save the window as a PNG and exit.", "FILE");
    QCommandLineOption study("study", "The example study for --screenshot (default: iris-mlp-gp); with --plot, the stored study.",
                             "NAME", "iris-mlp-gp");
    QCommandLineOption plot("plot", "Draw one plot of a stored study offscreen into --out and exit: " +
                                        tw::gui::PlotExport::kinds().join(", ") + ".", "KIND");
    QCommandLineOption out("out", "The file --plot writes: .png, .pdf or .svg.", "FILE");
    QCommandLineOption storage("storage", "With --plot: the experiment file or storage URL (default: the default experiment).", "URL");
    QCommandLineOption params("params", "With --plot: slice, parallel or importance of only these parameters, comma-separated; contour: its x,y.", "a,b");
    QCommandLineOption width("width", "With --plot: the image's width in pixels (default 1000).", "W", "1000");
    QCommandLineOption height("height", "With --plot: the image's height in pixels (default 700).", "H", "700");
    QCommandLineOption tab("tab", "The tab --screenshot shows: setup (the form, without running the study), live (default), leaderboard, trial (the best trial), why (the best trial's Why this trial page), misclassified (the best trial's misclassified images) or analysis.",
                           "NAME", "live");
    parser.addOption(screenshot);
    parser.addOption(study);
    parser.addOption(tab);
    QCommandLineOption view("view", "With --tab analysis: the view shown: " + tw::widgets::AnalysisView::viewNames().join(", ") +
                                        " (default importance). With --tab setup: the section scrolled to: " +
                                        tw::widgets::SpecEditor::sectionNames().join(", ") + ".",
                            "NAME", "importance");
    parser.addOption(view);
    for (const auto* o : {&plot, &out, &storage, &params, &width, &height})
        parser.addOption(*o);
    parser.addPositionalArgument("experiment", "An experiment file (.twx) or storage URL to open.", "[EXPERIMENT]");
    parser.process(app);

    // A screenshot run keeps its settings (recent files, geometry) in a folder of its own,
    // so the user's recent-files menu never lists its throwaway experiment.
    QTemporaryDir screenshotSettings;
    if (parser.isSet(screenshot)) {
        QSettings::setDefaultFormat(QSettings::IniFormat);
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, screenshotSettings.path());
    }
    if (parser.isSet(plot)) {
        tw::gui::PlotRequest request;
        request.kind = parser.value(plot);
        request.out = parser.value(out);
        request.storage = parser.value(storage);
        request.study = parser.isSet(study) ? parser.value(study) : QString();
        if (parser.isSet(params))
            request.params = parser.value(params).split(',', Qt::SkipEmptyParts);
        bool okW = false, okH = false;
        request.width = parser.value(width).toInt(&okW);
        request.height = parser.value(height).toInt(&okH);
        if (!okW || !okH) {
            QTextStream(stderr) << "tunewright: --width and --height take whole numbers of pixels\n";
            return 2;
        }
        QString error;
        const int code = tw::gui::PlotExport::run(request, &error);
        if (code != 0)
            QTextStream(stderr) << "tunewright --plot: " << error << "\n";
        return code;
    }
    tw::gui::MainWindow window;
    if (parser.isSet(screenshot)) {
        const QString tabName = parser.value(tab).toLower();
        if (!QStringList{"setup", "live", "leaderboard", "trial", "why", "misclassified", "analysis"}.contains(tabName)) {
            QTextStream(stderr) << "tunewright: --tab takes setup, live, leaderboard, trial, why, misclassified or analysis, not '" << tabName << "'\n";
            return 2;
        }
        const QString viewName = parser.value(view).toLower();
        const bool setupView = tabName == "setup";
        const QStringList views = setupView ? tw::widgets::SpecEditor::sectionNames() : tw::widgets::AnalysisView::viewNames();
        if (!views.contains(viewName) && !(setupView && !parser.isSet(view))) {
            QTextStream(stderr) << "tunewright: --view takes " << views.join(", ") << ", not '" << viewName << "'\n";
            return 2;
        }
        const QStringList stored = parser.positionalArguments();
        if (!stored.isEmpty())
            return screenshotStored(window, parser.value(screenshot), stored.first(),
                                    parser.isSet(study) ? parser.value(study) : QString(), tabName, viewName);
        return takeScreenshot(window, parser.value(screenshot), parser.value(study), tabName, viewName);
    }
    const QStringList positional = parser.positionalArguments();
    if (!window.openExperiment(positional.isEmpty() ? QString() : positional.first()))
        window.openExperiment(QString(), true);
    window.show();
    return QApplication::exec();
}
