#pragma once
#include <QString>
#include <QStringList>

#include <functional>
#include <vector>

namespace tw::cli {

// Exit codes of tunewright-cli: 0 success, 2 bad input (with a message), 1 internal error.
enum ExitCode { ExitOk = 0, ExitInternal = 1, ExitBadInput = 2 };

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
