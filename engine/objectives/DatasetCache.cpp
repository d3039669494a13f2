#include "objectives/DatasetCache.h"

namespace tw {

template <class T, class F>
std::shared_ptr<const T> DatasetCache::get(Entries<T>& entries, int& counter, const QString& key, const F& make)
{
    std::promise<std::shared_ptr<const T>> promise;
    std::shared_future<std::shared_ptr<const T>> future;
    bool owner = false;
    {
        std::lock_guard lock(m_mutex);
        const auto it = entries.find(key);
        if (it != entries.end()) {
            future = it->second;
        } else {
            future = promise.get_future().share();
            entries.emplace(key, future);
            ++counter;
            owner = true;
        }
    }
    if (!owner)
        return future.get();
    // This thread made the entry: it runs the loader outside the lock, so other keys are
    // not held up, and callers of the same key wait on the future.
    try {
        promise.set_value(std::make_shared<const T>(make()));
    } catch (...) {
        {
            std::lock_guard lock(m_mutex);
            entries.erase(key);
        }
        promise.set_exception(std::current_exception());
    }
    return future.get();
}

std::shared_ptr<const LoadedDataset> DatasetCache::loaded(const QString& key, const Loader& load)
{
    return get(m_loaded, m_loadCount, key, load);
}

std::shared_ptr<const DataFolds> DatasetCache::folds(const QString& key, const FoldMaker& make)
{
    return get(m_folds, m_foldCount, key, make);
}

int DatasetCache::loadCount() const
{
    std::lock_guard lock(m_mutex);
    return m_loadCount;
}

int DatasetCache::foldCount() const
{
    std::lock_guard lock(m_mutex);
    return m_foldCount;
}

} // namespace tw
