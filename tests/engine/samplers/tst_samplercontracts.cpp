// The one sampler contract suite (tests/support/SamplerContract.h), run against the
// model-based and quasi-random samplers; Random and Grid run it in their own tests.
#include "samplers/GPSampler.h"
#include "samplers/SobolSampler.h"
#include "samplers/TPESampler.h"
#include "support/SamplerContract.h"

#include <QtTest>

class tst_SamplerContracts : public QObject {
    Q_OBJECT
private slots:
    void sobol_data() { tw::test::SamplerContract::addRows(); }
    void sobol()
    {
        tw::test::SamplerContract::run([](std::uint64_t seed) { return std::make_unique<tw::SobolSampler>(seed); });
    }
    void gp_data() { tw::test::SamplerContract::addRows(); }
    void gp()
    {
        tw::test::SamplerContract::run([](std::uint64_t seed) {
            tw::GPSampler::Options o;
            o.seed = seed;
            return std::make_unique<tw::GPSampler>(o);
        });
    }
    void tpe_data() { tw::test::SamplerContract::addRows(); }
    void tpe()
    {
        tw::test::SamplerContract::run([](std::uint64_t seed) {
            tw::TPESamplerOptions o;
            o.seed = seed;
            return std::make_unique<tw::TPESampler>(o);
        });
    }
    void tpeMultivariate_data() { tw::test::SamplerContract::addRows(); }
    void tpeMultivariate()
    {
        tw::test::SamplerContract::run([](std::uint64_t seed) {
            tw::TPESamplerOptions o;
            o.seed = seed;
            o.multivariate = true;
            return std::make_unique<tw::TPESampler>(o);
        });
    }
};

QTEST_GUILESS_MAIN(tst_SamplerContracts)
#include "tst_samplercontracts.moc"
