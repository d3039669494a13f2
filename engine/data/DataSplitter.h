#pragma once
#include "data/Dataset.h"

#include <cstdint>
#include <vector>

namespace tw {

// Row indices into one Dataset. Each list is sorted ascending; the three are disjoint.
// K-fold results leave `test` empty, except crossValidation(), which repeats the held-out
// test rows in every fold.
struct SplitIndices {
    std::vector<Eigen::Index> train, validation, test;
};

// Seeded, reproducible splits: the same dataset, arguments and seed give the same indices
// (Random's permutations are portable).
//
// Holdout sizes. With n rows, a part with fraction f > 0 gets max(1, round(f * n)) rows;
// training keeps the rest and must keep at least one row. Fractions are shares of the
// whole dataset, not of what is left.
//
// Stratification (classification only; a regression dataset is split plainly, so a spec's
// "stratify": true stays harmless there). Rows are grouped by class, and for each class:
//  1. the part sizes above are shared out over the classes in proportion to their sizes
//     (largest remainder; ties go to the lower class index), so totals match the plain
//     split when nothing below intervenes;
//  2. a class with at least as many rows as there are non-empty parts gets at least one
//     row in every non-empty part (train, validation, test) - "represented when possible";
//  3. every class keeps at least one training row: validation, then test, gives one back
//     while they would leave none (the larger of the two first).
// Steps 2 and 3 may move the totals a few rows away from round(f * n) - at most one row per
// class - which is the price of every part seeing every class. The rows of a class are
// assigned after shuffling the class's members with the seed.
//
// K-fold: every row of the pool is in exactly one fold's validation part; a fold's train
// part is the rest of the pool. Fold sizes differ by at most one. Stratified, each class's
// shuffled rows are dealt round-robin to the folds (classes one after another), so each
// class's count differs by at most one between folds, and a class with at least `folds`
// rows appears in every fold's validation part.
class DataSplitter {
public:
    static SplitIndices holdout(const Dataset& data, double validationFraction,
                                double testFraction, bool stratify, std::uint64_t seed,
                                bool shuffle = true);
    // Folds over all rows.
    static std::vector<SplitIndices> kFold(const Dataset& data, int folds, bool stratify,
                                           std::uint64_t seed, bool shuffle = true);
    // Folds over the rows listed in `pool` (e.g. what is left after holding out a test
    // split); indices returned are rows of `data`.
    static std::vector<SplitIndices> kFold(const Dataset& data,
                                           const std::vector<Eigen::Index>& pool, int folds,
                                           bool stratify, std::uint64_t seed,
                                           bool shuffle = true);
    // The study spec's cv_folds: hold out the test split first, then k folds of the rest;
    // each fold carries the same `test` rows. testFraction may be 0.
    static std::vector<SplitIndices> crossValidation(const Dataset& data, double testFraction,
                                                     int folds, bool stratify,
                                                     std::uint64_t seed, bool shuffle = true);
};

} // namespace tw
