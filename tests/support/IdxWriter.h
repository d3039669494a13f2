#pragma once
// Writes small IDX files (the MNIST format) for tests, gzip-compressed with zlib or plain.
#include <QByteArray>
#include <QFile>
#include <QString>

#include <zlib.h>

#include <cstdint>
#include <vector>

namespace tw::test {

inline QByteArray idxBytes(const std::vector<int>& dims, const std::vector<std::uint8_t>& values,
                           unsigned char type = 0x08)
{
    QByteArray out;
    out.append(char(0)).append(char(0)).append(char(type)).append(char(dims.size()));
    for (int d : dims)
        for (int shift : {24, 16, 8, 0})
            out.append(char((unsigned(d) >> shift) & 0xff));
    out.append(reinterpret_cast<const char*>(values.data()), qsizetype(values.size()));
    return out;
}

inline bool writeGz(const QString& path, const QByteArray& bytes)
{
    gzFile f = gzopen(QFile::encodeName(path).constData(), "wb");
    if (!f)
        return false;
    const int n = gzwrite(f, bytes.constData(), unsigned(bytes.size()));
    return gzclose(f) == Z_OK && n == bytes.size();
}

inline bool writePlain(const QString& path, const QByteArray& bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

} // namespace tw::test
