#include "objectives/CommandRunner.h"

#include "objectives/CommandProtocol.h"
#include "spec/ArgvTemplate.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QProcess>
#include <QProcessEnvironment>

#include <cerrno>
#include <cmath>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <limits>
#include <mutex>
#include <stdexcept>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

namespace tw {

namespace {

void appendCapped(QByteArray& log, const QByteArray& chunk, std::size_t cap)
{
    log.append(chunk);
    if (static_cast<std::size_t>(log.size()) > cap)
        log.remove(0, log.size() - static_cast<qsizetype>(cap));
}

QString lastLines(const QByteArray& text, int n)
{
    QList<QByteArray> lines = text.trimmed().split('\n');
    if (lines.size() > n)
        lines = lines.mid(lines.size() - n);
    return QString::fromUtf8(lines.join('\n'));
}

// The read end of a pipe whose write end only this process holds (both ends close on
// exec): a trial's watcher reads it and sees end-of-file when this process is gone.
int lifelineReadEnd()
{
    static int readEnd = -1;
    static std::once_flag once;
    std::call_once(once, [] {
        int fds[2];
        if (::pipe2(fds, O_CLOEXEC) == 0)
            readEnd = fds[0];  // fds[1] stays open, unused, until this process ends
    });
    return readEnd;
}

// In the child, between fork and exec: only async-signal-safe calls.
void prepareTrialChild(pid_t tool, int lifeline)
{
    ::setpgid(0, 0);
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != tool)
        ::_exit(127);  // the tool died before prctl took effect
    if (lifeline < 0)
        return;
    const pid_t middle = ::fork();
    if (middle == 0) {
        if (::fork() == 0) {
            // The watcher: reparented (its parent exits at once), in the trial's group.
            const int null = ::open("/dev/null", O_RDWR);
            if (null >= 0) {
                ::dup2(null, 0);
                ::dup2(null, 1);
                ::dup2(null, 2);
            }
            for (int fd = 3; fd < 1024; ++fd)
                if (fd != lifeline)
                    ::close(fd);
            char c;
            for (;;) {
                const ssize_t n = ::read(lifeline, &c, 1);
                if (n < 0 && errno == EINTR)
                    continue;
                break;
            }
            ::kill(0, SIGKILL);  // the whole group, itself last
            ::_exit(0);
        }
        ::_exit(0);
    }
    if (middle > 0)
        while (::waitpid(middle, nullptr, 0) < 0 && errno == EINTR) {
        }
}

// Whatever is left of the trial's process group: its command has ended.
void killGroup(qint64 group)
{
    if (group > 0)
        ::kill(-static_cast<pid_t>(group), SIGKILL);
}

// Signals the whole process group (the command and whatever it started), then reaps.
void stopGroup(QProcess& p, double graceSeconds)
{
    const qint64 pid = p.processId();
    if (pid <= 0)
        return;
    ::kill(-static_cast<pid_t>(pid), SIGTERM);
    if (!p.waitForFinished(static_cast<int>(graceSeconds * 1000))) {
        ::kill(-static_cast<pid_t>(pid), SIGKILL);
        p.waitForFinished(5000);
    }
}

// Writes the prune marker (atomically enough for a reader that only checks existence).
void writeMarker(const QString& path, long long step, double value)
{
    QFile f(path);
    if (f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        f.write(QJsonDocument(QJsonObject{{"step", step}, {"value", std::isfinite(value) ? QJsonValue(value)
                                                                                       : QJsonValue(QString::number(value))}})
                    .toJson(QJsonDocument::Compact) + '\n');
}

// After the trial: the marker goes, and so do the folders the trial left empty.
void cleanTrialDir(const QString& trialDir, const QString& marker)
{
    if (trialDir.isEmpty())
        return;
    QFile::remove(marker);
    QDir dir(trialDir);
    for (int up = 0; up < 3 && dir.exists() && dir.isEmpty(); ++up) {
        const QString name = dir.dirName();
        if (!dir.cdUp() || !dir.rmdir(name))
            break;
    }
}

} // namespace

QString CommandRunner::signalName(int signal)
{
    if (const char* abbrev = ::sigabbrev_np(signal))
        return QStringLiteral("SIG") + QString::fromLatin1(abbrev);
    return QStringLiteral("signal %1").arg(signal);
}

QString CommandRunner::trialDirFor(const QString& workdir, const QString& studyName, int trialNumber)
{
    QString safe;
    for (const QChar c : studyName)
        safe += (c.isLetterOrNumber() || c == u'-' || c == u'_' || c == u'.') ? c : QChar(u'_');
    if (safe.isEmpty() || safe.startsWith(u'.'))
        safe.prepend(u'_');
    return QDir(workdir).filePath(QStringLiteral("tw-trials/%1/trial-%2").arg(safe).arg(trialNumber));
}

QStringList CommandRunner::renderArgv(const QStringList& argv, const QJsonObject& params)
{
    QStringList out;
    for (int a = 0; a < argv.size(); ++a) {
        QString error;
        const auto rendered = ArgvTemplate::render(argv[a], params, &error);
        if (!rendered)
            throw std::invalid_argument(QString("objective.argv[%1]: %2").arg(a).arg(error).toStdString());
        out << *rendered;
    }
    return out;
}

CommandRunner::Result CommandRunner::run(const Request& request, const ReportFn& report,
                                         std::stop_token stop, std::size_t logCap)
{
    Result result;
    struct GroupGuard {
        Result& r;
        ~GroupGuard() { killGroup(r.processGroup); }
    } groupGuard{result};
    QStringList argv;
    try {
        argv = renderArgv(request.argv, request.params);
    } catch (const std::invalid_argument& e) {
        result.reason = QString::fromStdString(e.what());
        return result;
    }
    if (argv.isEmpty()) {
        result.reason = "objective.argv is empty";
        return result;
    }
    if (stop.stop_requested()) {
        // Cancelled before it began (#18, the objective contract): nothing is started.
        result.status = Status::Cancelled;
        result.reason = "cancelled";
        return result;
    }

    QProcess process;
    process.setProgram(argv.first());
    process.setArguments(argv.mid(1));
    process.setWorkingDirectory(request.workdir);
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (auto it = request.env.cbegin(); it != request.env.cend(); ++it)
        env.insert(it.key(), it.value());
    env.insert("TW_PARAMS", QString::fromUtf8(QJsonDocument(request.params).toJson(QJsonDocument::Compact)));
    env.insert("TW_TRIAL_ID", QString::number(request.trialNumber));
    env.insert("TW_STUDY", request.studyName);
    const QString marker = request.trialDir.isEmpty() ? QString() : request.trialDir + QStringLiteral("/.tw-prune");
    if (!request.trialDir.isEmpty()) {
        if (QDir().mkpath(request.trialDir)) {
            QFile::remove(marker);  // left by an earlier run of this trial
            env.insert("TW_TRIAL_DIR", request.trialDir);
            env.insert("TW_PRUNE_FILE", marker);
        } else {
            result.stderrLog = "tunewright: cannot create the trial folder " + request.trialDir.toUtf8() +
                               "; TW_TRIAL_DIR is not set\n";
        }
    }
    process.setProcessEnvironment(env);
    // Its own process group, so pruning stops the command and everything it started, and
    // nothing of it outlives this process (see the header).
    const pid_t tool = ::getpid();
    const int lifeline = lifelineReadEnd();
    process.setChildProcessModifier([tool, lifeline] { prepareTrialChild(tool, lifeline); });
    process.start();
    if (!process.waitForStarted(30000)) {
        cleanTrialDir(request.trialDir, marker);
        result.reason = QString("cannot start '%1' in %2: %3")
                            .arg(argv.first(), request.workdir, process.errorString());
        return result;
    }
    result.processGroup = process.processId();

    QByteArray pending;
    QElapsedTimer clock;
    clock.start();
    bool finished = false;
    long long pruneStep = 0;
    double pruneValue = 0;
    bool pruned = false;  // once decided, later lines are not reported
    auto drain = [&] {
        const QByteArray out = process.readAllStandardOutput();
        appendCapped(result.stdoutLog, out, logCap);
        appendCapped(result.stderrLog, process.readAllStandardError(), logCap);
        pending += out;
        qsizetype nl;
        bool prune = false;
        while ((nl = pending.indexOf('\n')) >= 0) {
            const CommandProtocol::Line line = CommandProtocol::parse(QByteArrayView(pending).first(nl));
            pending.remove(0, nl + 1);
            if (line.kind == CommandProtocol::Line::Kind::Intermediate) {
                if (!pruned && report && report(line.step, line.value)) {
                    prune = pruned = true;
                    pruneStep = line.step;
                    pruneValue = line.value;
                }
            } else if (line.kind == CommandProtocol::Line::Kind::Result) {
                result.value = line.value;
                result.metrics = line.metrics;
            }
        }
        return prune;
    };

    while (!finished) {
        finished = process.waitForFinished(50);
        const bool prune = drain();
        // A trial is pruned at the first report its pruner rejects, also when its command
        // has finished meanwhile: the decision does not depend on how fast the lines came.
        if (finished && !prune)
            break;
        if (prune) {
            // The marker tells the script (tunewright.Reporter) to stop; it may exit by
            // itself within prune_grace_s, then it is stopped.
            if (!finished && !marker.isEmpty())
                writeMarker(marker, pruneStep, pruneValue);
            if (!finished && !marker.isEmpty() && request.pruneGraceSeconds > 0) {
                QElapsedTimer grace;
                grace.start();
                while (!process.waitForFinished(50) && grace.elapsed() < request.pruneGraceSeconds * 1000 &&
                       !stop.stop_requested())
                    drain();
            }
            if (process.state() != QProcess::NotRunning)
                stopGroup(process, request.killGraceSeconds);
            drain();
            cleanTrialDir(request.trialDir, marker);
            result.status = Status::Pruned;
            result.reason = "pruned";
            return result;
        }
        if (stop.stop_requested()) {
            stopGroup(process, request.killGraceSeconds);
            drain();
            cleanTrialDir(request.trialDir, marker);
            result.status = Status::Cancelled;
            result.reason = "cancelled";
            return result;
        }
        if (request.timeoutSeconds > 0 && clock.elapsed() > request.timeoutSeconds * 1000) {
            stopGroup(process, request.killGraceSeconds);
            drain();
            cleanTrialDir(request.trialDir, marker);
            result.reason = QString("timed out after %1 s").arg(request.timeoutSeconds);
            result.environment = true;
            const QString tail = lastLines(result.stderrLog, 20);
            if (!tail.isEmpty())
                result.reason += "\n" + tail;
            return result;
        }
    }
    if (!pending.trimmed().isEmpty()) {
        pending += '\n';
        drain();
    }
    cleanTrialDir(request.trialDir, marker);
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    const QString tail = lastLines(result.stderrLog, 20);
    if (process.exitStatus() != QProcess::NormalExit) {
        result.signal = process.exitCode();
        result.environment = true;
        result.reason = result.signal > 0
                            ? QString("the command was killed by signal %1 (%2)")
                                  .arg(result.signal)
                                  .arg(signalName(result.signal))
                            : QString("the command crashed");
        if (!tail.isEmpty())
            result.reason += "\n" + tail;
    } else if (result.exitCode != 0) {
        result.reason = QString("the command exited with code %1").arg(result.exitCode) +
                        (tail.isEmpty() ? QString() : "\n" + tail);
    } else if (!result.value) {
        result.reason = "the command printed no result line {\"value\": ...}" +
                        (tail.isEmpty() ? QString() : "\n" + tail);
    } else {
        result.status = Status::Complete;
    }
    return result;
}

} // namespace tw
