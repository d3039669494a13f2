// ctest-labels: unit tsan
#include "train/ThreadTeam.h"

#include <QtTest>

#include <atomic>
#include <stdexcept>
#include <vector>

using namespace tw;

class tst_ThreadTeam : public QObject {
    Q_OBJECT
private slots:
    void runsEveryMemberOncePerRun()
    {
        ThreadTeam team(3);
        std::vector<int> hits(3, 0);
        for (int r = 0; r < 500; ++r)
            team.run([&](int i) { ++hits[static_cast<size_t>(i)]; });
        QCOMPARE(hits, std::vector<int>({500, 500, 500}));
    }

    void barrierSeparatesPhases()
    {
        ThreadTeam team(2);
        std::vector<int> written(2, 0);
        std::vector<int> seen(2, 0);
        for (int r = 1; r <= 300; ++r) {
            team.run([&](int i) {
                written[static_cast<size_t>(i)] = r;
                team.barrier();
                seen[static_cast<size_t>(i)] = written[static_cast<size_t>(1 - i)];
                team.barrier();
            });
            QCOMPARE(seen, std::vector<int>({r, r}));
        }
    }

    void exceptionsReachTheCaller()
    {
        ThreadTeam team(2);
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, team.run([](int i) {
            if (i == 1)
                throw std::runtime_error("worker failed");
        }));
        // The team is still usable.
        std::atomic<int> count{0};
        team.run([&](int) { ++count; });
        QCOMPARE(count.load(), 2);
    }

    void singleMemberRunsInline()
    {
        ThreadTeam team(1);
        int calls = 0;
        team.run([&](int i) {
            QCOMPARE(i, 0);
            team.barrier();
            ++calls;
        });
        QCOMPARE(calls, 1);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, ThreadTeam(0));
    }
};

QTEST_GUILESS_MAIN(tst_ThreadTeam)
#include "tst_threadteam.moc"
