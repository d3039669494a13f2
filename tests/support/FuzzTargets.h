#pragma once
// One entry point per parser, shared by the libFuzzer targets (tests/fuzz/fuzz_<name>.cpp,
// clang) and the regression test that replays every input the fuzzers ever crashed on
// (tests/fuzz/tst_fuzzregressions.cpp, g++). Each returns the parser's verdict: a success,
// or the message a user would see. Anything else escapes: an exception other than the
// parser's documented error type, or a broken invariant (reported in `broken`), is a bug.
//
// Adding a parser takes: a function here, its line in targets(), a
// tests/fuzz/fuzz_<name>.cpp calling it, and a tw_add_fuzzer() line in
// tests/fuzz/CMakeLists.txt.
#include "io/CsvOptions.h"
#include "io/CsvReader.h"
#include "io/DataError.h"
#include "io/IdxReader.h"
#include "modelio/ModelFile.h"
#include "spec/StorageUrl.h"
#include "spec/StudySpecParser.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
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
        const long long n = (unsigned(p[0]) << 24) | (unsigned(p[1]) << 16) | (unsigned(p[2]) << 8) | p[3];
        // Checked before multiplying: 2^32 times a 32-bit size overflows.
        if (n > 0 && total > (1LL << 32) / n)
            return -1;
        total *= n;
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

namespace detail {
// A model file (ModelFile::fromBytes, which promises a value or a message for any bytes).
// A model that loads must be consistent, be written back to bytes that load again and
// write the same bytes (the saved form is a fixed point), and predict one row of the
// right shape.
inline Outcome loadModel(const QByteArray& input)
{
    const auto parsed = ModelFile::fromBytes(input, QStringLiteral("fuzz.json"));
    if (!parsed.ok())
        return parsed.error().isEmpty() ? broken(QStringLiteral("a failure without a message"))
                                        : failure(parsed.error());
    const SavedModel& m = parsed.value();
    if (const std::string err = m.consistencyError(); !err.empty())
        return broken(QStringLiteral("loaded, but inconsistent: ") + QString::fromStdString(err));
    const QByteArray saved = ModelFile::toBytes(m);
    const auto again = ModelFile::fromBytes(saved, QStringLiteral("saved"));
    if (!again.ok())
        return broken(QStringLiteral("the saved form does not load: ") + again.error());
    if (ModelFile::toBytes(again.value()) != saved)
        return broken(QStringLiteral("saving the reloaded model gives other bytes"));
    const ModelArchitecture& a = m.model.architecture();
    const Eigen::MatrixXf out = m.predict(FeatureMatrix::Zero(1, a.inputs));
    const Eigen::Index columns = m.task == Task::Classification ? Eigen::Index(m.classLabels.size()) : a.outputs;
    if (out.rows() != 1 || out.cols() != columns)
        return broken(QStringLiteral("predict() gave %1 x %2 for one row, expected 1 x %3")
                          .arg(out.rows())
                          .arg(out.cols())
                          .arg(columns));
    return success();
}

// The input with the CRC-32 of each weight block made right, or an empty array when there
// is nothing to fix. A mutation almost never forges a CRC-32, so without this the fuzzer
// would rarely get changed weights past the checksum.
inline QByteArray withRightCrcs(const QByteArray& input)
{
    const QJsonDocument doc = QJsonDocument::fromJson(input);
    if (!doc.isObject())
        return {};
    QJsonObject root = doc.object();
    bool changed = false;
    for (const char* key : {"parameters", "buffers"}) {
        QJsonObject block = root.value(QLatin1String(key)).toObject();
        if (!block.value(QStringLiteral("data")).isString())
            continue;
        const QByteArray raw = QByteArray::fromBase64(block.value(QStringLiteral("data")).toString().toLatin1());
        const QString crc = ModelFile::crc32Hex(raw);
        if (block.value(QStringLiteral("crc32")).toString() == crc)
            continue;
        block.insert(QStringLiteral("crc32"), crc);
        root.insert(QLatin1String(key), block);
        changed = true;
    }
    return changed ? QJsonDocument(root).toJson(QJsonDocument::Compact) : QByteArray();
}
} // namespace detail

// A model file, as it is and, when its checksums are wrong, with them made right.
inline Outcome modelFile(const QByteArray& input)
{
    const Outcome asIs = detail::loadModel(input);
    if (!asIs.broken.isEmpty())
        return asIs;
    if (const QByteArray fixed = detail::withRightCrcs(input); !fixed.isEmpty()) {
        const Outcome repaired = detail::loadModel(fixed);
        if (!repaired.broken.isEmpty())
            return broken(QStringLiteral("with its CRC-32s made right: ") + repaired.broken);
    }
    return asIs;
}

using Target = Outcome (*)(const QByteArray&);

// Folder name under tests/data/fuzz-regressions/ -> entry point.
inline const std::map<QString, Target>& targets()
{
    static const std::map<QString, Target> all = {
        {QStringLiteral("csv_reader"), &csvReader},
        {QStringLiteral("idx_reader"), &idxReader},
        {QStringLiteral("study_spec"), &studySpec},
        {QStringLiteral("storage_url"), &storageUrl},
        {QStringLiteral("model_file"), &modelFile},
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
