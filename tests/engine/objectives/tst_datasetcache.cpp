#include "objectives/DatasetCache.h"

#include <QtTest>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>

using namespace tw;

namespace {

LoadedDataset rows(Eigen::Index n)
{
    LoadedDataset d;
    d.data.x = FeatureMatrix::Zero(n, 2);
    d.data.y = Eigen::VectorXf::Zero(n);
    return d;
}

} // namespace

class tst_DatasetCache : public QObject {
    Q_OBJECT
private slots:
    void concurrentCallersShareOneLoad()
    {
        DatasetCache cache;
        std::atomic<int> runs{0};
        std::vector<std::shared_ptr<const LoadedDataset>> got(6);
        std::vector<std::thread> threads;
        for (int i = 0; i < 6; ++i)
            threads.emplace_back([&, i] {
                got[size_t(i)] = cache.loaded("iris", [&] {
                    ++runs;
                    // Slow enough that the other callers arrive while it runs.
                    std::this_thread::sleep_for(std::chrono::milliseconds(50));
                    return rows(150);
                });
            });
        for (auto& t : threads)
            t.join();
        QCOMPARE(runs.load(), 1);
        QCOMPARE(cache.loadCount(), 1);
        for (const auto& p : got)
            QCOMPARE(p.get(), got[0].get());
        QCOMPARE(got[0]->data.rows(), Eigen::Index(150));
    }

    void keysAreIndependent()
    {
        DatasetCache cache;
        const auto a = cache.loaded("a", [] { return rows(1); });
        const auto b = cache.loaded("b", [] { return rows(2); });
        QCOMPARE(a->data.rows(), Eigen::Index(1));
        QCOMPARE(b->data.rows(), Eigen::Index(2));
        QCOMPARE(cache.loaded("a", [] { return rows(9); }).get(), a.get());
        const auto folds = cache.folds("a|split", [] {
            DataFolds f;
            f.folds.resize(3);
            return f;
        });
        QCOMPARE(folds->folds.size(), size_t(3));
        QCOMPARE(cache.foldCount(), 1);
    }

    void aFailedLoadIsNotKept()
    {
        DatasetCache cache;
        QVERIFY_THROWS_EXCEPTION(std::runtime_error,
                                 cache.loaded("x", []() -> LoadedDataset { throw std::runtime_error("no file"); }));
        const auto ok = cache.loaded("x", [] { return rows(3); });
        QCOMPARE(ok->data.rows(), Eigen::Index(3));
        QCOMPARE(cache.loadCount(), 2);
    }

    void waitersGetTheLoadersException()
    {
        DatasetCache cache;
        std::atomic<int> failures{0};
        std::vector<std::thread> threads;
        for (int i = 0; i < 4; ++i)
            threads.emplace_back([&] {
                try {
                    cache.loaded("bad", []() -> LoadedDataset {
                        std::this_thread::sleep_for(std::chrono::milliseconds(50));
                        throw std::runtime_error("broken");
                    });
                } catch (const std::runtime_error& e) {
                    if (std::string(e.what()) == "broken")
                        ++failures;
                }
            });
        for (auto& t : threads)
            t.join();
        QCOMPARE(failures.load(), 4);
    }
};

QTEST_GUILESS_MAIN(tst_DatasetCache)
#include "tst_datasetcache.moc"
