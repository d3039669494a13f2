#include "io/FileReader.h"

#include <QFile>

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace tw {

namespace {

QString osText(int error) { return QString::fromLocal8Bit(std::strerror(error)); }

QString kindOf(mode_t mode)
{
    if (S_ISDIR(mode))
        return QStringLiteral("it is a folder");
    if (S_ISFIFO(mode))
        return QStringLiteral("it is a FIFO");
    if (S_ISCHR(mode))
        return QStringLiteral("it is a character device");
    if (S_ISBLK(mode))
        return QStringLiteral("it is a block device");
    if (S_ISSOCK(mode))
        return QStringLiteral("it is a socket");
    return QStringLiteral("it is not a plain file");
}

QString mib(qint64 bytes)
{
    const double m = double(bytes) / double(1 << 20);
    return QStringLiteral("%1 MiB").arg(m, 0, 'f', m < 10 ? 1 : 0);
}

struct Fd {
    int fd;
    ~Fd()
    {
        if (fd >= 0)
            ::close(fd);
    }
};

} // namespace

ParseResult<QByteArray> FileReader::readAll(const QString& file, const QString& shownAs, qint64 limit)
{
    using R = ParseResult<QByteArray>;
    const QString path = shownAs.isEmpty() ? file : shownAs;
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer.
    Fd f{::open(QFile::encodeName(file).constData(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)};
    if (f.fd < 0)
        return R::failure(QStringLiteral("%1: cannot read: %2").arg(path, osText(errno)));
    struct stat st {};
    if (::fstat(f.fd, &st) != 0)
        return R::failure(QStringLiteral("%1: cannot read: %2").arg(path, osText(errno)));
    if (!S_ISREG(st.st_mode))
        return R::failure(QStringLiteral("%1: not a regular file (%2); expected a file")
                              .arg(path, kindOf(st.st_mode)));
    auto tooLarge = [&](qint64 size) {
        return R::failure(QStringLiteral("%1: larger than %2 (%3); expected a file of at most %2")
                              .arg(path, mib(limit), mib(size)));
    };
    if (st.st_size > limit)
        return tooLarge(st.st_size);
    // Back to blocking reads; a regular file never blocks for long anyway.
    const int flags = ::fcntl(f.fd, F_GETFL);
    if (flags >= 0)
        ::fcntl(f.fd, F_SETFL, flags & ~O_NONBLOCK);
    QByteArray out;
    out.reserve(qsizetype(st.st_size));
    char buffer[65536];
    for (;;) {
        const ssize_t n = ::read(f.fd, buffer, sizeof buffer);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return R::failure(QStringLiteral("%1: cannot read: %2").arg(path, osText(errno)));
        }
        if (n == 0)
            break;
        out.append(buffer, qsizetype(n));
        if (out.size() > limit)  // it grew while being read
            return tooLarge(out.size());
    }
    return out;
}

} // namespace tw
