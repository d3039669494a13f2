#include "functions/TestFunctions.h"

#include <QtTest>

#include <cmath>

class tst_TestFunctions : public QObject {
    Q_OBJECT
private slots:
    void knownOptima_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("dim");
        QTest::newRow("branin") << "branin" << 0;
        QTest::newRow("hartmann6") << "hartmann6" << 0;
        QTest::newRow("rosenbrock4") << "rosenbrock" << 4;
        QTest::newRow("ackley5") << "ackley" << 5;
        QTest::newRow("sphere3") << "sphere" << 3;
        QTest::newRow("levy6") << "levy" << 6;
        // #17: the multimodal functions of ../shared/peers/hpo_functions.py.
        QTest::newRow("rastrigin5") << "rastrigin" << 5;
        QTest::newRow("schwefel4") << "schwefel" << 4;
        QTest::newRow("michalewicz5") << "michalewicz5" << 5;
        QTest::newRow("griewank6") << "griewank" << 6;
    }
    // The value at every known minimizer is the known minimum, and nearby points are worse.
    void knownOptima()
    {
        QFETCH(QString, name);
        QFETCH(int, dim);
        const auto f = tw::TestFunctions::byName(name.toStdString(), dim);
        QCOMPARE(QString::fromStdString(f->name()), name);
        for (const auto& x : f->optimumLocations()) {
            QCOMPARE(int(x.size()), f->dim());
            const double v = f->evaluate(x);
            QVERIFY2(std::abs(v - f->optimumValue()) < 1e-5, qPrintable(QString::number(v, 'g', 12)));
            for (std::size_t i = 0; i < x.size(); ++i)
                for (double h : {-1e-2, 1e-2}) {
                    auto y = x;
                    y[i] += h;
                    QVERIFY(f->evaluate(y) > f->optimumValue());
                }
        }
        // And a point of the domain's corner is no better.
        QVERIFY(f->evaluate(f->lower()) >= f->optimumValue());
        QVERIFY(f->evaluate(f->upper()) >= f->optimumValue());
    }

    void referenceValues()
    {
        // Branin(0, 0) = 36 + 10 (1 - 1/(8 pi)) + 10; Ackley(1, 1) computed from the formula.
        const auto branin = tw::TestFunctions::byName("branin");
        QVERIFY(std::abs(branin->evaluate(std::vector<double>{0.0, 0.0}) - 55.602112642270264) < 1e-9);
        QCOMPARE(branin->optimumValue(), 0.39788735772973816);
        const auto rosen = tw::TestFunctions::byName("rosenbrock", 3);
        QCOMPARE(rosen->evaluate(std::vector<double>{0.0, 0.0, 0.0}), 2.0);
        QCOMPARE(rosen->evaluate(std::vector<double>{2.0, 1.0, 1.0}), 100.0 * 9 + 1 + 0.0);
        const auto ackley = tw::TestFunctions::byName("ackley", 2);
        QVERIFY(std::abs(ackley->evaluate(std::vector<double>{0.0, 0.0})) < 1e-12);
        QVERIFY(std::abs(ackley->evaluate(std::vector<double>{1.0, 1.0}) - 3.6253849384403627) < 1e-9);
        const auto h6 = tw::TestFunctions::byName("hartmann6");
        QVERIFY(std::abs(h6->evaluate(std::vector<double>(6, 0.0)) - (-5.0e-3)) < 5e-3);
        QVERIFY(std::abs(h6->optimumValue() - -3.32237) < 1e-5);
        // #17: values from the formulas of ../shared/peers/hpo_functions.py (numpy).
        const auto rastrigin = tw::TestFunctions::byName("rastrigin5");
        QVERIFY(std::abs(rastrigin->evaluate(std::vector<double>{1, 0, 0, 0, 0.5}) - 21.25) < 1e-9);
        const auto schwefel = tw::TestFunctions::byName("schwefel4");
        QVERIFY(std::abs(schwefel->evaluate(std::vector<double>(4, 0.0)) - 1675.9315490897352) < 1e-9);
        QCOMPARE(schwefel->lower()[3], -500.0);
        const auto griewank = tw::TestFunctions::byName("griewank6");
        QCOMPARE(griewank->upper()[5], 50.0);
        QVERIFY(std::abs(griewank->evaluate(std::vector<double>{10, 0, 0, 0, 0, 0}) -
                         (1.0 + 100.0 / 4000.0 - std::cos(10.0))) < 1e-12);
        const auto mich = tw::TestFunctions::byName("michalewicz5");
        QCOMPARE(mich->dim(), 5);
        QVERIFY(std::abs(mich->upper()[0] - M_PI) < 1e-15);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, tw::TestFunctions::byName("michalewicz", 4));
    }

    void domainsAndSearchSpace()
    {
        const auto f = tw::TestFunctions::byName("ackley5");
        QCOMPARE(f->dim(), 5);
        QCOMPARE(f->lower()[0], -32.768);
        const tw::SearchSpace space = f->searchSpace();
        QCOMPARE(space.size(), std::size_t(5));
        QCOMPARE(space.params()[4].name, std::string("x4"));
        QCOMPARE(space.params()[4].distribution.high(), 32.768);
        const auto b = tw::TestFunctions::byName("branin");
        QCOMPARE(b->upper()[1], 15.0);
        QVERIFY(std::abs(b->evaluate(tw::ParamValues{{"x0", -M_PI}, {"x1", 12.275}}) - b->optimumValue()) < 1e-9);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, b->evaluate(tw::ParamValues{{"x0", 1.0}}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, b->evaluate(std::vector<double>{1.0}));
    }

    void registryErrorsAreClear()
    {
        QCOMPARE(tw::TestFunctions::byName("Rosenbrock4")->dim(), 4);
        QCOMPARE(tw::TestFunctions::byName("rosenbrock")->dim(), 2);
        QCOMPARE(tw::TestFunctions::byName("rosenbrock", 10)->dim(), 10);
        auto message = [](const std::string& name, int dim) {
            try {
                tw::TestFunctions::byName(name, dim);
            } catch (const std::invalid_argument& e) {
                return QString(e.what());
            }
            return QString();
        };
        QString m = message("bohachevsky", 0);
        QVERIFY2(m.contains("unknown function 'bohachevsky'") && m.contains("branin") && m.contains("levy"), qPrintable(m));
        m = message("branin", 3);
        QVERIFY2(m.contains("dimension 2"), qPrintable(m));
        m = message("rosenbrock", 1);
        QVERIFY2(m.contains(">= 2"), qPrintable(m));
        m = message("ackley5", 4);
        QVERIFY2(m.contains("dimension 5"), qPrintable(m));
    }
};

QTEST_GUILESS_MAIN(tst_TestFunctions)
#include "tst_testfunctions.moc"
