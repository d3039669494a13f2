#include "data/Dataset.h"

#include <QtTest>

class tst_Dataset : public QObject {
    Q_OBJECT
private slots:
    void subsetKeepsRowsAndMetadata()
    {
        tw::Dataset d;
        d.task = tw::Task::Classification;
        d.classLabels = {"a", "b"};
        d.featureNames = {"f0", "f1"};
        d.x.resize(3, 2);
        d.x << 1, 2, 3, 4, 5, 6;
        d.y.resize(3);
        d.y << 0, 1, 1;
        const auto s = d.subset({2, 0});
        QCOMPARE(s.rows(), Eigen::Index(2));
        QCOMPARE(s.x(0, 1), 6.0f);
        QCOMPARE(s.x(1, 0), 1.0f);
        QCOMPARE(s.y(0), 1.0f);
        QCOMPARE(s.featureNames.size(), size_t(2));
        QCOMPARE(d.classCounts(), (std::vector<Eigen::Index>{1, 2}));
    }
};

QTEST_GUILESS_MAIN(tst_Dataset)
#include "tst_dataset.moc"
