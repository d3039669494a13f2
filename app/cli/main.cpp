// tunewright-cli: the headless face of the engine. Commands live in app/cli/*Command.cpp.
#include "BuildInfo.h"
#include "CliCommand.h"
#include "core/UserMessage.h"

#include <QCoreApplication>
#include <QTextStream>

#include <Eigen/Core>

#include <exception>

using tw::cli::CliCommand;

namespace {

void printUsage(QTextStream& out)
{
    out << "Usage: tunewright-cli COMMAND [ARGS...]\n\n"
        << "Commands:\n";
    for (const auto& c : CliCommand::all())
        out << "  " << c.name.leftJustified(14) << c.summary << "\n";
    out << "\nOptions:\n"
        << "  --version     print the version and the build flags\n"
        << "  --help        print this help; COMMAND --help for a command's own\n";
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName("tunewright");
    QCoreApplication::setOrganizationName("tunewright");
    QCoreApplication::setApplicationVersion(tw::build::version);

    QStringList args = app.arguments().mid(1);
    QTextStream out(stdout);
    QTextStream err(stderr);
    if (args.isEmpty() || args.first() == "--help" || args.first() == "-h") {
        printUsage(args.isEmpty() ? err : out);
        return args.isEmpty() ? tw::cli::ExitBadInput : tw::cli::ExitOk;
    }
    if (args.first() == "--version") {
        out << "tunewright-cli " << tw::build::version << "\n"
            << "build: " << tw::build::flags << "\n"
            << "Qt " << qVersion() << ", Eigen " << EIGEN_WORLD_VERSION << "." << EIGEN_MAJOR_VERSION
            << "." << EIGEN_MINOR_VERSION << "\n";
        return tw::cli::ExitOk;
    }
    const QString name = args.takeFirst();
    const CliCommand* command = CliCommand::find(name);
    if (!command) {
        err << "tunewright-cli: unknown command '" << name << "'\n\n";
        printUsage(err);
        return tw::cli::ExitBadInput;
    }
    try {
        return command->run(args);
    } catch (const std::exception& e) {
        err << "tunewright-cli " << name << ": internal error: "
            << QString::fromStdString(tw::UserMessage::clean(e.what())) << "\n";
        return tw::cli::ExitInternal;
    }
}
