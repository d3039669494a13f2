#include "runner/MetricsBuffer.h"

#include <QSignalSpy>
#include <QtTest>

#include <thread>

class tst_MetricsBuffer : public QObject {
    Q_OBJECT
private slots:
    void signalsOncePerBatchAndLosesNothing()
    {
        tw::MetricsBuffer buffer;
        QSignalSpy spy(&buffer, &tw::MetricsBuffer::becameNonEmpty);
        std::vector<std::thread> producers;
        for (int t = 0; t < 4; ++t)
            producers.emplace_back([&buffer, t] {
                for (int i = 0; i < 1000; ++i)
                    buffer.push({t, i, double(i), {{"val_loss", 1.0 / (i + 1)}}});
            });
        for (auto& p : producers)
            p.join();
        QCOMPARE(spy.count(), 1);  // one wake-up for the whole batch
        auto events = buffer.drain();
        QCOMPARE(int(events.size()), 4000);
        QCOMPARE(buffer.size(), size_t(0));
        buffer.push({0, 1, 0.5, {}});
        QCOMPARE(spy.count(), 2);
        // Each producer's events stay in order.
        std::vector<long long> last(4, -1);
        for (const auto& e : events) {
            QVERIFY(e.step > last[size_t(e.trial)]);
            last[size_t(e.trial)] = e.step;
        }
    }
};

QTEST_GUILESS_MAIN(tst_MetricsBuffer)
#include "tst_metricsbuffer.moc"
