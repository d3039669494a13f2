#include "io/CellBuffer.h"

#include <QtTest>

class tst_CellBuffer : public QObject {
    Q_OBJECT
private slots:
    void pushReadAndRelease()
    {
        tw::CellBuffer b;
        const std::size_t n = 3 * (std::size_t(1) << 20) + 17;  // into a fourth chunk
        for (std::size_t i = 0; i < n; ++i)
            b.push(float(i % 1000003));
        QCOMPARE(b.size(), n);
        QCOMPARE(b.at(0), 0.0f);
        QCOMPARE(b.at(n - 1), float((n - 1) % 1000003));
        QCOMPARE(b.at(std::size_t(1) << 20), float((std::size_t(1) << 20) % 1000003));
        b.releaseBefore((std::size_t(1) << 21) + 5);  // the first two chunks go
        QCOMPARE(b.at((std::size_t(1) << 21) + 5), float(((std::size_t(1) << 21) + 5) % 1000003));
        QCOMPARE(b.at(n - 1), float((n - 1) % 1000003));
        b.releaseBefore(n);
        b.clear();
        QCOMPARE(b.size(), std::size_t(0));
        b.push(1.5f);
        QCOMPARE(b.at(0), 1.5f);
    }
};

QTEST_GUILESS_MAIN(tst_CellBuffer)
#include "tst_cellbuffer.moc"
