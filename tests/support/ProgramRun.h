#pragma once
// Runs one of the programs built next to the tests (tunewright, tunewright-cli) as a user
// would from a terminal, and keeps what it printed.
#include "support/TestPaths.h"

#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>

namespace tw::test {

struct ProgramResult {
    int exitCode = -1; // -1: it did not finish normally (err says why)
    QString out;
    QString err;
};

struct ProgramOptions {
    QString workingDir;                                            // empty: the test's own
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    int timeoutMs = 120000;
};

inline ProgramResult runProgram(const QString& program, const QStringList& args,
                                const ProgramOptions& options = {})
{
    QProcess p;
    p.setProcessEnvironment(options.env);
    if (!options.workingDir.isEmpty())
        p.setWorkingDirectory(options.workingDir);
    p.start(binPath(program), args);
    ProgramResult r;
    if (!p.waitForFinished(options.timeoutMs)) {
        p.kill(); // an overrunning program is stopped, not left behind the test
        p.waitForFinished();
        r.err = program + QStringLiteral(" did not finish in %1 ms").arg(options.timeoutMs);
        return r;
    }
    if (p.exitStatus() != QProcess::NormalExit) {
        r.err = program + QStringLiteral(" did not finish normally: ") + p.errorString();
        return r;
    }
    r.exitCode = p.exitCode();
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

// tunewright-cli ARGS, in `workingDir` when given.
inline ProgramResult runCli(const QStringList& args, const QString& workingDir = {})
{
    ProgramOptions options;
    options.workingDir = workingDir;
    return runProgram(QStringLiteral("tunewright-cli"), args, options);
}

} // namespace tw::test
