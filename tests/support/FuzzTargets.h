#pragma once
// One entry point per parser, shared by the libFuzzer targets (tests/fuzz/fuzz_<name>.cpp,
// clang) and the regression test that replays every input the fuzzers ever crashed on
// (tests/fuzz/tst_fuzzregressions.cpp, g++). Each returns the parser's verdict: a success,
// or the message a user would see. Anything else escapes: an exception other than the
// parser's documented error type, or a broken invariant (reported in `broken`), is a bug.
//
// Adding a parser (e.g. the model file loader in engine/modelio/) takes: a function here,
// its line in targets(), a tests/fuzz/fuzz_<name>.cpp calling it, and a tw_add_fuzzer()
// line in tests/fuzz/CMakeLists.txt. See the "model_file" notes below.
#include "io/CsvOptions.h"
#include "io/CsvReader.h"
#include "io/DataError.h"
#include "io/IdxReader.h"
#include "spec/StorageUrl.h"
#include "spec/StudySpecParser.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace tw::fuzz {

struct Outcome {
    bool ok = false;
    QString error;  // the user's message when !ok
    QString broken; // non-empty: an invariant the parser promises does not hold
};

inline Outcome success() { return {true, {}, {}}; }
inline Outcome failure(const QString& error) { return {false, error, {}}; }
inline Outcome broken(const QString& what) { return {false, {}, what}; }

// CSV text, optionally preceded by reader options in the .options format of
// tests/data/csv/bad (key=value lines) between a "#tw-options" line and a blank line:
//     #tw-options
//     missing=drop
//     target=label
//
//     a,b,label
//     ...
inline Outcome csvReader(const QByteArray& input)
{
    static const QByteArray kOptions("#tw-options\n");
    CsvOptions options;
    QByteArray csv = input;
    if (input.startsWith(kOptions)) {
        const qsizetype end = input.indexOf("\n\n", kOptions.size() - 1);
        const QByteArray head = input.mid(kOptions.size(), end < 0 ? -1 : end - kOptions.size());
        csv = end < 0 ? QByteArray() : input.mid(end + 2);
        for (const QByteArray& line : head.split('\n')) {
            const qsizetype eq = line.indexOf('=');
            if (line.trimmed().isEmpty())
                continue;
            if (eq < 0)
                return failure(QStringLiteral("option line without '='"));
            const std::string error = options.set(line.left(eq).trimmed().toStdString(),
                                                  line.mid(eq + 1).trimmed().toStdString());
            if (!error.empty())
                return failure(QString::fromStdString(error));
        }
    }
    try {
        const LoadedDataset loaded = CsvReader(options).readBytes(csv, QStringLiteral("fuzz.csv"));
        const Dataset& d = loaded.data;
        if (d.x.rows() != d.y.size() || d.x.cols() != Eigen::Index(d.featureNames.size()))
            return broken(QStringLiteral("the matrix, the targets and the feature names disagree"));
        return success();
    } catch (const DataError& e) {
        return failure(QString::fromStdString(e.what()));
    }
}

namespace detail {
// An in-memory file with a path, since IdxReader reads paths (through zlib's gzopen).
class MemFile {
public:
    explicit MemFile(const char* name)
        : m_fd(memfd_create(name, 0))
    {
        if (m_fd < 0)
            throw std::runtime_error("tw::fuzz::MemFile: memfd_create failed");
    }
    ~MemFile() { close(m_fd); }
    MemFile(const MemFile&) = delete;
    MemFile& operator=(const MemFile&) = delete;

    QString write(const QByteArray& bytes)
    {
        if (ftruncate(m_fd, 0) != 0 ||
            pwrite(m_fd, bytes.constData(), size_t(bytes.size()), 0) != bytes.size())
            throw std::runtime_error("tw::fuzz::MemFile: cannot write");
        return QStringLiteral("/proc/self/fd/%1").arg(m_fd);
    }

private:
    int m_fd;
};

// The length of a plain IDX file of unsigned bytes from its header, or -1.
inline long long idxLength(const QByteArray& b)
{
    if (b.size() < 4 || b[0] != 0 || b[1] != 0 || b[2] != 8)
        return -1;
    const int dims = static_cast<unsigned char>(b[3]);
    if (dims < 1 || dims > 4 || b.size() < 4 + 4 * dims)
        return -1;
    long long total = 1;
    for (int i = 0; i < dims; ++i) {
        const auto* p = reinterpret_cast<const unsigned char*>(b.constData()) + 4 + 4 * i;
        total *= (unsigned(p[0]) << 24) | (unsigned(p[1]) << 16) | (unsigned(p[2]) << 8) | p[3];
        if (total > (1LL << 32))
            return -1;
    }
    return 4 + 4 * dims + total;
}
} // namespace detail

// One IDX file (plain or gzip). When the input is a plain IDX file followed by more bytes,
// the two parts are also read as an image file and its label file.
inline Outcome idxReader(const QByteArray& input)
{
    static detail::MemFile first("tw-fuzz-idx-a");
    static detail::MemFile second("tw-fuzz-idx-b");
    try {
        const long long length = detail::idxLength(input);
        if (length > 0 && length < input.size()) {
            const QString images = first.write(input.left(qsizetype(length)));
            const QString labels = second.write(input.mid(qsizetype(length)));
            const Dataset d = IdxReader::readClassification(
                images, labels, {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"});
            if (!d.imageShape || d.x.rows() != d.y.size() ||
                d.x.cols() != Eigen::Index(d.imageShape->size()))
                return broken(QStringLiteral("the image matrix and its shape disagree"));
            return success();
        }
        const IdxReader::Array a = IdxReader::read(first.write(input));
        long long total = 1;
        for (int d : a.dims)
            total *= d;
        if (a.dims.empty() || total != (long long)a.values.size())
            return broken(QStringLiteral("the values do not fill the declared dimensions"));
        return success();
    } catch (const DataError& e) {
        return failure(QString::fromStdString(e.what()));
    }
}

// A study spec. A spec that parses must parse again from its canonical JSON (the form the
// storage keeps) and then resume against it.
inline Outcome studySpec(const QByteArray& input)
{
    const auto parsed = StudySpecParser::parseBytes(input, QStringLiteral("fuzz.json"));
    if (!parsed.ok())
        return parsed.error().isEmpty() ? broken(QStringLiteral("a failure without a message"))
                                        : failure(parsed.error());
    const QString canonical = parsed->canonicalJson();
    const auto again = StudySpecParser::parseBytes(canonical.toUtf8(), QStringLiteral("stored"));
    if (!again.ok())
        return broken(QStringLiteral("the canonical form does not parse: ") + again.error());
    if (const QString mismatch = again->resumeMismatch(canonical); !mismatch.isEmpty())
        return broken(QStringLiteral("the canonical form does not resume: ") + mismatch);
    return success();
}

// A storage URL (one line of text, UTF-8). A URL that parses must parse back from
// toString() to the same place (the password aside, which toString() leaves out).
inline Outcome storageUrl(const QByteArray& input)
{
    const auto parsed = StorageUrl::parse(QString::fromUtf8(input), QStringLiteral("/base"));
    (void)StorageUrl::redacted(QString::fromUtf8(input));
    if (!parsed.ok())
        return parsed.error().isEmpty() ? broken(QStringLiteral("a failure without a message"))
                                        : failure(parsed.error());
    const StorageUrl& u = parsed.value();
    const auto again = StorageUrl::parse(u.toString(), QStringLiteral("/elsewhere"));
    if (!again.ok())
        return broken(QStringLiteral("toString() does not parse: ") + again.error());
    const StorageUrl& v = again.value();
    if (v.kind() != u.kind() || v.filePath() != u.filePath() || v.host() != u.host() ||
        v.port() != u.port() || v.user() != u.user() || v.database() != u.database() ||
        v.options() != u.options())
        return broken(QStringLiteral("toString() parses to another place: ") + v.toString());
    (void)u.displayString();
    return success();
}

// model_file: when engine/modelio/ lands, add
//     inline Outcome modelFile(const QByteArray& input) { ...load from memory or a MemFile,
//         catch the loader's documented error type into failure(...)... }
// and its line {"model_file", &modelFile} in targets().

using Target = Outcome (*)(const QByteArray&);

// Folder name under tests/data/fuzz-regressions/ -> entry point.
inline const std::map<QString, Target>& targets()
{
    static const std::map<QString, Target> all = {
        {QStringLiteral("csv_reader"), &csvReader},
        {QStringLiteral("idx_reader"), &idxReader},
        {QStringLiteral("study_spec"), &studySpec},
        {QStringLiteral("storage_url"), &storageUrl},
    };
    return all;
}

// For the fuzz targets: a broken invariant aborts, so libFuzzer keeps the input.
inline int runOne(Target target, const std::uint8_t* data, std::size_t size)
{
    const Outcome o = target(QByteArray(reinterpret_cast<const char*>(data), qsizetype(size)));
    if (!o.broken.isEmpty()) {
        fprintf(stderr, "tw fuzz: invariant broken: %s\n", qPrintable(o.broken));
        abort();
    }
    if (!o.ok && o.error.isEmpty()) {
        fprintf(stderr, "tw fuzz: a failure without a message\n");
        abort();
    }
    return 0;
}

} // namespace tw::fuzz
