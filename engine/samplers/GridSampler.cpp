#include "study/StudyStorage.h"
#include "samplers/GridSampler.h"

#include "core/Random.h"

#include <cmath>
#include <functional>
#include <limits>
#include <memory>
#include <set>
#include <sstream>
#include <stdexcept>

namespace tw {

namespace {

constexpr long long kMaxTreeRows = 1'000'000;
constexpr long long kMaxAxisValues = 1'000'000;
constexpr long long kMaxSize = std::numeric_limits<long long>::max() / 4;

// The values of one parameter on the grid, or an error.
std::vector<double> axisValues(const ParamSpec& p, const GridSampler::Options& options, std::string* error)
{
    const Distribution& d = p.distribution;
    std::vector<double> values;
    if (d.kind() == Distribution::Kind::Categorical || d.kind() == Distribution::Kind::Fixed) {
        for (int i = 0; i < d.choiceCount(); ++i)
            values.push_back(i);
        return values;
    }
    GridSampler::Axis axis;
    if (auto it = options.axes.find(p.name); it != options.axes.end())
        axis = it->second;
    else if (d.kind() == Distribution::Kind::Float && d.step() == 0.0)
        axis.resolution = options.defaultResolution;
    else if (d.kind() == Distribution::Kind::Int && d.isLog() && options.defaultResolution > 0 &&
             d.cardinality() > options.defaultResolution)
        axis.resolution = options.defaultResolution;  // log-spaced, as the scale asks
    if (axis.resolution < 0 || axis.step < 0.0 || (axis.resolution > 0 && axis.step > 0.0)) {
        *error = p.name + ": give the grid either a positive resolution or a positive step";
        return {};
    }

    auto push = [&values, &d](double v) {
        v = d.snap(v);
        if (values.empty() || values.back() != v)
            values.push_back(v);
    };
    if (axis.resolution > 0) {
        if (axis.resolution == 1) {
            push(d.isLog() ? std::sqrt(d.low() * d.high()) : (d.low() + d.high()) / 2.0);
            return values;
        }
        for (int i = 0; i < axis.resolution; ++i) {
            const double f = double(i) / double(axis.resolution - 1);
            push(d.isLog() ? std::exp(std::log(d.low()) + f * (std::log(d.high()) - std::log(d.low())))
                           : d.low() + f * (d.high() - d.low()));
        }
        return values;
    }
    double step = axis.step > 0.0 ? axis.step : d.step();
    if (step <= 0.0) {
        *error = p.name + ": a float needs a grid resolution or step";
        return {};
    }
    const double count = std::floor((d.high() - d.low()) / step * (1.0 + 1e-12) + 1e-9) + 1.0;
    if (count > double(kMaxAxisValues)) {
        std::ostringstream msg;
        msg << p.name << ": " << count << " grid values; give a resolution or a larger step";
        *error = msg.str();
        return {};
    }
    for (long long k = 0; k < static_cast<long long>(count); ++k)
        push(d.low() + double(k) * step);
    return values;
}

} // namespace

struct GridSampler::Grid {
    std::vector<ParamSpec> params;           // the space it was built for
    std::vector<std::string> freeNames;      // unconditional and nobody's parent
    std::vector<std::vector<double>> freeValues;
    std::vector<ParamValues> treeRows;       // active configurations of the others
    long long freeProduct = 1;
    long long size = 0;
    std::map<std::string, double> firstValue;

    bool sameSpace(const SearchSpace& space) const
    {
        if (space.params().size() != params.size())
            return false;
        for (std::size_t i = 0; i < params.size(); ++i) {
            const ParamSpec& a = params[i];
            const ParamSpec& b = space.params()[i];
            if (a.name != b.name || !(a.distribution == b.distribution) ||
                a.condition.has_value() != b.condition.has_value())
                return false;
            if (a.condition && (a.condition->parent != b.condition->parent ||
                                a.condition->values != b.condition->values ||
                                a.condition->notIn != b.condition->notIn))
                return false;
        }
        return true;
    }
};

GridSampler::GridSampler()
    : GridSampler(Options())
{
}

GridSampler::GridSampler(Options options)
    : m_options(std::move(options))
{
    if (m_options.defaultResolution < 0)
        throw std::invalid_argument("GridSampler::GridSampler(): defaultResolution must be >= 0");
}

std::string GridSampler::validate(const SearchSpace& space, const Options& options)
{
    try {
        GridSampler probe(options);
        probe.grid(space);
    } catch (const std::invalid_argument& e) {
        const std::string what = e.what();
        const std::string prefix = "GridSampler: ";
        return what.rfind(prefix, 0) == 0 ? what.substr(prefix.size()) : what;
    }
    return {};
}

const GridSampler::Grid& GridSampler::grid(const SearchSpace& space)
{
    if (m_grid && m_grid->sameSpace(space))
        return *m_grid;
    auto g = std::make_shared<Grid>();
    g->params = space.params();
    std::set<std::string> parents;
    for (const ParamSpec& p : space.params())
        if (p.condition)
            parents.insert(p.condition->parent);

    std::map<std::string, std::vector<double>> values;
    for (const ParamSpec& p : space.params()) {
        std::string error;
        auto v = axisValues(p, m_options, &error);
        if (!error.empty())
            throw std::invalid_argument("GridSampler: " + error);
        if (v.empty())
            throw std::invalid_argument("GridSampler: " + p.name + ": no grid value");
        g->firstValue[p.name] = v.front();
        values[p.name] = std::move(v);
    }

    std::vector<const ParamSpec*> tree;
    for (const ParamSpec& p : space.params()) {
        if (!p.condition && !parents.count(p.name)) {
            g->freeNames.push_back(p.name);
            g->freeValues.push_back(values[p.name]);
        } else {
            tree.push_back(&p);
        }
    }
    // Depth-first over the conditional parameters, in topological order.
    ParamValues chosen;
    std::function<void(std::size_t)> walk = [&](std::size_t i) {
        if (static_cast<long long>(g->treeRows.size()) > kMaxTreeRows)
            throw std::invalid_argument("GridSampler: the conditional parameters span more than a million grid points");
        if (i == tree.size()) {
            g->treeRows.push_back(chosen);
            return;
        }
        const ParamSpec& p = *tree[i];
        if (!space.isActive(p, chosen)) {
            walk(i + 1);
            return;
        }
        for (double v : values[p.name]) {
            chosen[p.name] = v;
            walk(i + 1);
        }
        chosen.erase(p.name);
    };
    walk(0);

    long long size = static_cast<long long>(g->treeRows.size());
    for (const auto& v : g->freeValues) {
        g->freeProduct *= static_cast<long long>(v.size());
        if (size > kMaxSize / static_cast<long long>(v.size()))
            throw std::invalid_argument("GridSampler: the grid has more than 2^61 points");
        size *= static_cast<long long>(v.size());
    }
    g->size = size;
    m_grid = std::move(g);
    return *m_grid;
}

long long GridSampler::size(const SearchSpace& space)
{
    return grid(space).size;
}

long long GridSampler::permute(long long index, long long n) const
{
    if (!m_options.shuffle || n <= 2)
        return index;
    // Cycle-walking a balanced Feistel network over the smallest even power of two >= n.
    int bits = 2;
    while ((1LL << bits) < n)
        ++bits;
    if (bits % 2)
        ++bits;
    const int half = bits / 2;
    const std::uint64_t mask = (1ULL << half) - 1;
    auto once = [&](std::uint64_t x) {
        std::uint64_t left = x >> half, right = x & mask;
        for (int round = 0; round < 4; ++round) {
            const std::uint64_t f =
                Random::derive(m_options.seed, round, right) & mask;
            const std::uint64_t next = left ^ f;
            left = right;
            right = next;
        }
        return (left << half) | right;
    };
    std::uint64_t x = static_cast<std::uint64_t>(index);
    do
        x = once(x);
    while (x >= static_cast<std::uint64_t>(n));
    return static_cast<long long>(x);
}

ParamValues GridSampler::point(const SearchSpace& space, long long index)
{
    const Grid& g = grid(space);
    if (index < 0 || index >= g.size)
        throw std::invalid_argument("GridSampler::point(): index out of range");
    long long position = permute(index, g.size);
    ParamValues out = g.treeRows[static_cast<std::size_t>(position / g.freeProduct)];
    long long rest = position % g.freeProduct;
    for (std::size_t i = g.freeNames.size(); i-- > 0;) {
        const auto n = static_cast<long long>(g.freeValues[i].size());
        out[g.freeNames[i]] = g.freeValues[i][static_cast<std::size_t>(rest % n)];
        rest /= n;
    }
    return out;
}

bool GridSampler::isSampledTrial(const FrozenTrial& t)
{
    return StudyStorage::isSampledTrial(t);
}

long long GridSampler::sampledIndex(const StudyView& study, int number)
{
    long long index = 0;
    for (const FrozenTrial& t : study.trials()) {
        if (t.number >= number)
            break;
        if (isSampledTrial(t))
            ++index;
    }
    return index;
}

SearchSpace GridSampler::relativeSearchSpace(const StudyView& study, const FrozenTrial&)
{
    return study.searchSpace();
}

ParamValues GridSampler::sampleRelative(const StudyView& study, const FrozenTrial& trial,
                                        const SearchSpace& space)
{
    const long long n = size(space);
    if (n == 0)
        return {};
    const long long index =
        isSampledTrial(trial) ? sampledIndex(study, trial.number) : static_cast<long long>(trial.number) % n;
    // Past the end only when the Study did not check hasPointFor: wrap rather than fail.
    return point(space, index % n);
}

double GridSampler::sampleIndependent(const StudyView& study, const FrozenTrial&,
                                      std::string_view name, const Distribution& dist)
{
    const Grid& g = grid(study.searchSpace());
    if (auto it = g.firstValue.find(std::string(name)); it != g.firstValue.end())
        return it->second;
    return dist.snap(dist.low());
}

bool GridSampler::exhausted(const StudyView& study)
{
    long long sampled = 0;
    for (const FrozenTrial& t : study.trials())
        sampled += isSampledTrial(t) ? 1 : 0;
    return sampled >= size(study.searchSpace());
}

bool GridSampler::hasPointFor(const StudyView& study, const FrozenTrial& trial)
{
    return sampledIndex(study, trial.number) < size(study.searchSpace());
}

std::string GridSampler::samplingMethod(const StudyView&, const FrozenTrial&)
{
    return "grid";
}

} // namespace tw
