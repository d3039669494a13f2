#include "objectives/CommandRunner.h"

#include "spec/ArgvTemplate.h"

#include <QElapsedTimer>
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

std::optional<double> jsonNumber(const QJsonValue& v)
{
    if (v.isDouble())
        return v.toDouble();
    if (v.isString()) {
        const QString s = v.toString().toLower();
        if (s == "nan")
            return std::numeric_limits<double>::quiet_NaN();
        if (s == "inf" || s == "+inf" || s == "infinity")
            return std::numeric_limits<double>::infinity();
        if (s == "-inf" || s == "-infinity")
            return -std::numeric_limits<double>::infinity();
    }
    return std::nullopt;
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

} // namespace

QString CommandRunner::signalName(int signal)
{
    if (const char* abbrev = ::sigabbrev_np(signal))
        return QStringLiteral("SIG") + QString::fromLatin1(abbrev);
    return QStringLiteral("signal %1").arg(signal);
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
    process.setProcessEnvironment(env);
    // Its own process group, so pruning stops the command and everything it started, and
    // nothing of it outlives this process (see the header).
    const pid_t tool = ::getpid();
    const int lifeline = lifelineReadEnd();
    process.setChildProcessModifier([tool, lifeline] { prepareTrialChild(tool, lifeline); });
    process.start();
    if (!process.waitForStarted(30000)) {
        result.reason = QString("cannot start '%1' in %2: %3")
                            .arg(argv.first(), request.workdir, process.errorString());
        return result;
    }
    result.processGroup = process.processId();

    QByteArray pending;
    QElapsedTimer clock;
    clock.start();
    bool finished = false;
    auto drain = [&] {
        const QByteArray out = process.readAllStandardOutput();
        appendCapped(result.stdoutLog, out, logCap);
        appendCapped(result.stderrLog, process.readAllStandardError(), logCap);
        pending += out;
        qsizetype nl;
        bool prune = false;
        while ((nl = pending.indexOf('\n')) >= 0) {
            const QByteArray line = pending.left(nl).trimmed();
            pending.remove(0, nl + 1);
            if (!line.startsWith('{'))
                continue;
            const QJsonDocument doc = QJsonDocument::fromJson(line);
            if (!doc.isObject())
                continue;
            const QJsonObject obj = doc.object();
            const auto value = jsonNumber(obj.value("value"));
            if (!value)
                continue;
            if (obj.contains("step")) {
                const QJsonValue s = obj.value("step");
                if (s.isDouble() && report && report(static_cast<long long>(s.toDouble()), *value))
                    prune = true;
            } else {
                result.value = value;
            }
        }
        return prune;
    };

    while (!finished) {
        finished = process.waitForFinished(50);
        const bool prune = drain();
        if (finished)
            break;
        if (prune) {
            stopGroup(process, request.killGraceSeconds);
            drain();
            result.status = Status::Pruned;
            result.reason = "pruned";
            return result;
        }
        if (stop.stop_requested()) {
            stopGroup(process, request.killGraceSeconds);
            drain();
            result.status = Status::Cancelled;
            result.reason = "cancelled";
            return result;
        }
        if (request.timeoutSeconds > 0 && clock.elapsed() > request.timeoutSeconds * 1000) {
            stopGroup(process, request.killGraceSeconds);
            drain();
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
