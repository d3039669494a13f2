// The distributions' JSON as the SQL storage keeps it (DistributionJson).
#include "storage/DistributionJson.h"
#include "support/StorageBackendChecks.h"

#include <QtTest>

#include <vector>

using namespace tw;
using namespace tw::test;

class tst_DistributionJson : public QObject {
    Q_OBJECT
private slots:
    void roundTrips()
    {
        const std::vector<Distribution> all = {
            Distribution::makeFloat(1e-4, 0.1, true),
            Distribution::makeFloat(-1.5, 2.25, false, 0.25),
            Distribution::makeFloat(0.1, 0.30000000000000004),
            Distribution::makeInt(-3, 1000000, false, 7),
            Distribution::makeInt(1, 4096, true),
            Distribution::makeCategorical({R"("a")", "1e-4", "[1,2]", R"({"x":[null]})", "false"}),
            Distribution::makeFixed(R"("only")"),
        };
        for (const Distribution& d : all) {
            const QString json = DistributionJson::toJson(d);
            QVERIFY2(DistributionJson::fromJson(json) == d, qPrintable(json));
        }
        QCOMPARE(DistributionJson::toJson(Distribution::makeInt(16, 128, false, 16)),
                 QStringLiteral(R"({"high":128,"kind":"int","log":false,"low":16,"step":16})"));
        TW_EXPECT_STORAGE_ERROR(DistributionJson::fromJson(QStringLiteral("{oops")),
                                "not a distribution");
        TW_EXPECT_STORAGE_ERROR(DistributionJson::fromJson(QStringLiteral(R"({"kind":"beta"})")),
                                "unknown kind");
    }

    void cachedConversionsMatchTheDirectOnes()
    {
        DistributionJson cache;
        const Distribution a = Distribution::makeFloat(1e-4, 0.1, true);
        const Distribution b = Distribution::makeCategorical({"1", "2"});
        for (int i = 0; i < 40; ++i) {  // more than the 32 kept
            const Distribution d = Distribution::makeInt(0, 10 + i);
            QCOMPARE(cache.cachedToJson(d), DistributionJson::toJson(d));
        }
        QCOMPARE(cache.cachedToJson(a), DistributionJson::toJson(a));
        QVERIFY(cache.cachedFromJson(DistributionJson::toJson(b)) == b);
        QVERIFY(cache.cachedFromJson(DistributionJson::toJson(b)) == b);
        TW_EXPECT_STORAGE_ERROR(cache.cachedFromJson(QStringLiteral("[]")), "not a distribution");
    }
};

QTEST_GUILESS_MAIN(tst_DistributionJson)
#include "tst_distributionjson.moc"
