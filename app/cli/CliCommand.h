#pragma once
#include <QString>
#include <QStringList>

#include <exception>
#include <functional>
#include <vector>

namespace tw::cli {

// Exit codes of tunewright-cli: 0 success, 2 bad input (with a message), 1 internal or
// environment error (disk full, read-only storage, a file that cannot be written).
enum ExitCode { ExitOk = 0, ExitInternal = 1, ExitBadInput = 2 };

// The exit code for a storage error: 1 when the machine is at fault
// (StorageEnvironmentError), 2 otherwise.
int storageExitCode(const std::exception& e);

// One top-level command of tunewright-cli ("dataset", "train", "run", ...). Each lives in
// its own file and registers itself with a static CliCommand::Registrar, so adding a
// command never edits a shared list. `run` gets the arguments after the command's name.
struct CliCommand {
    QString name;
    QString summary;  // one line for `tunewright-cli --help`
    std::function<int(const QStringList& args)> run;

    static std::vector<CliCommand>& all();
    static const CliCommand* find(const QString& name);

    struct Registrar {
        explicit Registrar(CliCommand command);
    };
};

} // namespace tw::cli
