// tunewright: the desktop workbench.
#include "BuildInfo.h"
#include "MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QPixmap>
#include <QTextStream>
#include <QTimer>

int main(int argc, char** argv)
{
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
