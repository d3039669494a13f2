#include "io/IdxReader.h"

#include "io/DataError.h"

#include <QFile>

#include <zlib.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

namespace tw {

namespace {

// Anything larger is not an image set we can hold: 4 GiB of bytes, 16 GiB as floats.
constexpr long long kMaxValues = 1LL << 32;
constexpr unsigned kChunk = 16u << 20;

struct GzCloser {
    void operator()(gzFile_s* f) const { gzclose(f); }
};

std::string hex(unsigned value, int digits)
{
    char buf[16];
    std::snprintf(buf, sizeof buf, "0x%0*x", digits, value);
    return buf;
}

const char* typeName(unsigned char type)
{
    switch (type) {
    case 0x08: return "unsigned byte";
    case 0x09: return "signed byte";
    case 0x0B: return "short";
    case 0x0C: return "int";
    case 0x0D: return "float";
    case 0x0E: return "double";
    }
    return "unknown";
}

} // namespace

IdxReader::Array IdxReader::read(const QString& path)
{
    const std::string source = path.toStdString();
    auto fail = [&](const std::string& detail) -> DataError {
        return DataError(source, 0, 0, detail);
    };
    errno = 0;
    std::unique_ptr<gzFile_s, GzCloser> file(gzopen(QFile::encodeName(path).constData(), "rb"));
    if (!file)
        throw fail(std::string("cannot open: ") +
                   (errno ? std::strerror(errno) : "out of memory") + "; expected an IDX file");
    gzbuffer(file.get(), 1u << 17);
    auto readBytes = [&](void* into, unsigned size) -> unsigned {
        unsigned done = 0;
        while (done < size) {
            const int n = gzread(file.get(), static_cast<char*>(into) + done, size - done);
            if (n < 0) {
                int code = 0;
                const char* message = gzerror(file.get(), &code);
                throw fail(std::string("corrupt or truncated gzip data (") + message +
                           "); expected a complete gzip-compressed IDX file");
            }
            if (n == 0)
                break;
            done += unsigned(n);
        }
        return done;
    };

    unsigned char magic[4];
    const unsigned got = readBytes(magic, 4);
    if (got < 4)
        throw fail("truncated: " + std::to_string(got) +
                   " bytes; expected an IDX header of at least 4 bytes");
    const unsigned magicValue =
        (unsigned(magic[0]) << 24) | (unsigned(magic[1]) << 16) | (unsigned(magic[2]) << 8) | magic[3];
    if (magic[0] != 0 || magic[1] != 0)
        throw fail("bad magic number " + hex(magicValue, 8) +
                   "; expected an IDX file (0x0000TTDD: element type TT, DD dimensions)");
    if (magic[2] != 0x08)
        throw fail("element type " + hex(magic[2], 2) + " (" + typeName(magic[2]) +
                   ") is not supported; expected 0x08 (unsigned byte)");
    const int dimCount = magic[3];
    if (dimCount < 1 || dimCount > 4)
        throw fail("the header declares " + std::to_string(dimCount) +
                   " dimensions; expected 1 to 4");

    Array out;
    long long total = 1;
    for (int i = 0; i < dimCount; ++i) {
        unsigned char b[4];
        if (readBytes(b, 4) < 4)
            throw fail("truncated header: expected " + std::to_string(4 + 4 * dimCount) +
                       " bytes for " + std::to_string(dimCount) + " dimensions");
        const unsigned d =
            (unsigned(b[0]) << 24) | (unsigned(b[1]) << 16) | (unsigned(b[2]) << 8) | b[3];
        if (d == 0 || d > 0x7fffffffu)
            throw fail("dimension " + std::to_string(i) + " is " + std::to_string(d) +
                       "; expected a size from 1 to 2147483647");
        out.dims.push_back(int(d));
        total *= d;
        if (total > kMaxValues)
            throw fail("the header declares more than " + std::to_string(kMaxValues) +
                       " values; expected a smaller array");
    }
    // Grow while reading, so a lying header cannot make us allocate gigabytes up front.
    long long have = 0;
    while (have < total) {
        const unsigned want = unsigned(std::min<long long>(kChunk, total - have));
        out.values.resize(size_t(have + want));
        const unsigned n = readBytes(out.values.data() + have, want);
        have += n;
        if (n < want) {
            out.values.resize(size_t(have));
            throw fail("truncated: the header declares " + std::to_string(total) +
                       " values, the file holds " + std::to_string(have));
        }
    }
    unsigned char extra;
    if (readBytes(&extra, 1) != 0)
        throw fail("more data after the " + std::to_string(total) +
                   " values the header declares; expected the file to end there");
    return out;
}

Dataset IdxReader::readClassification(const QString& imagesPath, const QString& labelsPath,
                                      const std::vector<std::string>& classLabels)
{
    const Array images = read(imagesPath);
    const Array labels = read(labelsPath);
    if (images.dims.size() != 3 && images.dims.size() != 4)
        throw DataError(imagesPath.toStdString(), 0, 0,
                        "an array of " + std::to_string(images.dims.size()) +
                            " dimensions; expected images (N x H x W or N x C x H x W)");
    if (labels.dims.size() != 1)
        throw DataError(labelsPath.toStdString(), 0, 0,
                        "an array of " + std::to_string(labels.dims.size()) +
                            " dimensions; expected labels (one dimension)");
    const long long n = images.dims[0];
    if (labels.dims[0] != n)
        throw DataError(labelsPath.toStdString(), 0, 0,
                        "holds " + std::to_string(labels.dims[0]) + " labels; expected " +
                            std::to_string(n) + ", one per image of " + imagesPath.toStdString());
    ImageShape shape;
    if (images.dims.size() == 3) {
        shape = {1, images.dims[1], images.dims[2]};
    } else {
        shape = {images.dims[1], images.dims[2], images.dims[3]};
    }
    Dataset d;
    d.task = Task::Classification;
    d.imageShape = shape;
    d.classLabels = classLabels;
    d.targetName = "label";
    const long long size = shape.size();
    d.x.resize(Eigen::Index(n), Eigen::Index(size));
    const std::uint8_t* src = images.values.data();
    float* dst = d.x.data();
    for (long long i = 0; i < n * size; ++i)
        dst[i] = float(src[i]);
    d.y.resize(Eigen::Index(n));
    for (long long i = 0; i < n; ++i) {
        const unsigned label = labels.values[size_t(i)];
        if (label >= classLabels.size())
            throw DataError(labelsPath.toStdString(), 0, 0,
                            "label " + std::to_string(label) + " of item " + std::to_string(i) +
                                "; expected a class from 0 to " +
                                std::to_string(int(classLabels.size()) - 1));
        d.y(Eigen::Index(i)) = float(label);
    }
    d.featureNames.reserve(size_t(size));
    for (int c = 0; c < shape.channels; ++c)
        for (int r = 0; r < shape.height; ++r)
            for (int col = 0; col < shape.width; ++col)
                d.featureNames.push_back(
                    "pixel_" + (shape.channels > 1 ? std::to_string(c) + "_" : std::string()) +
                    std::to_string(r) + "_" + std::to_string(col));
    return d;
}

} // namespace tw
