#pragma once
// A tmpfs mounted on a folder, for the fault tests (#13): a small one fills up, a remounted
// one turns read-only. Only root may mount here; check mounted() and skip with error().
// Unmounted when it goes, whatever the test did.
#include <QDir>
#include <QFile>
#include <QString>

#include <cerrno>
#include <cstring>

#include <sys/mount.h>
#include <unistd.h>

namespace tw::test {

class Tmpfs {
public:
    Tmpfs(const QString& path, const char* options)
        : m_path(path)
    {
        QDir().mkpath(path);
        m_mounted = ::mount("tw-faults", QFile::encodeName(path).constData(), "tmpfs", 0, options) == 0;
        if (!m_mounted)
            m_error = QString::fromLocal8Bit(std::strerror(errno));
    }
    ~Tmpfs()
    {
        if (m_mounted)
            ::umount2(QFile::encodeName(m_path).constData(), MNT_DETACH);
    }
    Tmpfs(const Tmpfs&) = delete;
    Tmpfs& operator=(const Tmpfs&) = delete;

    bool mounted() const { return m_mounted; }
    QString error() const { return m_error; }
    // MS_RDONLY to make it read-only, 0 to make it writable again; options such as "size=8m".
    bool remount(unsigned long flags, const char* options)
    {
        return ::mount("tw-faults", QFile::encodeName(m_path).constData(), "tmpfs",
                       MS_REMOUNT | flags, options) == 0;
    }

    static bool isRoot() { return ::geteuid() == 0; }

private:
    QString m_path;
    bool m_mounted = false;
    QString m_error;
};

} // namespace tw::test
