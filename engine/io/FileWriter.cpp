#include "io/FileWriter.h"

#include "core/Random.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <random>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace tw {

namespace {

QString osText(int error) { return QString::fromLocal8Bit(std::strerror(error)); }

QString cannotWrite(const QString& path, const QString& why)
{
    return QStringLiteral("cannot write %1: %2").arg(path, why);
}

// Writes all of `bytes` to `fd`, through short writes and signals. Returns 0 or errno.
int writeAll(int fd, const QByteArray& bytes)
{
    const char* p = bytes.constData();
    qsizetype left = bytes.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, p, static_cast<size_t>(left));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return errno;
        }
        if (n == 0)
            return EIO;
        p += n;
        left -= n;
    }
    return 0;
}

QString writeStdout(const QByteArray& bytes)
{
    std::fflush(stdout);  // whatever stdio holds goes first
    if (const int e = writeAll(STDOUT_FILENO, bytes))
        return cannotWrite(QStringLiteral("standard output"), osText(e));
    return {};
}

// A FIFO or a device: written in place, never replaced.
QString writeDirect(const QString& path, const QByteArray& encoded, const QByteArray& bytes)
{
    const int fd = ::open(encoded.constData(), O_WRONLY | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        return cannotWrite(path, osText(errno));
    int e = writeAll(fd, bytes);
    // Devices and pipes cannot be synced (EINVAL, EROFS): only a real failure counts.
    if (!e && ::fsync(fd) != 0 && errno != EINVAL && errno != EROFS && errno != ENOTSUP)
        e = errno;
    if (::close(fd) != 0 && !e && errno != EINTR)
        e = errno;
    return e ? cannotWrite(path, osText(e)) : QString();
}

QString writeReplacing(const QString& path, const QString& target, const struct stat* existing,
                       const QByteArray& bytes)
{
    const QFileInfo info(target);
    const QString dir = info.absolutePath();
    QString temp;
    int fd = -1;
    // Unpredictable across processes (seeded from the OS), so two writers rarely collide;
    // O_EXCL settles the rare collision.
    thread_local Random names(std::random_device{}());
    for (int attempt = 0; attempt < 100 && fd < 0; ++attempt) {
        temp = QDir(dir).filePath(QStringLiteral(".%1.tw-%2")
                                      .arg(info.fileName().left(200))  // within NAME_MAX
                                      .arg(static_cast<quint32>(names.next() >> 32), 8, 16, QLatin1Char('0')));
        // 0666 less the umask, as any new file; an existing file's bits are copied below.
        fd = ::open(QFile::encodeName(temp).constData(),
                    O_WRONLY | O_CREAT | O_EXCL | O_NOCTTY | O_CLOEXEC, 0666);
        if (fd < 0 && errno != EEXIST)
            break;
    }
    if (fd < 0)
        return cannotWrite(path, osText(errno));
    const QByteArray tempName = QFile::encodeName(temp);
    int e = 0;
    if (existing && ::fchmod(fd, existing->st_mode & 07777) != 0)
        e = errno;
    if (!e)
        e = writeAll(fd, bytes);
    if (!e && ::fsync(fd) != 0)
        e = errno;
    if (::close(fd) != 0 && !e && errno != EINTR)
        e = errno;
    if (!e && ::rename(tempName.constData(), QFile::encodeName(target).constData()) != 0)
        e = errno;
    if (e) {
        ::unlink(tempName.constData());
        return cannotWrite(path, osText(e));
    }
    // The rename itself is durable once the folder is synced; a folder that cannot be
    // synced (some network file systems) still holds the whole file.
    const int dfd = ::open(QFile::encodeName(dir).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
    return {};
}

} // namespace

QString FileWriter::write(const QString& path, const QByteArray& bytes)
{
    if (isStdout(path))
        return writeStdout(bytes);
    if (path.isEmpty())
        return QStringLiteral("cannot write: the file name is empty");
    QString target = path;
    const QByteArray encoded = QFile::encodeName(path);
    struct stat linkInfo {};
    if (::lstat(encoded.constData(), &linkInfo) == 0 && S_ISLNK(linkInfo.st_mode)) {
        // Replace what the link points at, not the link.
        const QString pointed = QFileInfo(path).symLinkTarget();
        if (!pointed.isEmpty())
            target = pointed;
    }
    struct stat st {};
    const QByteArray targetName = QFile::encodeName(target);
    if (::stat(targetName.constData(), &st) == 0) {
        if (S_ISDIR(st.st_mode))
            return cannotWrite(path, QStringLiteral("it is a folder"));
        if (!S_ISREG(st.st_mode))
            return writeDirect(path, targetName, bytes);
        return writeReplacing(path, target, &st, bytes);
    }
    if (errno != ENOENT)
        return cannotWrite(path, osText(errno));
    return writeReplacing(path, target, nullptr, bytes);
}

} // namespace tw
