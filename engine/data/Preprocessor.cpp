#include "data/Preprocessor.h"

#include <cmath>
#include <stdexcept>
#include <string>

namespace tw {

namespace {

std::string featureName(const Dataset& d, Eigen::Index c)
{
    if (c < static_cast<Eigen::Index>(d.featureNames.size()))
        return "'" + d.featureNames[static_cast<std::size_t>(c)] + "'";
    return std::to_string(c);
}

} // namespace

void Preprocessor::fit(const Dataset& train)
{
    const Eigen::Index n = train.rows();
    const Eigen::Index p = train.features();
    if (n == 0)
        throw std::invalid_argument("Preprocessor::fit(): the training set has no rows");
    m_offset.setZero(p);
    m_scale.setOnes(p);
    for (Eigen::Index c = 0; c < p; ++c) {
        double lo = train.x(0, c), hi = lo, sum = 0.0;
        for (Eigen::Index r = 0; r < n; ++r) {
            const double v = train.x(r, c);
            if (!std::isfinite(v))
                throw std::invalid_argument("Preprocessor::fit(): feature " + featureName(train, c)
                                            + " has a non-finite value at row "
                                            + std::to_string(r));
            lo = std::min(lo, v);
            hi = std::max(hi, v);
            sum += v;
        }
        if (m_kind == Kind::MinMax) {
            m_offset(c) = static_cast<float>(lo);
            if (hi > lo)
                m_scale(c) = static_cast<float>(hi - lo);
        } else if (m_kind == Kind::Standardize) {
            // Two passes: the textbook one-pass formula cancels badly for large means.
            const double mean = sum / static_cast<double>(n);
            double squares = 0.0;
            for (Eigen::Index r = 0; r < n; ++r) {
                const double d = train.x(r, c) - mean;
                squares += d * d;
            }
            m_offset(c) = static_cast<float>(mean);
            const float sd = static_cast<float>(std::sqrt(squares / static_cast<double>(n)));
            if (hi > lo && sd > 0.0f)
                m_scale(c) = sd;
        }
    }
    m_fitted = true;
}

void Preprocessor::transform(FeatureMatrix& x) const
{
    if (m_kind == Kind::None)
        return;
    if (!m_fitted)
        throw std::logic_error("Preprocessor::transform(): not fitted");
    if (x.cols() != m_offset.size())
        throw std::invalid_argument("Preprocessor::transform(): fitted on "
                                    + std::to_string(m_offset.size()) + " features, got "
                                    + std::to_string(x.cols()));
    x.rowwise() -= m_offset.transpose();
    x.array().rowwise() /= m_scale.transpose().array();
}

void Preprocessor::transform(Dataset& data) const
{
    transform(data.x);
}

Preprocessor Preprocessor::fromParameters(Kind kind, Eigen::VectorXf offset, Eigen::VectorXf scale)
{
    if (offset.size() != scale.size())
        throw std::invalid_argument("Preprocessor::fromParameters(): offset has "
                                    + std::to_string(offset.size()) + " values but scale has "
                                    + std::to_string(scale.size()));
    for (Eigen::Index i = 0; i < offset.size(); ++i) {
        if (!std::isfinite(offset(i)))
            throw std::invalid_argument("Preprocessor::fromParameters(): offset[" + std::to_string(i)
                                        + "] is not finite");
        if (!(scale(i) > 0.0f) || !std::isfinite(scale(i)))
            throw std::invalid_argument("Preprocessor::fromParameters(): scale[" + std::to_string(i)
                                        + "] must be a finite number > 0");
    }
    Preprocessor p(kind);
    p.m_offset = std::move(offset);
    p.m_scale = std::move(scale);
    p.m_fitted = true;
    return p;
}

std::string_view Preprocessor::kindName(Kind kind)
{
    switch (kind) {
    case Kind::None:
        return "none";
    case Kind::Standardize:
        return "standardize";
    case Kind::MinMax:
        return "minmax";
    }
    return "none";
}

std::optional<Preprocessor::Kind> Preprocessor::kindFromName(std::string_view name)
{
    for (const Kind k : {Kind::None, Kind::Standardize, Kind::MinMax})
        if (kindName(k) == name)
            return k;
    return std::nullopt;
}

} // namespace tw
