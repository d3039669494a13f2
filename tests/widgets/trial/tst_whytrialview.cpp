// #16 item 7: the Trial tab's "Why this trial" page over a real GP study (log, linear and
// categorical parameters): the plot has a panel per parameter with the surrogate's curve
// and the fitted trials, the candidate table starts with the chosen point, and a trial
// without a snapshot (the Sobol start-up) gets a message instead. Over a TPE study: l(x)
// and g(x) per parameter with the split's trials as a rug, and each draw's candidates.
#include "samplers/GPSampler.h"
#include "samplers/TPESampler.h"
#include "study/InMemoryStorage.h"
#include "study/Study.h"
#include "trial/ParzenPlot.h"
#include "trial/WhyTrialPlot.h"
#include "trial/WhyTrialView.h"

#include <QTableWidget>
#include <QtTest>

#include <cmath>

using D = tw::Distribution;

namespace {

std::vector<tw::FrozenTrial> gpStudy(int trials, std::shared_ptr<tw::Sampler> sampler = nullptr)
{
    tw::InMemoryStorage storage;
    tw::StudyRecord rec;
    rec.name = "why";
    rec = storage.createStudy(rec);
    const tw::SearchSpace space({{"lr", D::makeFloat(1e-4, 1e-1, true), std::nullopt},
                                 {"x", D::makeFloat(-2, 2), std::nullopt},
                                 {"opt", D::makeCategorical({"\"sgd\"", "\"adam\""}), std::nullopt}});
    tw::GPSampler::Options o;
    o.seed = 5;
    o.startupTrials = 5;
    tw::StudyOptions options;
    options.maxTrials = trials;
    tw::Study study(storage, rec, space, sampler ? sampler : std::make_shared<tw::GPSampler>(o), nullptr, options);
    while (auto t = study.ask()) {
        const double lr = std::log10(t->params.at("lr")) + 2.5;
        const double x = t->params.at("x") - 0.5;
        study.tell(*t, lr * lr + x * x + (t->params.at("opt") == 1.0 ? 0.0 : 0.7));
    }
    return storage.trials(rec.id);
}

} // namespace

class tst_WhyTrialView : public QObject {
    Q_OBJECT
private slots:
    void explainsAGpTrial()
    {
        const auto trials = gpStudy(10);
        tw::widgets::WhyTrialView view;
        view.resize(900, 700);
        const tw::FrozenTrial& gp = trials.at(8);
        QVERIFY2(view.setTrial(gp, trials), qPrintable(view.message()));
        QVERIFY(view.message().startsWith("Trial #8: the GP, fitted on 8 trials, maximized log_ei"));
        auto* plot = view.plot();
        QCOMPARE(plot->panelCount(), 3);
        // The numeric panels sample the range, the categorical one has its two choices;
        // every panel shows the 8 fitted trials.
        QCOMPARE(plot->curvePoints(0) + plot->curvePoints(1) + plot->curvePoints(2), 101 + 101 + 2);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(plot->observedPoints(i), 8);
        QTableWidget* table = view.candidatesTable();
        QVERIFY(table->rowCount() > 1);
        QCOMPARE(table->item(0, 1)->text(), QString("chosen"));
        // The chosen point's acquisition is the highest in the table.
        const double top = table->item(0, 0)->text().toDouble();
        for (int r = 1; r < table->rowCount(); ++r)
            QVERIFY(table->item(r, 0)->text().toDouble() <= top + 1e-5 * std::max(1.0, std::abs(top)));
        QVERIFY(table->item(0, 2)->text().contains("\"opt\""));
        QVERIFY(!plot->toPixmap(600, 400).isNull());
    }

    void explainsATpeTrial()
    {
        tw::TPESamplerOptions o;
        o.seed = 2;
        o.nStartupTrials = 5;
        const auto trials = gpStudy(12, std::make_shared<tw::TPESampler>(o));
        tw::widgets::WhyTrialView view;
        view.resize(900, 700);
        const tw::FrozenTrial& t = trials.at(11);
        QVERIFY2(view.setTrial(t, trials), qPrintable(view.message()));
        QVERIFY2(view.message().startsWith("Trial #11: TPE split n = 11 trials into the 2 best, l(x), and the other 9"),
                 qPrintable(view.message()));
        QVERIFY(view.plot()->isHidden());
        auto* plot = view.parzenPlot();
        QVERIFY(!plot->isHidden());
        QCOMPARE(plot->panelCount(), 3);
        QCOMPARE(plot->curvePoints(0) + plot->curvePoints(1) + plot->curvePoints(2), 101 + 101 + 2);
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(plot->belowPoints(i), 2);
            QCOMPARE(plot->abovePoints(i), 9);
        }
        // Each draw's chosen row, then its candidates, none scoring higher.
        QTableWidget* table = view.candidatesTable();
        QVERIFY(table->rowCount() > 3);
        QVERIFY(table->item(0, 1)->text().endsWith("chosen"));
        double top = table->item(0, 0)->text().toDouble();
        int chosen = 0;
        for (int r = 0; r < table->rowCount(); ++r) {
            if (table->item(r, 1)->text().endsWith("chosen")) {
                top = table->item(r, 0)->text().toDouble();
                ++chosen;
            } else {
                QVERIFY(table->item(r, 0)->text().toDouble() <= top + 1e-5 * std::max(1.0, std::abs(top)));
            }
        }
        QCOMPARE(chosen, 3);
        QVERIFY(!plot->toPixmap(600, 400).isNull());
        // A TPE start-up trial: nothing to show; a broken TPE snapshot: a message.
        QVERIFY(!view.setTrial(trials.at(2), trials));
        QVERIFY2(view.message().contains("suggested by random and has no snapshot"), qPrintable(view.message()));
        QVERIFY(view.parzenPlot()->isHidden());
        tw::FrozenTrial broken = t;
        broken.systemAttrs["tpe_snapshot"] = "{\"version\": 1}";
        QVERIFY(!view.setTrial(broken, trials));
        QVERIFY2(view.message().contains("tpe_snapshot: trial is missing"), qPrintable(view.message()));
    }

    void saysWhyNotForOtherTrials()
    {
        const auto trials = gpStudy(6);
        tw::widgets::WhyTrialView view;
        QVERIFY(!view.setTrial(trials.at(1), trials));
        QVERIFY2(view.message().contains("Trial #1 was suggested by sobol and has no snapshot"),
                 qPrintable(view.message()));
        QCOMPARE(view.plot()->panelCount(), 0);
        QVERIFY(view.candidatesTable()->isHidden());
        // A snapshot that does not parse is a message, not a crash.
        tw::FrozenTrial broken = trials.at(5);
        broken.systemAttrs["gp_snapshot"] = "{\"version\": 1}";
        QVERIFY(!view.setTrial(broken, trials));
        QVERIFY2(view.message().contains("gp_snapshot: trial is missing"), qPrintable(view.message()));
    }
};

QTEST_MAIN(tst_WhyTrialView)
#include "tst_whytrialview.moc"
