#pragma once
#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>

#include <functional>
#include <map>
#include <optional>
#include <stop_token>
#include <string>

namespace tw {

// Runs one trial of a `command` objective: the protocol of docs/study-spec.md.
//  - `{name}` in argv is replaced by the trial's value (floats in shortest round-trip
//    form, ints as integers, bools true/false, strings as they are, lists and objects as
//    compact JSON; `{{` and `}}` are literal braces);
//  - TW_PARAMS (all params as a JSON object), TW_TRIAL_ID and TW_STUDY in the environment,
//    and with a trial folder TW_TRIAL_DIR (created) and TW_PRUNE_FILE (the prune marker);
//  - stdout lines are read by CommandProtocol: {"step": s, "value": v} are intermediate
//    values, {"value": v} the result (the last one wins); other lines are ignored but
//    kept in the log;
//  - a non-zero exit, a timeout or no result fails the trial with the last 20 lines of
//    stderr as the reason;
//  - pruning writes the prune marker, waits up to pruneGraceSeconds for the command to
//    exit by itself, then, as cancelling does, sends
//    SIGTERM to the process group, then SIGKILL after killGraceSeconds;
//  - after the trial the marker is removed, and the trial folder if it is left empty.
// No process started for a trial outlives it: the command runs in a process group of its
// own, which is killed (SIGKILL) when the trial ends, however it ends. Should this
// process die first (even by kill -9), the command gets SIGKILL (PR_SET_PDEATHSIG) and a
// small watcher in the group, which waits on a pipe only this process holds open, kills
// the rest of the group. A program that leaves the group on purpose (setsid, setpgid)
// escapes this, as daemons do.
// Blocking: call it from a trial's worker thread (no event loop needed there).
class CommandRunner {
public:
    struct Request {
        QStringList argv;          // with placeholders
        QString workdir;           // absolute
        QJsonObject params;        // name -> JSON value
        int trialNumber = 0;
        QString studyName;
        double timeoutSeconds = 0; // 0: none
        double killGraceSeconds = 5.0;
        double pruneGraceSeconds = 0;  // "prune_grace_s"
        QString trialDir;              // absolute; empty: no trial folder, no marker
        QMap<QString, QString> env; // extra environment variables
    };
    enum class Status { Complete, Failed, Pruned, Cancelled };
    struct Result {
        Status status = Status::Failed;
        std::optional<double> value;
        std::map<std::string, double> metrics;  // the result line's "metrics"
        QString reason;
        QByteArray stdoutLog;  // the newest logCap bytes
        QByteArray stderrLog;
        int exitCode = -1;
        int signal = 0;            // the signal that killed the command, if one did
        bool environment = false;  // failed by the machine (a signal, a timeout), not the setup
        qint64 processGroup = 0;   // the group the trial ran in (killed at its end)
    };
    // Called for each intermediate value; return true to prune the trial.
    using ReportFn = std::function<bool(long long step, double value)>;

    static Result run(const Request& request, const ReportFn& report, std::stop_token stop,
                      std::size_t logCap = 1u << 20);

    // The argv with placeholders replaced (ArgvTemplate's rules); throws
    // std::invalid_argument naming the argument when a name is not a parameter or a
    // brace is unmatched.
    // WORKDIR/tw-trials/STUDY/trial-NUMBER, the study's name kept to letters, digits, '-',
    // '_' and '.' (others become '_').
    static QString trialDirFor(const QString& workdir, const QString& studyName, int trialNumber);

    static QStringList renderArgv(const QStringList& argv, const QJsonObject& params);
    // "SIGSEGV" for 11: the name of a signal, or "signal N" when it has none.
    static QString signalName(int signal);
};

} // namespace tw
