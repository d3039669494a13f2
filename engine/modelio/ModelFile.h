#pragma once
#include "modelio/SavedModel.h"
#include "spec/ParseResult.h"

#include <QByteArray>
#include <QString>

namespace tw {

// The model file: versioned JSON, documented in docs/model-format.md. It holds the
// architecture, the weights and batch-norm buffers (base64 of little-endian float32, with
// a CRC-32 of the bytes), the preprocessing parameters, the task, target, class labels,
// feature names, input columns, image shape and provenance.
//
// Reading never throws: any problem comes back as one message naming the source and the
// JSON path ("model.json: parameters.count: expected 259 values for this architecture,
// got 250"); JSON syntax errors give line and column ("model.json:3:17: ...").
class ModelFile {
public:
    // 2 added CNNs (architecture.input_shape, conv, pool_type, global_pool); a dense
    // model is still written as version 1, and both versions are read.
    static constexpr int kVersion = 2;
    static QString formatName();  // "tunewright-model"

    static QByteArray toBytes(const SavedModel& model);
    // The fuzz-friendly entry: any bytes, never a crash or an exception. `sourceName`
    // prefixes messages (may be empty).
    static ParseResult<SavedModel> fromBytes(const QByteArray& bytes, const QString& sourceName = {});

    // Reads `path`; messages start with the path.
    static ParseResult<SavedModel> load(const QString& path);
    // Writes atomically (the old file stays until the new one is complete). Returns an
    // empty string, or what went wrong.
    static QString save(const SavedModel& model, const QString& path);

    // The weights' encoding: base64 of the values as little-endian IEEE float32, and the
    // CRC-32 (zlib's, as Python's zlib.crc32) of those bytes as 8 lower-case hex digits.
    static QByteArray encodeFloats(const Eigen::VectorXf& values);
    static QString crc32Hex(const QByteArray& bytes);
};

} // namespace tw
