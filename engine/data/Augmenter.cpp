#include "data/Augmenter.h"

#include "core/Random.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace tw {

namespace {

using Type = AugmentSpec::Type;

std::string stepName(std::size_t i, const AugmentSpec& spec)
{
    return "augment[" + std::to_string(i) + "] (" + std::string(AugmentSpec::typeName(spec.type))
           + ")";
}

void addNoise(Dataset& d, double stddev, Random& rng)
{
    if (stddev == 0.0)
        return;
    float* x = d.x.data();
    const Eigen::Index size = d.x.size();
    for (Eigen::Index i = 0; i < size; ++i)
        x[i] = static_cast<float>(x[i] + stddev * rng.normal());
}

void mixup(AugmentedData& out, double alpha, Random& rng)
{
    Dataset& d = out.data;
    const Eigen::Index n = d.rows();
    const std::vector<Eigen::Index> partner = rng.permutation(n);
    Eigen::VectorXf lambda(n);
    for (Eigen::Index i = 0; i < n; ++i)
        lambda(i) = static_cast<float>(rng.beta(alpha, alpha));

    const FeatureMatrix x = d.x;
    for (Eigen::Index i = 0; i < n; ++i) {
        const Eigen::Index j = partner[static_cast<std::size_t>(i)];
        d.x.row(i) = lambda(i) * x.row(i) + (1.0f - lambda(i)) * x.row(j);
    }
    if (d.task == Task::Regression) {
        const Eigen::VectorXf y = d.y;
        for (Eigen::Index i = 0; i < n; ++i) {
            const Eigen::Index j = partner[static_cast<std::size_t>(i)];
            d.y(i) = lambda(i) * y(i) + (1.0f - lambda(i)) * y(j);
        }
        return;
    }
    if (out.softTargets.size() == 0) {
        out.softTargets.setZero(n, d.classCount());
        for (Eigen::Index i = 0; i < n; ++i)
            out.softTargets(i, static_cast<Eigen::Index>(d.y(i))) = 1.0f;
    }
    const Eigen::MatrixXf soft = out.softTargets;
    for (Eigen::Index i = 0; i < n; ++i) {
        const Eigen::Index j = partner[static_cast<std::size_t>(i)];
        out.softTargets.row(i) = lambda(i) * soft.row(i) + (1.0f - lambda(i)) * soft.row(j);
        Eigen::Index best = 0;
        out.softTargets.row(i).maxCoeff(&best);
        d.y(i) = static_cast<float>(best);
    }
}

void shift(Dataset& d, int pixels, Random& rng)
{
    if (pixels == 0)
        return;
    const ImageShape s = *d.imageShape;
    std::vector<float> image(static_cast<std::size_t>(s.size()));
    for (Eigen::Index r = 0; r < d.rows(); ++r) {
        const int dy = static_cast<int>(rng.between(-pixels, pixels));
        const int dx = static_cast<int>(rng.between(-pixels, pixels));
        float* row = d.x.row(r).data();
        std::copy(row, row + s.size(), image.begin());
        for (int c = 0; c < s.channels; ++c) {
            const std::size_t plane = static_cast<std::size_t>(c) * s.height * s.width;
            for (int h = 0; h < s.height; ++h) {
                const int from = h - dy;
                for (int w = 0; w < s.width; ++w) {
                    const int fromW = w - dx;
                    const bool inside = from >= 0 && from < s.height && fromW >= 0
                                        && fromW < s.width;
                    row[plane + static_cast<std::size_t>(h) * s.width + w] =
                        inside ? image[plane + static_cast<std::size_t>(from) * s.width + fromW]
                               : 0.0f;
                }
            }
        }
    }
}

void horizontalFlip(Dataset& d, double probability, Random& rng)
{
    const ImageShape s = *d.imageShape;
    for (Eigen::Index r = 0; r < d.rows(); ++r) {
        if (!rng.bernoulli(probability))
            continue;
        float* row = d.x.row(r).data();
        for (int line = 0; line < s.channels * s.height; ++line) {
            float* begin = row + static_cast<std::size_t>(line) * s.width;
            std::reverse(begin, begin + s.width);
        }
    }
}

void randomErasing(Dataset& d, const AugmentSpec& spec, Random& rng)
{
    // The aspect-ratio range and the 10 attempts are the paper's (and torchvision's).
    constexpr double ratioMin = 0.3;
    constexpr double ratioMax = 1.0 / 0.3;
    constexpr int attempts = 10;
    const ImageShape s = *d.imageShape;
    const double area = static_cast<double>(s.height) * s.width;
    const double minArea = spec.minArea();
    for (Eigen::Index r = 0; r < d.rows(); ++r) {
        if (!rng.bernoulli(spec.probability))
            continue;
        for (int attempt = 0; attempt < attempts; ++attempt) {
            const double target = area * rng.uniform(minArea, spec.maxArea);
            const double ratio = std::exp(rng.uniform(std::log(ratioMin), std::log(ratioMax)));
            const int h = static_cast<int>(std::lround(std::sqrt(target * ratio)));
            const int w = static_cast<int>(std::lround(std::sqrt(target / ratio)));
            // Rounding may leave the rectangle's real area outside the requested range;
            // such draws are retried, so the erased fraction always stays in its range.
            const double erased = static_cast<double>(h) * w;
            if (h < 1 || w < 1 || h > s.height || w > s.width || erased < minArea * area
                || erased > spec.maxArea * area)
                continue;
            const int top = static_cast<int>(rng.between(0, s.height - h));
            const int left = static_cast<int>(rng.between(0, s.width - w));
            float* row = d.x.row(r).data();
            for (int c = 0; c < s.channels; ++c)
                for (int y = top; y < top + h; ++y) {
                    float* line = row + (static_cast<std::size_t>(c) * s.height + y) * s.width;
                    std::fill(line + left, line + left + w, 0.0f);
                }
            break;
        }
    }
}

} // namespace

Augmenter::Augmenter(std::vector<AugmentSpec> specs)
    : m_specs(std::move(specs))
{
    for (std::size_t i = 0; i < m_specs.size(); ++i) {
        const std::string error = m_specs[i].validationError();
        if (!error.empty())
            throw std::invalid_argument("Augmenter::Augmenter(): " + stepName(i, m_specs[i]) + ": "
                                        + error);
    }
}

void Augmenter::validateFor(const Dataset& train) const
{
    for (std::size_t i = 0; i < m_specs.size(); ++i) {
        const AugmentSpec& spec = m_specs[i];
        auto fail = [&](const std::string& what) {
            throw std::invalid_argument("Augmenter::apply(): " + stepName(i, spec) + ": " + what);
        };
        if (AugmentSpec::needsImages(spec.type)) {
            if (!train.imageShape)
                fail("needs an image dataset, but Dataset::imageShape is not set");
            const ImageShape& s = *train.imageShape;
            if (s.channels < 1 || s.height < 1 || s.width < 1 || s.size() != train.features())
                fail("Dataset::imageShape " + std::to_string(s.channels) + "x"
                     + std::to_string(s.height) + "x" + std::to_string(s.width)
                     + " does not match the " + std::to_string(train.features())
                     + " features of a row");
            const int pixels = spec.shiftPixels();
            if ((spec.type == Type::Shift || spec.type == Type::Crop)
                && (pixels >= s.height || pixels >= s.width))
                fail(std::string(spec.type == Type::Crop ? "padding" : "max_shift") + " ("
                     + std::to_string(pixels) + ") must be smaller than the "
                     + std::to_string(s.height) + "x" + std::to_string(s.width) + " image");
        }
        if (spec.type == Type::Mixup && train.task == Task::Classification) {
            for (Eigen::Index r = 0; r < train.rows(); ++r) {
                const float label = train.y(r);
                if (!(label >= 0.0f && label < static_cast<float>(train.classCount()))
                    || label != std::floor(label))
                    fail("row " + std::to_string(r) + " has target " + std::to_string(label)
                         + ", not a class index in [0, " + std::to_string(train.classCount())
                         + ")");
            }
        }
    }
}

std::vector<std::string> Augmenter::warnings(const Dataset& train) const
{
    std::vector<std::string> out;
    for (std::size_t i = 0; i < m_specs.size(); ++i)
        if (m_specs[i].type == Type::HorizontalFlip && !train.allowHorizontalFlip)
            out.push_back(stepName(i, m_specs[i])
                          + " skipped: this dataset's images may change meaning when mirrored "
                            "(Dataset::allowHorizontalFlip is false)");
    return out;
}

AugmentedData Augmenter::apply(const Dataset& train, std::uint64_t seed) const
{
    validateFor(train);
    AugmentedData out{train, {}};
    Random rng(seed);
    for (const AugmentSpec& spec : m_specs) {
        switch (spec.type) {
        case Type::GaussianNoise:
            addNoise(out.data, spec.std, rng);
            break;
        case Type::Mixup:
            mixup(out, spec.alpha, rng);
            break;
        case Type::Shift:
        case Type::Crop:
            shift(out.data, spec.shiftPixels(), rng);
            break;
        case Type::HorizontalFlip:
            if (out.data.allowHorizontalFlip)
                horizontalFlip(out.data, spec.probability, rng);
            break;
        case Type::RandomErasing:
            randomErasing(out.data, spec, rng);
            break;
        }
    }
    return out;
}

} // namespace tw
