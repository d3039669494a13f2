#include "data/DataSplitter.h"

#include <QtTest>

#include <algorithm>
#include <set>

using tw::Dataset;
using tw::DataSplitter;
using tw::SplitIndices;
using Indices = std::vector<Eigen::Index>;

namespace {

// Rows grouped by class in order (class 0 first); feature 0 is the row index.
Dataset classified(const std::vector<int>& classSizes)
{
    Dataset d;
    d.task = tw::Task::Classification;
    int n = 0;
    for (std::size_t c = 0; c < classSizes.size(); ++c) {
        d.classLabels.push_back(std::to_string(c));
        n += classSizes[c];
    }
    d.x.resize(n, 1);
    d.y.resize(n);
    int row = 0;
    for (std::size_t c = 0; c < classSizes.size(); ++c)
        for (int i = 0; i < classSizes[c]; ++i, ++row) {
            d.x(row, 0) = static_cast<float>(row);
            d.y(row) = static_cast<float>(c);
        }
    return d;
}

Dataset regression(int n)
{
    Dataset d;
    d.x.resize(n, 1);
    d.y.resize(n);
    for (int i = 0; i < n; ++i) {
        d.x(i, 0) = static_cast<float>(i);
        d.y(i) = static_cast<float>(i % 3);
    }
    return d;
}

std::vector<Eigen::Index> countsIn(const Dataset& d, const Indices& rows)
{
    return d.subset(rows).classCounts();
}

// The parts are sorted, disjoint and together exactly `expected`.
void checkPartition(const SplitIndices& s, Indices expected)
{
    for (const Indices* part : {&s.train, &s.validation, &s.test})
        QVERIFY(std::is_sorted(part->begin(), part->end()));
    Indices all = s.train;
    all.insert(all.end(), s.validation.begin(), s.validation.end());
    all.insert(all.end(), s.test.begin(), s.test.end());
    std::sort(all.begin(), all.end());
    std::sort(expected.begin(), expected.end());
    QCOMPARE(all, expected);
}

Indices range(Eigen::Index n)
{
    Indices r(static_cast<std::size_t>(n));
    for (Eigen::Index i = 0; i < n; ++i)
        r[static_cast<std::size_t>(i)] = i;
    return r;
}

template<typename F>
QString messageOf(F f)
{
    try {
        f();
    } catch (const std::invalid_argument& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

bool same(const SplitIndices& a, const SplitIndices& b)
{
    return a.train == b.train && a.validation == b.validation && a.test == b.test;
}

} // namespace

class tst_DataSplitter : public QObject {
    Q_OBJECT
private slots:
    void holdoutPartitionsAllRows()
    {
        const Dataset d = regression(100);
        const auto s = DataSplitter::holdout(d, 0.2, 0.15, false, 3);
        QCOMPARE(s.train.size(), std::size_t(65));
        QCOMPARE(s.validation.size(), std::size_t(20));
        QCOMPARE(s.test.size(), std::size_t(15));
        checkPartition(s, range(100));
        // Not the first rows in order: the rows are shuffled before being cut.
        QVERIFY(s.test != Indices(range(15)));
    }

    void holdoutIsReproducible()
    {
        const Dataset d = classified({40, 30, 30});
        for (bool stratify : {false, true}) {
            const auto a = DataSplitter::holdout(d, 0.2, 0.2, stratify, 11);
            QVERIFY(same(a, DataSplitter::holdout(d, 0.2, 0.2, stratify, 11)));
            QVERIFY(!same(a, DataSplitter::holdout(d, 0.2, 0.2, stratify, 12)));
        }
    }

    void emptyPartsAndTinyFractions()
    {
        const Dataset d = regression(10);
        auto s = DataSplitter::holdout(d, 0.0, 0.0, false, 0);
        QCOMPARE(s.train.size(), std::size_t(10));
        QVERIFY(s.validation.empty() && s.test.empty());
        // A requested part is never empty: 1% of 10 rows is still one row.
        s = DataSplitter::holdout(d, 0.01, 0.0, false, 0);
        QCOMPARE(s.validation.size(), std::size_t(1));
        checkPartition(s, range(10));
    }

    void stratifiedKeepsProportions()
    {
        const Dataset d = classified({50, 30, 20});
        const auto s = DataSplitter::holdout(d, 0.2, 0.2, true, 5);
        checkPartition(s, range(100));
        QCOMPARE(countsIn(d, s.test), (Indices{10, 6, 4}));
        QCOMPARE(countsIn(d, s.validation), (Indices{10, 6, 4}));
        QCOMPARE(countsIn(d, s.train), (Indices{30, 18, 12}));
    }

    void stratifiedTotalsMatchThePlainSplit()
    {
        // Largest remainder: 0.25 of {7, 7, 7} is 1.75 each; the 5 test rows go 2, 2, 1.
        const Dataset d = classified({7, 7, 7});
        const auto s = DataSplitter::holdout(d, 0.0, 0.25, true, 1);
        QCOMPARE(s.test.size(), std::size_t(5));
        QCOMPARE(countsIn(d, s.test), (Indices{2, 2, 1}));
    }

    void stratifiedRepresentsEveryClassWhenPossible()
    {
        // Class 1 has exactly 3 rows, one per part; class 2 has 2 rows, too few for three
        // parts, yet it keeps a training row; class 3's single row stays in training.
        const Dataset d = classified({200, 3, 2, 1});
        const auto s = DataSplitter::holdout(d, 0.1, 0.1, true, 9);
        checkPartition(s, range(206));
        const auto train = countsIn(d, s.train);
        const auto val = countsIn(d, s.validation);
        const auto test = countsIn(d, s.test);
        QCOMPARE(val[1], Eigen::Index(1));
        QCOMPARE(test[1], Eigen::Index(1));
        QCOMPARE(train[1], Eigen::Index(1));
        QVERIFY(train[2] >= 1);
        QCOMPARE(train[3], Eigen::Index(1));
        // round(0.1 * 206) = 21 rows per part; class 0 has the largest remainder (20.39).
        QCOMPARE(val[0], Eigen::Index(21));
        QCOMPARE(test[0], Eigen::Index(21));

        // Many small classes: each one still appears in every part.
        const Dataset many = classified(std::vector<int>(10, 5));
        const auto m = DataSplitter::holdout(many, 0.1, 0.1, true, 2);
        checkPartition(m, range(50));
        for (const Indices* part : {&m.train, &m.validation, &m.test})
            for (const auto c : countsIn(many, *part))
                QVERIFY(c >= 1);
    }

    void stratifyIsIgnoredForRegression()
    {
        const Dataset d = regression(60);
        QVERIFY(same(DataSplitter::holdout(d, 0.2, 0.2, true, 4),
                     DataSplitter::holdout(d, 0.2, 0.2, false, 4)));
    }

    void holdoutRejectsBadArguments()
    {
        const Dataset d = classified({5, 5});
        QVERIFY(messageOf([&] { DataSplitter::holdout(d, -0.1, 0.2, false, 0); })
                    .startsWith("DataSplitter::holdout(): validationFraction must be in [0, 1)"));
        QVERIFY(messageOf([&] { DataSplitter::holdout(d, 0.2, 1.0, false, 0); })
                    .contains("testFraction must be in [0, 1)"));
        QVERIFY(messageOf([&] { DataSplitter::holdout(d, 0.6, 0.4, false, 0); })
                    .contains("must be < 1"));
        QVERIFY(messageOf([&] { DataSplitter::holdout(classified({1, 1}), 0.3, 0.3, false, 0); })
                    .contains("leave no training rows"));
        Dataset bad = d;
        bad.y(3) = 2.0f;
        QVERIFY(messageOf([&] { DataSplitter::holdout(bad, 0.2, 0.2, true, 0); })
                    .contains("row 3 has target 2, not a class index in [0, 2)"));
        QCOMPARE(messageOf([&] { DataSplitter::holdout(bad, 0.2, 0.2, false, 0); }), QString());
    }

    void kFoldCoversEveryRowOnce()
    {
        const Dataset d = regression(103);
        const auto folds = DataSplitter::kFold(d, 5, false, 8);
        QCOMPARE(folds.size(), std::size_t(5));
        std::vector<int> seen(103, 0);
        std::vector<std::size_t> sizes;
        for (const auto& f : folds) {
            checkPartition(f, range(103));
            QVERIFY(f.test.empty());
            sizes.push_back(f.validation.size());
            for (const auto r : f.validation)
                ++seen[static_cast<std::size_t>(r)];
        }
        QVERIFY(std::all_of(seen.begin(), seen.end(), [](int s) { return s == 1; }));
        std::sort(sizes.begin(), sizes.end());
        QCOMPARE(sizes, (std::vector<std::size_t>{20, 20, 21, 21, 21}));
    }

    void stratifiedKFoldBalancesClasses()
    {
        const Dataset d = classified({50, 30, 20, 7});
        const auto folds = DataSplitter::kFold(d, 5, true, 3);
        std::vector<std::size_t> sizes;
        for (const auto& f : folds) {
            checkPartition(f, range(107));
            const auto v = countsIn(d, f.validation);
            QCOMPARE(v[0], Eigen::Index(10));
            QCOMPARE(v[1], Eigen::Index(6));
            QCOMPARE(v[2], Eigen::Index(4));
            QVERIFY(v[3] == 1 || v[3] == 2);
            sizes.push_back(f.validation.size());
        }
        const auto [lo, hi] = std::minmax_element(sizes.begin(), sizes.end());
        QVERIFY(*hi - *lo <= 1);
        QVERIFY(same(folds[2], DataSplitter::kFold(d, 5, true, 3)[2]));
        QVERIFY(!same(folds[2], DataSplitter::kFold(d, 5, true, 4)[2]));
    }

    void kFoldOverAPool()
    {
        const Dataset d = classified({30, 30});
        Indices pool;
        for (Eigen::Index i = 0; i < 60; i += 2)
            pool.push_back(i);
        for (bool stratify : {false, true}) {
            const auto folds = DataSplitter::kFold(d, pool, 3, stratify, 1);
            for (const auto& f : folds) {
                checkPartition(f, pool);
                QCOMPARE(f.validation.size(), std::size_t(10));
            }
        }
    }

    void crossValidationHoldsOutTheTestFirst()
    {
        const Dataset d = classified({40, 40, 20});
        const auto folds = DataSplitter::crossValidation(d, 0.2, 4, true, 6);
        QCOMPARE(folds.size(), std::size_t(4));
        QCOMPARE(folds[0].test.size(), std::size_t(20));
        QCOMPARE(countsIn(d, folds[0].test), (Indices{8, 8, 4}));
        std::set<Eigen::Index> validated;
        for (const auto& f : folds) {
            QCOMPARE(f.test, folds[0].test);
            checkPartition(f, range(100));
            validated.insert(f.validation.begin(), f.validation.end());
        }
        // Every non-test row is validated exactly once across the folds.
        QCOMPARE(validated.size(), std::size_t(80));
        const auto none = DataSplitter::crossValidation(d, 0.0, 4, false, 6);
        QVERIFY(none[0].test.empty());
        QCOMPARE(none[0].validation.size(), std::size_t(25));
    }

    // Unshuffled folds are scikit-learn's: the validation rows below are what
    // StratifiedKFold(4).split() and KFold(3).split() print for these labels (1.2.1).
    void unshuffledFoldsAreScikitLearns()
    {
        const Dataset d = classified({7, 5, 3});
        const auto strat = DataSplitter::kFold(d, 4, true, 99, false);
        QCOMPARE(strat[0].validation, (Indices{0, 1, 7, 12}));
        QCOMPARE(strat[1].validation, (Indices{2, 3, 8, 13}));
        QCOMPARE(strat[2].validation, (Indices{4, 5, 9, 14}));
        QCOMPARE(strat[3].validation, (Indices{6, 10, 11}));
        for (const auto& f : strat)
            checkPartition(f, range(15));
        // The seed plays no part when nothing is shuffled.
        QCOMPARE(DataSplitter::kFold(d, 4, true, 1, false)[2].validation, strat[2].validation);
        const auto plain = DataSplitter::kFold(regression(10), 3, false, 5, false);
        QCOMPARE(plain[0].validation, (Indices{0, 1, 2, 3}));
        QCOMPARE(plain[1].validation, (Indices{4, 5, 6}));
        QCOMPARE(plain[2].validation, (Indices{7, 8, 9}));
        // Shuffled (the default) folds differ from the in-order ones.
        QVERIFY(DataSplitter::kFold(d, 4, true, 99)[0].validation != strat[0].validation);
    }

    // An unshuffled hold-out keeps the order: training first, then validation, test last
    // (per class when stratified).
    void unshuffledHoldoutKeepsTheOrder()
    {
        const auto plain = DataSplitter::holdout(regression(10), 0.2, 0.3, false, 7, false);
        QCOMPARE(plain.train, (Indices{0, 1, 2, 3, 4}));
        QCOMPARE(plain.validation, (Indices{5, 6}));
        QCOMPARE(plain.test, (Indices{7, 8, 9}));
        const Dataset d = classified({10, 10});
        const auto strat = DataSplitter::holdout(d, 0.2, 0.2, true, 7, false);
        QCOMPARE(strat.train, (Indices{0, 1, 2, 3, 4, 5, 10, 11, 12, 13, 14, 15}));
        QCOMPARE(strat.validation, (Indices{6, 7, 16, 17}));
        QCOMPARE(strat.test, (Indices{8, 9, 18, 19}));
        const auto cv = DataSplitter::crossValidation(d, 0.2, 2, true, 7, false);
        QCOMPARE(cv[0].test, (Indices{8, 9, 18, 19}));
        QCOMPARE(cv[0].validation, (Indices{0, 1, 2, 3, 10, 11, 12, 13}));
    }

    void kFoldRejectsBadArguments()
    {
        const Dataset d = regression(10);
        QVERIFY(messageOf([&] { DataSplitter::kFold(d, 1, false, 0); })
                    .startsWith("DataSplitter::kFold(): folds must be in [2, 10] for 10 rows, got 1"));
        QVERIFY(messageOf([&] { DataSplitter::kFold(d, 11, false, 0); }).contains("got 11"));
        QVERIFY(messageOf([&] { DataSplitter::kFold(d, Indices{1, 2, 2}, 2, false, 0); })
                    .contains("row 2 is listed twice"));
        QVERIFY(messageOf([&] { DataSplitter::kFold(d, Indices{1, 20}, 2, false, 0); })
                    .contains("row 20 is outside"));
    }
};

QTEST_GUILESS_MAIN(tst_DataSplitter)
#include "tst_datasplitter.moc"
