#pragma once
#include "data/Dataset.h"

#include <optional>
#include <string_view>

namespace tw {

// Per-feature affine scaling, x' = (x - offset) / scale, fitted on the training split only
// and then applied unchanged to validation, test and, through fromParameters(), to the
// inputs of a saved model.
//   none:        offset 0, scale 1.
//   standardize: offset = mean, scale = population standard deviation (as scikit-learn's
//                StandardScaler).
//   minmax:      offset = min, scale = max - min, so training values land in [0, 1].
// A constant training feature (max == min) gets scale 1: it becomes 0 (minmax, standardize)
// instead of NaN, and an unseen value later stays finite. Statistics are accumulated in
// double and stored as float, the precision of the features themselves.
class Preprocessor {
public:
    enum class Kind { None, Standardize, MinMax };

    Preprocessor() = default;
    explicit Preprocessor(Kind kind)
        : m_kind(kind)
    {
    }

    // Throws std::invalid_argument for an empty dataset or a NaN / infinite value.
    void fit(const Dataset& train);
    // In place. Kind::None leaves the data untouched even when not fitted; other kinds must
    // be fitted (or made by fromParameters) with as many features as `data` has.
    void transform(Dataset& data) const;
    void transform(FeatureMatrix& x) const;

    Kind kind() const { return m_kind; }
    bool isFitted() const { return m_fitted; }
    const Eigen::VectorXf& offset() const { return m_offset; }
    const Eigen::VectorXf& scale() const { return m_scale; }

    // Rebuilds a fitted preprocessor from stored parameters. Throws std::invalid_argument
    // when the sizes differ, or a value is not finite, or a scale is not > 0.
    static Preprocessor fromParameters(Kind kind, Eigen::VectorXf offset, Eigen::VectorXf scale);

    static std::string_view kindName(Kind kind); // "none", "standardize", "minmax"
    static std::optional<Kind> kindFromName(std::string_view name);

private:
    Kind m_kind = Kind::None;
    bool m_fitted = false;
    Eigen::VectorXf m_offset;
    Eigen::VectorXf m_scale;
};

} // namespace tw
