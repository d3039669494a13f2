#include "data/SyntheticData.h"

#include "core/Random.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <sstream>
#include <stdexcept>

namespace tw {

namespace {

constexpr double pi = std::numbers::pi;

[[noreturn]] void fail(const std::string& what)
{
    throw std::invalid_argument("SyntheticData::generate(): " + what);
}

std::string joinedKinds()
{
    std::string out;
    for (const auto& k : SyntheticData::kinds()) {
        if (!out.empty())
            out += ", ";
        out += k;
    }
    return out;
}

std::vector<std::string> numberedNames(const char* prefix, int count)
{
    std::vector<std::string> names;
    names.reserve(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) {
        // Appending (not prefix + ...) sidesteps a false -Wrestrict of g++ 12 (GCC PR 105329).
        std::string name(prefix);
        name += std::to_string(i);
        names.push_back(std::move(name));
    }
    return names;
}

Dataset makeClassification(Eigen::Index rows, int features, int classes)
{
    Dataset d;
    d.task = Task::Classification;
    d.x.resize(rows, features);
    d.y.resize(rows);
    d.featureNames = numberedNames("x", features);
    d.classLabels = numberedNames("", classes);
    d.targetName = std::string("label", 5);
    return d;
}

Dataset makeRegression(Eigen::Index rows, int features)
{
    Dataset d;
    d.task = Task::Regression;
    d.x.resize(rows, features);
    d.y.resize(rows);
    d.featureNames = numberedNames("x", features);
    // Built from (pointer, length): assigning the literal trips g++ 12's false -Wrestrict.
    d.targetName = std::string("y", 1);
    return d;
}

// Sizes of `classes` groups that share `samples` as evenly as possible (the first
// samples % classes groups get one more), as in make_blobs.
std::vector<Eigen::Index> balancedSizes(int samples, int classes)
{
    std::vector<Eigen::Index> sizes(static_cast<std::size_t>(classes), samples / classes);
    for (int c = 0; c < samples % classes; ++c)
        ++sizes[static_cast<std::size_t>(c)];
    return sizes;
}

// i-th of n evenly spaced points in [low, high] (numpy.linspace with endpoint=true).
double linspace(double low, double high, Eigen::Index i, Eigen::Index n)
{
    return n <= 1 ? low : low + (high - low) * static_cast<double>(i) / static_cast<double>(n - 1);
}

void addFeatureNoise(Dataset& d, double noise, Random& rng)
{
    if (noise == 0.0)
        return;
    for (Eigen::Index r = 0; r < d.x.rows(); ++r)
        for (Eigen::Index c = 0; c < d.x.cols(); ++c)
            d.x(r, c) = static_cast<float>(d.x(r, c) + noise * rng.normal());
}

// Class-ordered rows would hand a naive first-n split a single class.
Dataset shuffledRows(const Dataset& d, Random& rng)
{
    return d.subset(rng.permutation(d.rows()));
}

Dataset moons(const SyntheticOptions& o, Random& rng)
{
    const auto sizes = balancedSizes(o.samples, 2);
    Dataset d = makeClassification(o.samples, 2, 2);
    Eigen::Index row = 0;
    for (Eigen::Index i = 0; i < sizes[0]; ++i, ++row) {
        const double t = linspace(0.0, pi, i, sizes[0]);
        d.x(row, 0) = static_cast<float>(std::cos(t));
        d.x(row, 1) = static_cast<float>(std::sin(t));
        d.y(row) = 0.0f;
    }
    for (Eigen::Index i = 0; i < sizes[1]; ++i, ++row) {
        const double t = linspace(0.0, pi, i, sizes[1]);
        d.x(row, 0) = static_cast<float>(1.0 - std::cos(t));
        d.x(row, 1) = static_cast<float>(0.5 - std::sin(t));
        d.y(row) = 1.0f;
    }
    addFeatureNoise(d, o.noise, rng);
    return shuffledRows(d, rng);
}

Dataset circles(const SyntheticOptions& o, Random& rng)
{
    const auto sizes = balancedSizes(o.samples, 2);
    Dataset d = makeClassification(o.samples, 2, 2);
    Eigen::Index row = 0;
    for (int c = 0; c < 2; ++c) {
        const double radius = c == 0 ? 1.0 : o.factor;
        const Eigen::Index n = sizes[static_cast<std::size_t>(c)];
        for (Eigen::Index i = 0; i < n; ++i, ++row) {
            // endpoint excluded: 0 and 2 pi are the same point.
            const double t = 2.0 * pi * static_cast<double>(i) / static_cast<double>(n);
            d.x(row, 0) = static_cast<float>(radius * std::cos(t));
            d.x(row, 1) = static_cast<float>(radius * std::sin(t));
            d.y(row) = static_cast<float>(c);
        }
    }
    addFeatureNoise(d, o.noise, rng);
    return shuffledRows(d, rng);
}

Dataset spirals(const SyntheticOptions& o, Random& rng)
{
    const auto sizes = balancedSizes(o.samples, o.classes);
    Dataset d = makeClassification(o.samples, 2, o.classes);
    Eigen::Index row = 0;
    for (int c = 0; c < o.classes; ++c) {
        const Eigen::Index n = sizes[static_cast<std::size_t>(c)];
        const double phase = 2.0 * pi * c / o.classes;
        for (Eigen::Index i = 0; i < n; ++i, ++row) {
            const double t = linspace(0.0, 1.0, i, n);
            const double angle = 3.0 * pi * t + phase;
            d.x(row, 0) = static_cast<float>(t * std::cos(angle));
            d.x(row, 1) = static_cast<float>(t * std::sin(angle));
            d.y(row) = static_cast<float>(c);
        }
    }
    addFeatureNoise(d, o.noise, rng);
    return shuffledRows(d, rng);
}

Dataset blobs(const SyntheticOptions& o, Random& rng)
{
    Eigen::MatrixXd centers(o.classes, o.features);
    for (int c = 0; c < o.classes; ++c)
        for (int f = 0; f < o.features; ++f)
            centers(c, f) = rng.uniform(-1.0, 1.0);
    const auto sizes = balancedSizes(o.samples, o.classes);
    Dataset d = makeClassification(o.samples, o.features, o.classes);
    Eigen::Index row = 0;
    for (int c = 0; c < o.classes; ++c) {
        for (Eigen::Index i = 0; i < sizes[static_cast<std::size_t>(c)]; ++i, ++row) {
            for (int f = 0; f < o.features; ++f)
                d.x(row, f) = static_cast<float>(centers(c, f));
            d.y(row) = static_cast<float>(c);
        }
    }
    addFeatureNoise(d, o.noise, rng);
    return shuffledRows(d, rng);
}

Dataset xorData(const SyntheticOptions& o, Random& rng)
{
    Dataset d = makeClassification(o.samples, 2, 2);
    for (Eigen::Index r = 0; r < d.rows(); ++r) {
        const double a = rng.uniform(-1.0, 1.0);
        const double b = rng.uniform(-1.0, 1.0);
        d.x(r, 0) = static_cast<float>(a);
        d.x(r, 1) = static_cast<float>(b);
        d.y(r) = ((a > 0.0) != (b > 0.0)) ? 1.0f : 0.0f;
    }
    addFeatureNoise(d, o.noise, rng);
    return d;
}

Dataset friedman1(const SyntheticOptions& o, Random& rng)
{
    Dataset d = makeRegression(o.samples, o.features);
    for (Eigen::Index r = 0; r < d.rows(); ++r) {
        for (int f = 0; f < o.features; ++f)
            d.x(r, f) = static_cast<float>(rng.uniform01());
        // The formula reads the stored (float) features, so y matches x exactly.
        const double x0 = d.x(r, 0), x1 = d.x(r, 1), x2 = d.x(r, 2), x3 = d.x(r, 3),
                     x4 = d.x(r, 4);
        double y = 10.0 * std::sin(pi * x0 * x1) + 20.0 * (x2 - 0.5) * (x2 - 0.5) + 10.0 * x3
                   + 5.0 * x4;
        if (o.noise != 0.0)
            y += o.noise * rng.normal();
        d.y(r) = static_cast<float>(y);
    }
    return d;
}

Dataset sine(const SyntheticOptions& o, Random& rng)
{
    Dataset d = makeRegression(o.samples, 1);
    for (Eigen::Index r = 0; r < d.rows(); ++r) {
        d.x(r, 0) = static_cast<float>(rng.uniform(-pi, pi));
        double y = std::sin(static_cast<double>(d.x(r, 0)));
        if (o.noise != 0.0)
            y += o.noise * rng.normal();
        d.y(r) = static_cast<float>(y);
    }
    return d;
}

void validate(const SyntheticOptions& o)
{
    const std::string k = o.kind;
    const auto known = SyntheticData::kinds();
    if (std::find(known.begin(), known.end(), k) == known.end())
        fail("unknown kind '" + k + "'; expected one of " + joinedKinds());
    auto bad = [&](const std::string& what) { fail(k + ": " + what); };
    const int minSamples = (k == "friedman1" || k == "sine") ? 1 : 2;
    if (o.samples < minSamples || o.samples > SyntheticData::maxSamples)
        bad("samples must be in [" + std::to_string(minSamples) + ", "
            + std::to_string(SyntheticData::maxSamples) + "], got " + std::to_string(o.samples));
    if (!(o.noise >= 0.0) || !std::isfinite(o.noise)) {
        std::ostringstream s;
        s << "noise must be a finite number >= 0, got " << o.noise;
        bad(s.str());
    }
    if (k == "blobs" || k == "spirals") {
        if (o.classes < 2)
            bad("classes must be >= 2, got " + std::to_string(o.classes));
        if (o.classes > o.samples)
            bad("classes (" + std::to_string(o.classes) + ") must not exceed samples ("
                + std::to_string(o.samples) + ")");
    }
    if (k == "blobs" || k == "friedman1") {
        const int minFeatures = k == "friedman1" ? 5 : 1;
        if (o.features < minFeatures || o.features > SyntheticData::maxFeatures)
            bad("features must be in [" + std::to_string(minFeatures) + ", "
                + std::to_string(SyntheticData::maxFeatures) + "], got "
                + std::to_string(o.features));
        if (static_cast<long long>(o.samples) * o.features > SyntheticData::maxCells)
            bad("samples x features must be at most " + std::to_string(SyntheticData::maxCells));
    }
    if (k == "circles" && !(o.factor > 0.0 && o.factor < 1.0)) {
        std::ostringstream s;
        s << "factor must be in (0, 1), got " << o.factor;
        bad(s.str());
    }
}

} // namespace

std::vector<std::string> SyntheticData::kinds()
{
    return {"moons", "circles", "spirals", "blobs", "xor", "friedman1", "sine"};
}

Dataset SyntheticData::generate(const SyntheticOptions& options)
{
    validate(options);
    Random rng(options.seed);
    const std::string& k = options.kind;
    if (k == "moons")
        return moons(options, rng);
    if (k == "circles")
        return circles(options, rng);
    if (k == "spirals")
        return spirals(options, rng);
    if (k == "blobs")
        return blobs(options, rng);
    if (k == "xor")
        return xorData(options, rng);
    if (k == "friedman1")
        return friedman1(options, rng);
    return sine(options, rng);
}

} // namespace tw
