#include "analysis/ImportancePlot.h"

#include <QtTest>

using namespace tw;
using namespace tw::widgets;

class tst_ImportancePlot : public QObject {
    Q_OBJECT
private slots:
    // One bar per parameter, highest on top, each labelled with its value; the title names
    // the evaluator and the trials (and the subset).
    void drawsOneLabelledBarPerParam()
    {
        ParamImportanceResult r;
        r.trials = 100;
        r.eligibleTrials = 400;
        r.importances = {{"lr", 0.7}, {"layers", 0.2}, {"junk", 0.1}};
        ImportancePlot plot;
        plot.resize(500, 300);
        plot.setResult(r);
        QCOMPARE(plot.barCount(), 3);
        QCOMPARE(plot.title(), QString("fANOVA importance over 100 complete trials (a random subset of 400)"));
        auto* bars = qobject_cast<QCPBars*>(plot.plottable(0));
        QVERIFY(bars);
        QCOMPARE(bars->data()->at(0)->key, 1.0);  // junk at the bottom
        QCOMPARE(bars->data()->at(2)->value, 0.7);
        auto* ticker = dynamic_cast<QCPAxisTickerText*>(plot.yAxis->ticker().data());
        QVERIFY(ticker);
        QCOMPARE(ticker->ticks().value(3.0), QString("lr"));
        QCOMPARE(plot.itemCount(), 3);
        QCOMPARE(qobject_cast<QCPItemText*>(plot.item(0))->text(), QString("0.700"));
        QVERIFY(plot.xAxis->range().upper > 0.7);  // room for the value labels
    }

    void showsWhyThereIsNoResult()
    {
        ParamImportanceResult r;
        r.error = "importance needs at least 2 complete trials with a finite value; the study has 1";
        ImportancePlot plot;
        plot.setResult(r);
        QCOMPARE(plot.barCount(), 0);
        QCOMPARE(plot.title(), QString::fromStdString(r.error));
        QCOMPARE(plot.itemCount(), 0);
    }

    void replacingTheResultRemovesOldLabels()
    {
        ParamImportanceResult r;
        r.evaluator = ImportanceEvaluator::Mdi;
        r.trials = r.eligibleTrials = 10;
        r.importances = {{"a", 0.6}, {"b", 0.4}};
        ImportancePlot plot;
        plot.setResult(r);
        r.importances.pop_back();
        plot.setResult(r);
        QCOMPARE(plot.barCount(), 1);
        QCOMPARE(plot.itemCount(), 1);
        QVERIFY(plot.title().startsWith("Mean decrease in impurity importance over 10"));
    }
};

QTEST_MAIN(tst_ImportancePlot)
#include "tst_importanceplot.moc"
