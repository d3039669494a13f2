#include "data/DataSplitter.h"
#include "data/Preprocessor.h"
#include "data/SyntheticData.h"

#include <QtTest>

#include <cmath>

using tw::Dataset;
using tw::Preprocessor;
using Kind = tw::Preprocessor::Kind;

namespace {

Dataset table(std::initializer_list<std::initializer_list<float>> rows)
{
    Dataset d;
    d.x.resize(static_cast<Eigen::Index>(rows.size()), static_cast<Eigen::Index>(rows.begin()->size()));
    d.y.setZero(d.x.rows());
    Eigen::Index r = 0;
    for (const auto& row : rows) {
        Eigen::Index c = 0;
        for (float v : row)
            d.x(r, c++) = v;
        ++r;
    }
    for (Eigen::Index c = 0; c < d.x.cols(); ++c)
        d.featureNames.push_back(std::to_string(c).insert(0, 1, 'f'));
    return d;
}

template<typename F>
QString messageOf(F f)
{
    try {
        f();
    } catch (const std::exception& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

} // namespace

class tst_Preprocessor : public QObject {
    Q_OBJECT
private slots:
    void standardizeCentersAndScales()
    {
        Dataset d = table({{1, 10, 5}, {2, 20, 5}, {3, 30, 5}, {6, 40, 5}});
        Preprocessor p(Kind::Standardize);
        p.fit(d);
        QCOMPARE(p.offset()(0), 3.0f);
        QCOMPARE(p.offset()(1), 25.0f);
        // Population standard deviation: sqrt(mean of squared deviations).
        QVERIFY(std::abs(p.scale()(0) - std::sqrt(14.0f / 4.0f)) < 1e-6f);
        QVERIFY(std::abs(p.scale()(1) - std::sqrt(500.0f / 4.0f)) < 1e-5f);
        p.transform(d);
        for (Eigen::Index c = 0; c < 2; ++c) {
            const double mean = d.x.col(c).cast<double>().mean();
            const double var = d.x.col(c).cast<double>().array().square().mean() - mean * mean;
            QVERIFY(std::abs(mean) < 1e-6);
            QVERIFY(std::abs(var - 1.0) < 1e-5);
        }
    }

    void minMaxMapsTrainingToUnitRange()
    {
        Dataset d = table({{-2, 100}, {0, 300}, {6, 200}});
        Preprocessor p(Kind::MinMax);
        p.fit(d);
        QCOMPARE(p.offset()(0), -2.0f);
        QCOMPARE(p.scale()(0), 8.0f);
        p.transform(d);
        QCOMPARE(d.x(0, 0), 0.0f);
        QCOMPARE(d.x(1, 0), 0.25f);
        QCOMPARE(d.x(2, 0), 1.0f);
        QCOMPARE(d.x(0, 1), 0.0f);
        QCOMPARE(d.x(1, 1), 1.0f);
        QCOMPARE(d.x(2, 1), 0.5f);
    }

    void constantFeaturesStayFinite()
    {
        for (Kind kind : {Kind::Standardize, Kind::MinMax}) {
            Dataset d = table({{7, 1}, {7, 2}, {7, 3}});
            Preprocessor p(kind);
            p.fit(d);
            QCOMPARE(p.scale()(0), 1.0f);
            p.transform(d);
            QVERIFY(d.x.allFinite());
            QCOMPARE(d.x(1, 0), 0.0f);
            // An unseen value later is shifted, not blown up.
            Dataset later = table({{9, 2}});
            p.transform(later);
            QCOMPARE(later.x(0, 0), 2.0f);
        }
        // A single training row is constant in every feature.
        Dataset one = table({{3, -4}});
        Preprocessor p(Kind::Standardize);
        p.fit(one);
        p.transform(one);
        QVERIFY(one.x.isZero());
    }

    void noLeakageFromValidationOrTest()
    {
        tw::SyntheticOptions o;
        o.kind = "blobs";
        o.samples = 400;
        o.features = 6;
        o.noise = 0.5;
        Dataset d = tw::SyntheticData::generate(o);
        const auto split = tw::DataSplitter::holdout(d, 0.2, 0.2, true, 1);

        for (Kind kind : {Kind::Standardize, Kind::MinMax}) {
            Preprocessor fitted(kind);
            fitted.fit(d.subset(split.train));

            // Rewrite every validation and test row wildly, then fit again the same way.
            Dataset changed = d;
            for (const auto& part : {split.validation, split.test})
                for (const auto r : part)
                    changed.x.row(r) = changed.x.row(r) * 1000.0f + Eigen::RowVectorXf::Constant(6, 1e5f);
            Preprocessor refitted(kind);
            refitted.fit(changed.subset(split.train));
            QVERIFY(refitted.offset() == fitted.offset());
            QVERIFY(refitted.scale() == fitted.scale());

            // The check can fail: fitting on all rows does see the rewritten ones.
            Preprocessor leaky(kind);
            leaky.fit(changed);
            QVERIFY(leaky.offset() != fitted.offset() || leaky.scale() != fitted.scale());

            // Validation rows are transformed with the training parameters.
            Dataset val = d.subset(split.validation);
            const Dataset raw = val;
            fitted.transform(val);
            for (Eigen::Index r = 0; r < val.rows(); ++r)
                for (Eigen::Index c = 0; c < val.features(); ++c)
                    QCOMPARE(val.x(r, c), (raw.x(r, c) - fitted.offset()(c)) / fitted.scale()(c));
        }
    }

    void savedParametersReproduceTheTransform()
    {
        const Dataset train = table({{1, 2, 3}, {4, 8, 3}, {9, 1, 3}});
        Dataset a = table({{2, 2, 2}, {5, -1, 3}});
        Dataset b = a;
        Preprocessor p(Kind::Standardize);
        p.fit(train);
        const Preprocessor restored = Preprocessor::fromParameters(p.kind(), p.offset(), p.scale());
        QVERIFY(restored.isFitted());
        QCOMPARE(restored.kind(), Kind::Standardize);
        p.transform(a);
        restored.transform(b);
        QVERIFY(a.x == b.x);
    }

    void fromParametersChecksItsInput()
    {
        Eigen::VectorXf two(2), three(3);
        two << 0, 1;
        three << 1, 1, 1;
        QVERIFY(messageOf([&] { Preprocessor::fromParameters(Kind::MinMax, two, three); })
                    .startsWith("Preprocessor::fromParameters(): offset has 2 values but scale has 3"));
        Eigen::VectorXf zero = Eigen::VectorXf::Ones(2);
        zero(1) = 0.0f;
        QVERIFY(messageOf([&] { Preprocessor::fromParameters(Kind::MinMax, two, zero); })
                    .contains("scale[1] must be a finite number > 0"));
        Eigen::VectorXf nan = two;
        nan(0) = std::nanf("");
        QVERIFY(messageOf([&] { Preprocessor::fromParameters(Kind::MinMax, nan, zero.setOnes()); })
                    .contains("offset[0] is not finite"));
    }

    void kindNamesRoundTrip()
    {
        for (Kind k : {Kind::None, Kind::Standardize, Kind::MinMax})
            QCOMPARE(Preprocessor::kindFromName(Preprocessor::kindName(k)), std::optional<Kind>(k));
        QCOMPARE(Preprocessor::kindName(Kind::MinMax), std::string_view("minmax"));
        QCOMPARE(Preprocessor::kindName(Kind::Standardize), std::string_view("standardize"));
        QCOMPARE(Preprocessor::kindName(Kind::None), std::string_view("none"));
        QVERIFY(!Preprocessor::kindFromName("min-max").has_value());
    }

    void misuseIsReported()
    {
        Dataset d = table({{1, 2}, {3, 4}});
        const Dataset original = d;
        // none is the identity, fitted or not.
        Preprocessor none;
        none.transform(d);
        QVERIFY(d.x == original.x);

        Preprocessor p(Kind::Standardize);
        QVERIFY(messageOf([&] { p.transform(d); }).contains("Preprocessor::transform(): not fitted"));
        p.fit(d);
        Dataset wide = table({{1, 2, 3}});
        QVERIFY(messageOf([&] { p.transform(wide); })
                    .contains("fitted on 2 features, got 3"));
        Dataset bad = d;
        bad.x(1, 1) = std::numeric_limits<float>::infinity();
        QVERIFY(messageOf([&] { p.fit(bad); })
                    .contains("feature 'f1' has a non-finite value at row 1"));
        Dataset empty = d.subset({});
        QVERIFY(messageOf([&] { p.fit(empty); }).contains("no rows"));
    }
};

QTEST_GUILESS_MAIN(tst_Preprocessor)
#include "tst_preprocessor.moc"
