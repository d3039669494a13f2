#include "data/DataSplitter.h"

#include "core/Random.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

namespace tw {

namespace {

using Index = Eigen::Index;
using Indices = std::vector<Index>;

std::string number(double v)
{
    std::ostringstream s;
    s << v;
    return s.str();
}

void checkFraction(const char* method, const char* name, double f)
{
    if (!(f >= 0.0 && f < 1.0))
        throw std::invalid_argument(std::string("DataSplitter::") + method + "(): " + name
                                    + " must be in [0, 1), got " + number(f));
}

Index partSize(double fraction, Index n)
{
    if (fraction <= 0.0)
        return 0;
    return std::max<Index>(1, std::llround(fraction * static_cast<double>(n)));
}

bool stratifies(const Dataset& data, bool stratify)
{
    return stratify && data.task == Task::Classification && data.classCount() > 0;
}

// Members of each class among `rows`, in the order of `rows`.
std::vector<Indices> groupByClass(const Dataset& data, const Indices& rows, const char* method)
{
    std::vector<Indices> groups(static_cast<std::size_t>(data.classCount()));
    for (const Index r : rows) {
        const float label = data.y(r);
        if (!(label >= 0.0f && label < static_cast<float>(data.classCount()))
            || label != std::floor(label)) {
            throw std::invalid_argument(std::string("DataSplitter::") + method + "(): row "
                                        + std::to_string(r) + " has target " + number(label)
                                        + ", not a class index in [0, "
                                        + std::to_string(data.classCount()) + ")");
        }
        groups[static_cast<std::size_t>(label)].push_back(r);
    }
    return groups;
}

// Shares `total` over groups in proportion to their sizes: Hamilton's largest remainder.
std::vector<Index> apportion(Index total, const std::vector<Index>& sizes)
{
    Index n = 0;
    for (const Index s : sizes)
        n += s;
    std::vector<Index> share(sizes.size(), 0);
    if (n == 0 || total == 0)
        return share;
    std::vector<std::pair<double, std::size_t>> remainders;
    Index given = 0;
    for (std::size_t c = 0; c < sizes.size(); ++c) {
        const double exact = static_cast<double>(total) * static_cast<double>(sizes[c])
                             / static_cast<double>(n);
        share[c] = static_cast<Index>(std::floor(exact));
        given += share[c];
        remainders.emplace_back(exact - static_cast<double>(share[c]), c);
    }
    std::stable_sort(remainders.begin(), remainders.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    for (std::size_t i = 0; given < total && i < remainders.size(); ++i) {
        const std::size_t c = remainders[i].second;
        if (share[c] < sizes[c]) {
            ++share[c];
            ++given;
        }
    }
    return share;
}

// Appends `rows` to the parts: `nTest` test and `nVal` validation rows, the rest training.
// Shuffled (rng set): test first, then validation, from the shuffled rows. In order (no
// rng): training takes the first rows, then validation, and test the last ones, as a
// time-ordered split would.
void deal(Indices& rows, Index nTest, Index nVal, Random* rng, SplitIndices& out)
{
    const auto begin = rows.begin();
    const auto end = rows.end();
    if (rng) {
        rng->shuffle(rows);
        out.test.insert(out.test.end(), begin, begin + nTest);
        out.validation.insert(out.validation.end(), begin + nTest, begin + nTest + nVal);
        out.train.insert(out.train.end(), begin + nTest + nVal, end);
    } else {
        out.train.insert(out.train.end(), begin, end - nTest - nVal);
        out.validation.insert(out.validation.end(), end - nTest - nVal, end - nTest);
        out.test.insert(out.test.end(), end - nTest, end);
    }
}

SplitIndices holdoutOf(const char* method, const Dataset& data, const Indices& pool,
                       double validationFraction, double testFraction, bool stratify,
                       Random* rng)
{
    const Index n = static_cast<Index>(pool.size());
    const Index nTest = partSize(testFraction, n);
    const Index nVal = partSize(validationFraction, n);
    if (nTest + nVal >= n) {
        throw std::invalid_argument(
            std::string("DataSplitter::") + method + "(): " + std::to_string(n) + " rows leave no training rows after "
            + std::to_string(nVal) + " validation and " + std::to_string(nTest) + " test rows");
    }
    SplitIndices out;
    if (!stratifies(data, stratify)) {
        Indices rows = pool;
        deal(rows, nTest, nVal, rng, out);
    } else {
        auto groups = groupByClass(data, pool, method);
        std::vector<Index> sizes;
        for (const auto& g : groups)
            sizes.push_back(static_cast<Index>(g.size()));
        auto testShare = apportion(nTest, sizes);
        auto valShare = apportion(nVal, sizes);
        const Index parts = 1 + (nTest > 0) + (nVal > 0);
        for (std::size_t c = 0; c < groups.size(); ++c) {
            Index& t = testShare[c];
            Index& v = valShare[c];
            const Index size = sizes[c];
            if (size >= parts) {
                if (nTest > 0)
                    t = std::max<Index>(t, 1);
                if (nVal > 0)
                    v = std::max<Index>(v, 1);
            }
            while (size > 0 && t + v > size - 1) {
                if (v >= t)
                    --v;
                else
                    --t;
            }
            deal(groups[c], t, v, rng, out);
        }
    }
    std::sort(out.train.begin(), out.train.end());
    std::sort(out.validation.begin(), out.validation.end());
    std::sort(out.test.begin(), out.test.end());
    return out;
}

Indices allRows(const Dataset& data)
{
    Indices rows(static_cast<std::size_t>(data.rows()));
    for (Index i = 0; i < data.rows(); ++i)
        rows[static_cast<std::size_t>(i)] = i;
    return rows;
}

std::vector<SplitIndices> kFoldOf(const Dataset& data, const Indices& pool, int folds,
                                  bool stratify, Random* rng)
{
    const Index m = static_cast<Index>(pool.size());
    if (folds < 2 || folds > m) {
        throw std::invalid_argument("DataSplitter::kFold(): folds must be in [2, "
                                    + std::to_string(m) + "] for " + std::to_string(m)
                                    + " rows, got " + std::to_string(folds));
    }
    std::vector<bool> seen(static_cast<std::size_t>(data.rows()), false);
    for (const Index r : pool) {
        if (r < 0 || r >= data.rows())
            throw std::invalid_argument("DataSplitter::kFold(): row " + std::to_string(r)
                                        + " is outside the dataset's "
                                        + std::to_string(data.rows()) + " rows");
        if (seen[static_cast<std::size_t>(r)])
            throw std::invalid_argument("DataSplitter::kFold(): row " + std::to_string(r)
                                        + " is listed twice");
        seen[static_cast<std::size_t>(r)] = true;
    }

    std::vector<Indices> members(static_cast<std::size_t>(folds));
    if (stratifies(data, stratify)) {
        auto groups = groupByClass(data, pool, "kFold");
        std::size_t dealt = 0;
        for (auto& g : groups) {
            // The deal fixes how many of the class's rows each fold gets. Shuffled, the
            // rows are dealt in random order; in order, each fold takes a contiguous block
            // of the class's rows, in fold order (scikit-learn's StratifiedKFold without
            // shuffle).
            std::vector<std::size_t> fold(g.size());
            for (auto& f : fold)
                f = dealt++ % static_cast<std::size_t>(folds);
            if (rng)
                rng->shuffle(g);
            else
                std::sort(fold.begin(), fold.end());
            for (std::size_t i = 0; i < g.size(); ++i)
                members[fold[i]].push_back(g[i]);
        }
    } else {
        Indices rows = pool;
        if (rng)
            rng->shuffle(rows);
        const Index base = m / folds;
        const Index extra = m % folds;
        Index at = 0;
        for (Index f = 0; f < folds; ++f) {
            const Index size = base + (f < extra ? 1 : 0);
            members[static_cast<std::size_t>(f)].assign(rows.begin() + at,
                                                         rows.begin() + at + size);
            at += size;
        }
    }

    std::vector<SplitIndices> out(static_cast<std::size_t>(folds));
    for (std::size_t f = 0; f < out.size(); ++f) {
        out[f].validation = members[f];
        std::sort(out[f].validation.begin(), out[f].validation.end());
        for (std::size_t g = 0; g < members.size(); ++g)
            if (g != f)
                out[f].train.insert(out[f].train.end(), members[g].begin(), members[g].end());
        std::sort(out[f].train.begin(), out[f].train.end());
    }
    return out;
}

} // namespace

SplitIndices DataSplitter::holdout(const Dataset& data, double validationFraction,
                                   double testFraction, bool stratify, std::uint64_t seed,
                                   bool shuffle)
{
    checkFraction("holdout", "validationFraction", validationFraction);
    checkFraction("holdout", "testFraction", testFraction);
    if (!(validationFraction + testFraction < 1.0))
        throw std::invalid_argument("DataSplitter::holdout(): validationFraction + testFraction "
                                    "must be < 1, got "
                                    + number(validationFraction + testFraction));
    Random rng(seed);
    return holdoutOf("holdout", data, allRows(data), validationFraction, testFraction, stratify,
                     shuffle ? &rng : nullptr);
}

std::vector<SplitIndices> DataSplitter::kFold(const Dataset& data, int folds, bool stratify,
                                              std::uint64_t seed, bool shuffle)
{
    return kFold(data, allRows(data), folds, stratify, seed, shuffle);
}

std::vector<SplitIndices> DataSplitter::kFold(const Dataset& data, const Indices& pool,
                                              int folds, bool stratify, std::uint64_t seed,
                                              bool shuffle)
{
    Random rng(seed);
    return kFoldOf(data, pool, folds, stratify, shuffle ? &rng : nullptr);
}

std::vector<SplitIndices> DataSplitter::crossValidation(const Dataset& data, double testFraction,
                                                        int folds, bool stratify,
                                                        std::uint64_t seed, bool shuffle)
{
    checkFraction("crossValidation", "testFraction", testFraction);
    // One stream for both steps, so the folds do not reuse the holdout's shuffles.
    Random rng(seed);
    Random* order = shuffle ? &rng : nullptr;
    const SplitIndices held = holdoutOf("crossValidation", data, allRows(data), 0.0, testFraction, stratify, order);
    auto out = kFoldOf(data, held.train, folds, stratify, order);
    for (auto& fold : out)
        fold.test = held.test;
    return out;
}

} // namespace tw
