// tunewright: the desktop workbench.
#include "BuildInfo.h"
#include "MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QPixmap>
#include <QTextStream>
#include <QTimer>

int main(int argc, char** argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName("tunewright");
    QApplication::setOrganizationName("tunewright");
    QApplication::setApplicationVersion(tw::build::version);

    QCommandLineParser parser;
    parser.setApplicationDescription("Tunewright: train, tune and optimize ML models");
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption screenshot("screenshot", "Render the main window offscreen, save it as a PNG and exit.", "FILE");
    parser.addOption(screenshot);
    parser.process(app);

    tw::gui::MainWindow window;
    window.show();
    if (parser.isSet(screenshot)) {
        const QString file = parser.value(screenshot);
        QTimer::singleShot(300, &window, [&window, file] {
            const bool ok = window.grab().save(file, "PNG");
            if (!ok)
                QTextStream(stderr) << "tunewright: cannot write screenshot to " << file << "\n";
            QApplication::exit(ok ? 0 : 2);
        });
    }
    return app.exec();
}
