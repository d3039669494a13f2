#include "modelio/ModelFile.h"

#include "io/JsonNumber.h"
#include "spec/JsonPath.h"
#include "spec/ParamsJson.h"
#include "spec/SpecError.h"
#include "spec/SpecReader.h"

#include "io/FileReader.h"
#include "io/FileWriter.h"
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QRegularExpression>
#include <QtEndian>

#include <zlib.h>

#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

namespace tw {

namespace {

using R = SpecReader;
using Kind = SpecError::Kind;

QString S(const char* s) { return QString::fromLatin1(s); }
QString qs(const std::string& s) { return QString::fromStdString(s); }

// A float as the shortest decimal that reads back as the same float, so that 0.1f is
// written 0.1 rather than 0.10000000149011612, and still round-trips exactly.
QJsonValue floatJson(float v)
{
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    return QString::fromLatin1(buf, static_cast<int>(r.ptr - buf)).toDouble();
}

QJsonArray floatArray(const Eigen::VectorXf& v)
{
    QJsonArray out;
    for (Eigen::Index i = 0; i < v.size(); ++i)
        out.append(floatJson(v(i)));
    return out;
}

QJsonArray stringArray(const std::vector<std::string>& v)
{
    QJsonArray out;
    for (const auto& s : v)
        out.append(qs(s));
    return out;
}

QJsonObject metricsJson(const std::map<std::string, double>& m)
{
    QJsonObject out;
    for (const auto& [k, v] : m)
        out.insert(qs(k), JsonNumber::toJson(v));
    return out;
}

QJsonObject blockJson(const Eigen::VectorXf& values)
{
    const QByteArray data = ModelFile::encodeFloats(values);
    QByteArray raw = QByteArray::fromBase64(data);
    return QJsonObject{{"dtype", "float32"},
                       {"byte_order", "little"},
                       {"encoding", "base64"},
                       {"count", static_cast<qint64>(values.size())},
                       {"crc32", ModelFile::crc32Hex(raw)},
                       {"data", QString::fromLatin1(data)}};
}

QJsonArray layoutJson(const std::vector<ParameterBlock>& blocks)
{
    QJsonArray out;
    for (const auto& b : blocks)
        out.append(QJsonObject{{"name", qs(b.name)},
                               {"offset", static_cast<qint64>(b.offset)},
                               {"shape", QJsonArray{static_cast<qint64>(b.rows), static_cast<qint64>(b.cols)}}});
    return out;
}

QString describe(const ModelArchitecture& a)
{
    QStringList widths{a.inputShape ? qs(a.inputShape->toString()) : QString::number(a.inputs)};
    for (const ConvBlock& b : a.conv)
        widths << QStringLiteral("conv%1").arg(b.filters);
    for (int h : a.hidden)
        widths << QString::number(h);
    widths << QString::number(a.outputs);
    return QStringLiteral("%1 %2").arg(qs(a.typeName()), widths.join(u'-'));
}

// --- reading ------------------------------------------------------------------------

[[noreturn]] void bad(const JsonPath& path, const QString& message)
{
    throw SpecError(path, message, Kind::BadValue);
}

std::vector<std::string> readStrings(const QJsonValue& v, const JsonPath& path)
{
    const QJsonArray a = R::toArray(v, path);
    std::vector<std::string> out;
    for (qsizetype i = 0; i < a.size(); ++i)
        out.push_back(R::toString(a.at(i), path.index(i)).toStdString());
    return out;
}

double readNumberOrSpecial(const QJsonValue& v, const JsonPath& path)
{
    const std::optional<double> number = JsonNumber::fromJson(v);
    if (!number)
        R::wrongType(v, path, S("a number, \"nan\", \"inf\" or \"-inf\""));
    return *number;
}

std::map<std::string, double> readMetrics(const R& r)
{
    std::map<std::string, double> out;
    for (auto it = r.object().begin(); it != r.object().end(); ++it)
        out[it.key().toStdString()] = readNumberOrSpecial(it.value(), r.at(it.key()));
    return out;
}

Eigen::VectorXf readFloatArray(const R& r, const QString& key, bool positive)
{
    const NumberRange range = positive ? NumberRange::greaterThan(0) : NumberRange::any();
    const QJsonArray a = r.array(key);
    Eigen::VectorXf out(a.size());
    for (qsizetype i = 0; i < a.size(); ++i) {
        const double d = R::toNumber(a.at(i), r.at(key).index(i), range);
        if (std::abs(d) > std::numeric_limits<float>::max())
            bad(r.at(key).index(i), QStringLiteral("%1 is outside the range of float32").arg(d));
        out(i) = static_cast<float>(d);
        if (positive && !(out(i) > 0.0f))
            bad(r.at(key).index(i), QStringLiteral("%1 rounds to 0 in float32").arg(d));
    }
    return out;
}

// Where `text` stops being base64 (RFC 4648, standard alphabet, '=' padding only at the
// end): the offset of the first offending character, text.size() when only the length is
// wrong, or -1 when it is well formed.
qsizetype firstNonBase64(const QByteArray& text)
{
    qsizetype i = 0;
    for (; i < text.size(); ++i) {
        const char c = text[i];
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                        c == '+' || c == '/';
        if (!ok)
            break;
    }
    qsizetype pad = 0;
    while (i + pad < text.size() && text[i + pad] == '=' && pad < 2)
        ++pad;
    if (i + pad < text.size())
        return i;
    return text.size() % 4 == 0 ? -1 : text.size();
}

Eigen::VectorXf readBlock(const R& parent, const QString& key, qint64 expected, const QString& what)
{
    const R r = parent.child(key);
    const QString dtype = r.string(S("dtype"));
    if (dtype != QLatin1String("float32"))
        bad(r.at(S("dtype")), QStringLiteral("expected \"float32\", got %1").arg(R::got(r.value(S("dtype")))));
    const QString order = r.string(S("byte_order"));
    if (order != QLatin1String("little"))
        bad(r.at(S("byte_order")), QStringLiteral("expected \"little\", got %1").arg(R::got(r.value(S("byte_order")))));
    const QString encoding = r.string(S("encoding"));
    if (encoding != QLatin1String("base64"))
        bad(r.at(S("encoding")), QStringLiteral("expected \"base64\", got %1").arg(R::got(r.value(S("encoding")))));
    const qint64 count = r.integer(S("count"), NumberRange::atLeast(0));
    if (count != expected)
        bad(r.at(S("count")), QStringLiteral("expected %1 values for this architecture (%2), got %3")
                                  .arg(expected)
                                  .arg(what)
                                  .arg(count));
    const QString crc = r.string(S("crc32"));
    static const QRegularExpression hex8(S("^[0-9a-f]{8}$"));
    if (!hex8.match(crc).hasMatch())
        bad(r.at(S("crc32")), QStringLiteral("expected 8 lower-case hex digits, got %1").arg(R::got(r.value(S("crc32")))));
    const QByteArray text = r.string(S("data")).toLatin1();
    if (const qsizetype at = firstNonBase64(text); at >= 0)
        bad(r.at(S("data")),
            at < text.size()
                ? QStringLiteral("not valid base64: unexpected character %1 at offset %2")
                      .arg(R::got(QString(QChar::fromLatin1(text[at]))))
                      .arg(at)
                : QStringLiteral("not valid base64: its length (%1) is not a multiple of 4").arg(text.size()));
    const auto decoded = QByteArray::fromBase64Encoding(text, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded)
        bad(r.at(S("data")), S("not valid base64"));
    const QByteArray raw = *decoded;
    if (raw.size() != count * 4)
        bad(r.at(S("data")), QStringLiteral("decodes to %1 bytes, expected %2 (%3 float32 values)")
                                 .arg(raw.size())
                                 .arg(count * 4)
                                 .arg(count));
    const QString actual = ModelFile::crc32Hex(raw);
    if (actual != crc)
        bad(r.at(S("crc32")), QStringLiteral("the data's CRC-32 is %1, the file says %2: the data was changed "
                                             "or damaged")
                                  .arg(actual, crc));
    Eigen::VectorXf out(count);
    for (qint64 i = 0; i < count; ++i) {
        const quint32 bits = qFromLittleEndian<quint32>(raw.constData() + 4 * i);
        float f;
        std::memcpy(&f, &bits, sizeof f);
        out(i) = f;
    }
    return out;
}

// Rejects NaN and infinite weights, naming the block they are in.
void checkFinite(const Eigen::VectorXf& values, const std::vector<ParameterBlock>& layout, const JsonPath& path)
{
    for (Eigen::Index i = 0; i < values.size(); ++i) {
        if (std::isfinite(values(i)))
            continue;
        QString where;
        for (const auto& b : layout)
            if (i >= b.offset && i < b.offset + b.size())
                where = QStringLiteral(" (%1)").arg(qs(b.name));
        bad(path, QStringLiteral("value %1%2 is not finite").arg(i).arg(where));
    }
}

// Parameter and buffer counts of an architecture, computed without building its layers,
// so that a file claiming absurd widths is rejected before anything is allocated for them.
// The same counts as Model::parameterCount() and Model::bufferCount().
std::pair<qint64, qint64> countsOf(const ModelArchitecture& a)
{
    qint64 params = 0, buffers = 0, width = a.inputs;
    if (a.inputShape) {
        qint64 channels = a.inputShape->channels;
        for (const ConvBlock& b : a.conv) {
            params += channels * b.kernel * b.kernel * b.filters + b.filters;
            if (a.batchNorm) {
                params += 2 * qint64(b.filters);
                buffers += 2 * qint64(b.filters);
            }
            channels = b.filters;
        }
        width = a.denseInputs();
    }
    for (int h : a.hidden) {
        params += width * h + h;
        if (a.batchNorm) {
            params += 2 * qint64(h);
            buffers += 2 * qint64(h);
        }
        width = h;
    }
    params += width * a.outputs + a.outputs;
    return {params, buffers};
}

// A CNN's part of `architecture` (format version 2): input_shape, conv, pool_type,
// global_pool. Sizes are capped so that a hostile file cannot ask for huge layers.
void readConvPart(const R& r, ModelArchitecture& a, qint64 version)
{
    if (!r.has(S("input_shape"))) {
        for (const char* key : {"conv", "pool_type", "global_pool"})
            if (r.has(S(key)))
                bad(r.at(S(key)), S("only a CNN has this; expected architecture.input_shape too"));
        return;
    }
    if (version < 2)
        bad(r.at(S("input_shape")), QStringLiteral("a version %1 model file has no CNN; expected version 2").arg(version));
    const QJsonArray shape = r.array(S("input_shape"));
    if (shape.size() != 3)
        bad(r.at(S("input_shape")), QStringLiteral("expected [channels, height, width], got %1").arg(R::got(r.value(S("input_shape")))));
    int dims[3];
    for (int i = 0; i < 3; ++i)
        dims[i] = static_cast<int>(R::toInteger(shape.at(i), r.at(S("input_shape")).index(i), NumberRange::closed(1, 1e5)));
    a.inputShape = ImageShape{dims[0], dims[1], dims[2]};
    const QJsonArray conv = r.array(S("conv"));
    if (conv.size() > 100)
        bad(r.at(S("conv")), QStringLiteral("expected at most 100 conv blocks, got %1").arg(conv.size()));
    for (qsizetype i = 0; i < conv.size(); ++i) {
        const R c(conv.at(i), r.at(S("conv")).index(i));
        c.allowOnly({S("filters"), S("kernel"), S("stride"), S("padding"), S("pool")});
        ConvBlock b;
        b.filters = static_cast<int>(c.integer(S("filters"), NumberRange::closed(1, 1e5)));
        b.kernel = static_cast<int>(c.integer(S("kernel"), NumberRange::closed(1, 999)));
        b.stride = static_cast<int>(c.integer(S("stride"), 1, NumberRange::closed(1, 999)));
        b.padding = c.choice<Padding>(S("padding"), {{S("same"), Padding::Same}, {S("valid"), Padding::Valid}},
                                      Padding::Same);
        b.pool = static_cast<int>(c.integer(S("pool"), 1, NumberRange::closed(1, 999)));
        a.conv.push_back(b);
    }
    a.poolType = r.choice<PoolType>(S("pool_type"), {{S("max"), PoolType::Max}, {S("avg"), PoolType::Avg}}, PoolType::Max);
    a.globalPool = r.boolean(S("global_pool"), false);
}

ModelArchitecture readArchitecture(const R& r, qint64 version)
{
    ModelArchitecture a;
    a.inputs = static_cast<int>(r.integer(S("inputs"), NumberRange::closed(1, 1e7)));
    const QJsonArray hidden = r.array(S("hidden"));
    if (hidden.size() > 1000)
        bad(r.at(S("hidden")), QStringLiteral("expected at most 1000 hidden layers, got %1").arg(hidden.size()));
    for (qsizetype i = 0; i < hidden.size(); ++i)
        a.hidden.push_back(static_cast<int>(R::toInteger(hidden.at(i), r.at(S("hidden")).index(i),
                                                         NumberRange::closed(1, 1e7))));
    a.outputs = static_cast<int>(r.integer(S("outputs"), NumberRange::closed(1, 1e7)));
    a.output = r.choice<OutputKind>(S("output"), {{S("identity"), OutputKind::Identity},
                                                  {S("sigmoid"), OutputKind::Sigmoid},
                                                  {S("softmax"), OutputKind::Softmax}});
    R::Table<Activation> activations;
    for (Activation act : {Activation::Identity, Activation::ReLU, Activation::LeakyReLU, Activation::Tanh,
                           Activation::Sigmoid, Activation::GELU})
        activations.emplace_back(qs(std::string(toString(act))), act);
    a.activation = r.choice<Activation>(S("activation"), activations);
    a.leakySlope = static_cast<float>(r.number(S("leaky_slope"), 0.01, NumberRange::halfOpen(0, 1)));
    a.dropout = static_cast<float>(r.number(S("dropout"), 0.0, NumberRange::halfOpen(0, 1)));
    a.batchNorm = r.boolean(S("batch_norm"), false);
    a.init = r.choice<WeightInit>(S("init"),
                                  {{S("auto"), WeightInit::Auto}, {S("he"), WeightInit::He}, {S("xavier"), WeightInit::Xavier}},
                                  WeightInit::Auto);
    readConvPart(r, a, version);
    if (const std::string err = a.validationError(); !err.empty())
        bad(r.path(), qs(err));
    if (a.inputShape) {
        // Every feature map is allocated per sample: cap them as architecture.inputs is.
        ImageShape shape = *a.inputShape;
        for (size_t i = 0; i < a.conv.size(); ++i) {
            const ConvBlock& b = a.conv[i];
            const ImageShape c = convolvedShape(shape, b.filters, b.kernel, b.stride, b.padding);
            if (c.size() > 10'000'000)
                bad(r.at(S("conv")).index(static_cast<qsizetype>(i)),
                    QStringLiteral("its %1 map has more than 10,000,000 values").arg(qs(c.toString())));
            shape = pooledShape(c, b.pool);
        }
    }
    if (r.has(S("type"))) {
        const QString type = r.string(S("type"));
        if (type != qs(a.typeName()))
            bad(r.at(S("type")), QStringLiteral("expected \"%1\" for this architecture, got %2")
                                     .arg(qs(a.typeName()), R::got(r.value(S("type")))));
    }
    return a;
}

SavedModel readModel(const QJsonObject& root)
{
    const R r(root, JsonPath());
    // Format and version first: anything else may mean something different in another version.
    const QString format = r.string(S("format"));
    if (format != ModelFile::formatName())
        bad(r.at(S("format")), QStringLiteral("expected \"%1\", got %2: not a Tunewright model file")
                                   .arg(ModelFile::formatName(), R::got(r.value(S("format")))));
    const qint64 version = r.integer(S("version"), NumberRange::atLeast(1));
    if (version > ModelFile::kVersion)
        bad(r.at(S("version")), QStringLiteral("expected %1, got %2: the file was written by a newer Tunewright")
                                    .arg(ModelFile::kVersion)
                                    .arg(version));

    SavedModel m;
    m.task = r.choice<Task>(S("task"), {{S("classification"), Task::Classification}, {S("regression"), Task::Regression}});
    m.targetName = r.string(S("target"), QString()).toStdString();
    const ModelArchitecture arch = readArchitecture(r.child(S("architecture")), version);

    if (arch.task() != m.task)
        bad(r.at(S("task")), QStringLiteral("%1 does not fit the %2 output of architecture.output")
                                 .arg(R::got(r.value(S("task"))), qs(std::string(toString(arch.output)))));
    m.featureNames = readStrings(r.array(S("features")), r.at(S("features")));
    if (static_cast<int>(m.featureNames.size()) != arch.inputs)
        bad(r.at(S("features")), QStringLiteral("expected %1 names (architecture.inputs), got %2")
                                     .arg(arch.inputs)
                                     .arg(m.featureNames.size()));
    if (m.task == Task::Classification) {
        m.classLabels = readStrings(r.array(S("classes")), r.at(S("classes")));
        if (static_cast<int>(m.classLabels.size()) != arch.classCount())
            bad(r.at(S("classes")), QStringLiteral("expected %1 labels for the %2 output, got %3")
                                        .arg(arch.classCount())
                                        .arg(qs(std::string(toString(arch.output))))
                                        .arg(m.classLabels.size()));
    } else if (r.has(S("classes")) && !R::toArray(r.value(S("classes")), r.at(S("classes"))).isEmpty()) {
        bad(r.at(S("classes")), S("a regression model has no classes; expected []"));
    }

    if (r.has(S("columns"))) {
        const QJsonArray inputs = r.array(S("columns"));
        int features = 0;
        for (qsizetype i = 0; i < inputs.size(); ++i) {
            const R c(inputs.at(i), r.at(S("columns")).index(i));
            ModelInputColumn col;
            col.name = c.string(S("name")).toStdString();
            col.type = c.choice<ModelInputColumn::Type>(S("type"), {{S("numeric"), ModelInputColumn::Type::Numeric},
                                                                   {S("categorical"), ModelInputColumn::Type::Categorical}});
            if (col.type == ModelInputColumn::Type::Categorical) {
                col.categories = readStrings(c.array(S("categories")), c.at(S("categories")));
                if (col.categories.empty())
                    bad(c.at(S("categories")), S("expected at least one category, got []"));
            }
            features += col.featureCount();
            m.inputs.push_back(std::move(col));
        }
        if (features != arch.inputs)
            bad(r.at(S("columns")), QStringLiteral("the columns make %1 features, architecture.inputs is %2")
                                       .arg(features)
                                       .arg(arch.inputs));
    } else {
        for (const auto& f : m.featureNames)
            m.inputs.push_back({f, ModelInputColumn::Type::Numeric, {}});
    }

    if (r.has(S("image_shape"))) {
        const QJsonArray shape = r.array(S("image_shape"));
        if (shape.size() != 3)
            bad(r.at(S("image_shape")), QStringLiteral("expected [channels, height, width], got %1")
                                            .arg(R::got(r.value(S("image_shape")))));
        int dims[3];
        for (int i = 0; i < 3; ++i)
            dims[i] = static_cast<int>(R::toInteger(shape.at(i), r.at(S("image_shape")).index(i), NumberRange::closed(1, 1e6)));
        ImageShape s{dims[0], dims[1], dims[2]};
        if (s.size() != arch.inputs)
            bad(r.at(S("image_shape")), QStringLiteral("%1 pixels, but architecture.inputs is %2").arg(s.size()).arg(arch.inputs));
        m.imageShape = s;
    }

    {
        const R p = r.child(S("preprocess"));
        const auto kind = p.choice<Preprocessor::Kind>(S("kind"), {{S("none"), Preprocessor::Kind::None},
                                                                  {S("standardize"), Preprocessor::Kind::Standardize},
                                                                  {S("minmax"), Preprocessor::Kind::MinMax}});
        if (kind == Preprocessor::Kind::None && !p.has(S("offset")) && !p.has(S("scale"))) {
            m.preprocessor = Preprocessor(kind);
        } else {
            Eigen::VectorXf offset = readFloatArray(p, S("offset"), false);
            Eigen::VectorXf scale = readFloatArray(p, S("scale"), true);
            if (offset.size() != arch.inputs)
                bad(p.at(S("offset")), QStringLiteral("expected %1 values (architecture.inputs), got %2")
                                           .arg(arch.inputs)
                                           .arg(offset.size()));
            if (scale.size() != arch.inputs)
                bad(p.at(S("scale")), QStringLiteral("expected %1 values (architecture.inputs), got %2")
                                          .arg(arch.inputs)
                                          .arg(scale.size()));
            m.preprocessor = Preprocessor::fromParameters(kind, std::move(offset), std::move(scale));
        }
    }

    const auto [parameterCount, bufferCount] = countsOf(arch);
    Eigen::VectorXf parameters = readBlock(r, S("parameters"), parameterCount, describe(arch));
    Eigen::VectorXf buffers = readBlock(r, S("buffers"), bufferCount, describe(arch));
    // Only now, with the weights in hand, is the network's size known to be real.
    m.model = Model(arch, std::move(parameters), std::move(buffers));
    checkFinite(m.model.parameters(), m.model.parameterBlocks(), r.at(S("parameters")).key(S("data")));
    checkFinite(m.model.buffers(), m.model.bufferBlocks(), r.at(S("buffers")).key(S("data")));

    if (r.has(S("provenance"))) {
        const R p = r.child(S("provenance"));
        m.provenance.study = p.string(S("study"), QString()).toStdString();
        m.provenance.trial = static_cast<int>(p.integer(S("trial"), -1, NumberRange::closed(-1, 2147483647)));
        m.provenance.metric = p.string(S("metric"), QString()).toStdString();
        if (p.has(S("value")))
            m.provenance.value = readNumberOrSpecial(p.value(S("value")), p.at(S("value")));
        if (p.has(S("params")))
            m.provenance.params = p.child(S("params")).object();
        if (p.has(S("metrics")))
            m.provenance.metrics = readMetrics(p.child(S("metrics")));
        if (p.has(S("test_metrics")))
            m.provenance.testMetrics = readMetrics(p.child(S("test_metrics")));
        m.provenance.dataset = p.string(S("dataset"), QString()).toStdString();
        m.provenance.created = p.string(S("created"), QString()).toStdString();
        m.provenance.tunewrightVersion = p.string(S("tunewright"), QString()).toStdString();
    }
    if (const std::string err = m.consistencyError(); !err.empty())
        bad(JsonPath(), qs(err));
    return m;
}

} // namespace

QString ModelFile::formatName()
{
    return S("tunewright-model");
}

QString ModelFile::crc32Hex(const QByteArray& bytes)
{
    uLong crc = ::crc32(0L, Z_NULL, 0);
    // zlib takes uInt lengths: feed large buffers in pieces.
    qsizetype done = 0;
    while (done < bytes.size()) {
        const auto piece = static_cast<uInt>(std::min<qsizetype>(bytes.size() - done, 1 << 30));
        crc = ::crc32(crc, reinterpret_cast<const Bytef*>(bytes.constData() + done), piece);
        done += piece;
    }
    return QStringLiteral("%1").arg(static_cast<quint32>(crc), 8, 16, QLatin1Char('0'));
}

QByteArray ModelFile::encodeFloats(const Eigen::VectorXf& values)
{
    QByteArray raw(values.size() * 4, Qt::Uninitialized);
    for (Eigen::Index i = 0; i < values.size(); ++i) {
        quint32 bits;
        std::memcpy(&bits, &values(i), sizeof bits);
        qToLittleEndian(bits, raw.data() + 4 * i);
    }
    return raw.toBase64();
}

QByteArray ModelFile::toBytes(const SavedModel& m)
{
    const ModelArchitecture& a = m.model.architecture();
    QJsonArray hidden;
    for (int h : a.hidden)
        hidden.append(h);
    QJsonObject arch{{"type", qs(a.typeName())},
                     {"inputs", a.inputs},
                     {"hidden", hidden},
                     {"outputs", a.outputs},
                     {"output", qs(std::string(toString(a.output)))},
                     {"activation", qs(std::string(toString(a.activation)))},
                     {"leaky_slope", floatJson(a.leakySlope)},
                     {"dropout", floatJson(a.dropout)},
                     {"batch_norm", a.batchNorm},
                     {"init", qs(std::string(toString(a.init)))}};
    if (a.inputShape) {
        QJsonArray conv;
        for (const ConvBlock& b : a.conv)
            conv.append(QJsonObject{{"filters", b.filters},
                                    {"kernel", b.kernel},
                                    {"stride", b.stride},
                                    {"padding", qs(std::string(toString(b.padding)))},
                                    {"pool", b.pool}});
        arch.insert("input_shape", QJsonArray{a.inputShape->channels, a.inputShape->height, a.inputShape->width});
        arch.insert("conv", conv);
        arch.insert("pool_type", qs(std::string(toString(a.poolType))));
        arch.insert("global_pool", a.globalPool);
    }

    QJsonArray inputs;
    for (const auto& c : m.inputs) {
        QJsonObject o{{"name", qs(c.name)},
                      {"type", c.type == ModelInputColumn::Type::Numeric ? "numeric" : "categorical"}};
        if (c.type == ModelInputColumn::Type::Categorical)
            o.insert("categories", stringArray(c.categories));
        inputs.append(o);
    }

    QJsonObject preprocess{{"kind", qs(std::string(Preprocessor::kindName(m.preprocessor.kind())))}};
    if (m.preprocessor.isFitted()) {
        preprocess.insert("offset", floatArray(m.preprocessor.offset()));
        preprocess.insert("scale", floatArray(m.preprocessor.scale()));
    }

    const ModelProvenance& p = m.provenance;
    QJsonObject provenance{{"study", qs(p.study)},
                           {"trial", p.trial},
                           {"metric", qs(p.metric)},
                           {"value", JsonNumber::toJson(p.value)},
                           {"params", p.params},
                           {"metrics", metricsJson(p.metrics)},
                           {"test_metrics", metricsJson(p.testMetrics)},
                           {"dataset", qs(p.dataset)},
                           {"created", qs(p.created)},
                           {"tunewright", qs(p.tunewrightVersion)}};

    QJsonObject root{{"format", formatName()},
                     // A dense model stays a version 1 file, which older readers still open.
                     {"version", a.isCnn() ? kVersion : 1},
                     {"task", m.task == Task::Classification ? "classification" : "regression"},
                     {"target", qs(m.targetName)},
                     {"classes", stringArray(m.classLabels)},
                     {"features", stringArray(m.featureNames)},
                     {"columns", inputs},
                     {"image_shape", m.imageShape ? QJsonValue(QJsonArray{m.imageShape->channels, m.imageShape->height,
                                                                         m.imageShape->width})
                                                  : QJsonValue(QJsonValue::Null)},
                     {"preprocess", preprocess},
                     {"architecture", arch},
                     {"parameters", blockJson(m.model.parameters())},
                     {"buffers", blockJson(m.model.buffers())},
                     {"layout", QJsonObject{{"parameters", layoutJson(m.model.parameterBlocks())},
                                            {"buffers", layoutJson(m.model.bufferBlocks())}}},
                     {"provenance", provenance}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

ParseResult<SavedModel> ModelFile::fromBytes(const QByteArray& bytes, const QString& sourceName)
{
    const QString prefix = sourceName.isEmpty() ? QString() : sourceName + S(": ");
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &err);
    if (err.error != QJsonParseError::NoError)
        return ParseResult<SavedModel>::failure(
            QStringLiteral("%1%2: %3")
                .arg(sourceName.isEmpty() ? QString() : sourceName + u':', ParamsJson::lineColumn(bytes, err.offset),
                     err.errorString()));
    if (!doc.isObject())
        return ParseResult<SavedModel>::failure(
            prefix + S("(root): expected an object, got ") + (doc.isArray() ? S("an array") : S("a scalar")));
    try {
        return readModel(doc.object());
    } catch (const SpecError& e) {
        return ParseResult<SavedModel>::failure(prefix + e.text());
    } catch (const std::exception& e) {
        // The checks above should leave nothing for the model classes to reject; if they
        // do, it is still the file's fault.
        return ParseResult<SavedModel>::failure(prefix + S("(root): ") + QString::fromUtf8(e.what()));
    }
}

ParseResult<SavedModel> ModelFile::load(const QString& path)
{
    auto bytes = FileReader::readAll(path);
    if (!bytes)
        return ParseResult<SavedModel>::failure(bytes.error());
    return fromBytes(bytes.value(), path);
}

QString ModelFile::save(const SavedModel& model, const QString& path)
{
    const QByteArray bytes = toBytes(model);
    return FileWriter::write(path, bytes);
}

} // namespace tw
