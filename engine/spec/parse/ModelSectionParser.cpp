#include "spec/parse/ModelSectionParser.h"
#include "ml/ModelArchitecture.h"
#include "spec/SpecError.h"
#include "spec/parse/SpecParseSupport.h"

namespace tw::specparse {

using Kind = SpecError::Kind;
using R = SpecReader;

ConvBlockSpec ModelSectionParser::parseConvBlock(const QJsonValue& v, const JsonPath& path) {
    const R r(v, path);
    r.allowOnly({S("filters"), S("kernel"), S("stride"), S("padding"), S("pool")}, S("in a conv block"));
    ConvBlockSpec b;
    b.filters = capInt(r.integer(S("filters"), NumberRange::atLeast(1)), r.value(S("filters")), r.at(S("filters")));
    b.kernel = toInt(r, S("kernel"), b.kernel, NumberRange::atLeast(1));
    if (b.kernel % 2 == 0)
        throw SpecError(r.at(S("kernel")),
                        QStringLiteral("expected an odd kernel size (1, 3, 5, ...), got %1").arg(b.kernel),
                        Kind::BadValue);
    b.stride = toInt(r, S("stride"), b.stride, NumberRange::atLeast(1));
    b.padding = r.choice<ConvBlockSpec::Padding>(
        S("padding"), {{S("same"), ConvBlockSpec::Padding::Same}, {S("valid"), ConvBlockSpec::Padding::Valid}},
        b.padding);
    b.pool = toInt(r, S("pool"), b.pool, NumberRange::atLeast(1));
    return b;
}

// Shape inference before any trial: every block must leave a map of at least 1x1.
void ModelSectionParser::checkConvShapes(const ModelSpec& m, const ImageShape& input, const JsonPath& convPath) {
    ImageShape shape = input;
    for (size_t i = 0; i < m.conv.size(); ++i) {
        const ConvBlockSpec& b = m.conv[i];
        const JsonPath at = convPath.index(static_cast<qsizetype>(i));
        const ImageShape c =
            convolvedShape(shape, b.filters, b.kernel, b.stride,
                           b.padding == ConvBlockSpec::Padding::Valid ? Padding::Valid : Padding::Same);
        if (!c.isValid())
            throw SpecError(at.key(S("kernel")),
                            QStringLiteral("a valid %1x%1 convolution does not fit the %2 map")
                                .arg(b.kernel)
                                .arg(QString::fromStdString(shape.toString())),
                            Kind::BadValue);
        const ImageShape p = pooledShape(c, b.pool);
        if (!p.isValid())
            throw SpecError(at.key(S("pool")),
                            QStringLiteral("pooling by %1 makes the %2 map smaller than 1x1")
                                .arg(b.pool)
                                .arg(QString::fromStdString(c.toString())),
                            Kind::BadValue);
        shape = p;
    }
}

ModelSpec ModelSectionParser::parse(const R& r) {
    ModelSpec m;
    r.allowOnly({S("type"), S("hidden"), S("activation"), S("leaky_slope"), S("dropout"),
                 S("batch_norm"), S("init"), S("conv"), S("pool_type"), S("global_pool")});
    m.type = r.choice<ModelSpec::Type>(S("type"),
                                       {{S("linear"), ModelSpec::Type::Linear},
                                        {S("logistic"), ModelSpec::Type::Logistic},
                                        {S("softmax"), ModelSpec::Type::Softmax},
                                        {S("mlp"), ModelSpec::Type::Mlp},
                                        {S("cnn"), ModelSpec::Type::Cnn}},
                                       m.type);
    if (r.has(S("hidden"))) {
        m.hiddenGiven = true;
        m.hidden.clear();
        const QJsonArray h = r.array(S("hidden"));
        for (qsizetype i = 0; i < h.size(); ++i)
            m.hidden.push_back(
                toIntValue(h.at(i), r.at(S("hidden")).index(i), NumberRange::atLeast(1)));
    } else if (m.type == ModelSpec::Type::Cnn) {
        m.hidden = {128};
    }
    if (r.has(S("conv"))) {
        m.conv.clear();
        const QJsonArray c = r.array(S("conv"));
        for (qsizetype i = 0; i < c.size(); ++i)
            m.conv.push_back(parseConvBlock(c.at(i), r.at(S("conv")).index(i)));
    }
    m.poolType = r.choice<ModelSpec::PoolType>(
        S("pool_type"), {{S("max"), ModelSpec::PoolType::Max}, {S("avg"), ModelSpec::PoolType::Avg}}, m.poolType);
    m.globalPool = r.boolean(S("global_pool"), m.globalPool);
    m.activation =
        r.choice<ModelSpec::Activation>(S("activation"),
                                        {{S("relu"), ModelSpec::Activation::Relu},
                                         {S("leaky_relu"), ModelSpec::Activation::LeakyRelu},
                                         {S("tanh"), ModelSpec::Activation::Tanh},
                                         {S("sigmoid"), ModelSpec::Activation::Sigmoid},
                                         {S("gelu"), ModelSpec::Activation::Gelu}},
                                        m.activation);
    m.leakySlope = r.number(S("leaky_slope"), m.leakySlope, NumberRange::atLeast(0));
    m.dropout = r.number(S("dropout"), m.dropout, NumberRange::halfOpen(0, 1));
    m.batchNorm = r.boolean(S("batch_norm"), m.batchNorm);
    m.init = r.choice<ModelSpec::Init>(S("init"),
                                       {{S("auto"), ModelSpec::Init::Auto},
                                        {S("he"), ModelSpec::Init::He},
                                        {S("xavier"), ModelSpec::Init::Xavier}},
                                       m.init);
    return m;
}

} // namespace tw::specparse
