#pragma once
#include "io/LoadedDataset.h"
#include "objectives/DataFolds.h"

#include <QString>

#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>

namespace tw {

// Loaded datasets and their folds, shared by the trials of a study. Trials run in
// parallel: the first to ask for a key runs the loader while the others wait for its
// result, so a dataset is read (and split, and its preprocessing fitted) once. A loader
// that throws is not cached: its waiters get the exception and the next call tries again.
class DatasetCache {
public:
    using Loader = std::function<LoadedDataset()>;
    using FoldMaker = std::function<DataFolds()>;

    std::shared_ptr<const LoadedDataset> loaded(const QString& key, const Loader& load);
    std::shared_ptr<const DataFolds> folds(const QString& key, const FoldMaker& make);

    // How many times a loader or fold maker ran (what the tests count).
    int loadCount() const;
    int foldCount() const;

private:
    template <class T>
    using Entries = std::map<QString, std::shared_future<std::shared_ptr<const T>>>;

    template <class T, class F>
    std::shared_ptr<const T> get(Entries<T>& entries, int& counter, const QString& key, const F& make);

    mutable std::mutex m_mutex;
    Entries<LoadedDataset> m_loaded;
    Entries<DataFolds> m_folds;
    int m_loadCount = 0;
    int m_foldCount = 0;
};

} // namespace tw
