#include "plots/HistoryPlot.h"
#include "plots/LossCurvesPlot.h"

#include <QTemporaryDir>
#include <QtTest>

#include <cmath>

using namespace tw;
using namespace tw::widgets;

class tst_LossCurvesPlot : public QObject {
    Q_OBJECT
private slots:
    void downsamplingKeepsEnds()
    {
        const auto idx = LossCurvesPlot::downsampleIndices(10000, 400);
        QCOMPARE(int(idx.size()), 400);
        QCOMPARE(idx.front(), 0);
        QCOMPARE(idx.back(), 9999);
        QVERIFY(std::is_sorted(idx.begin(), idx.end()));
        QCOMPARE(int(LossCurvesPlot::downsampleIndices(5, 400).size()), 5);
    }

    void sharesOneCurvePerStateWithBestOnTop()
    {
        LossCurvesPlot plot;
        plot.resize(640, 400);
        for (int t = 0; t < 50; ++t) {
            std::vector<EpochPoint> pts;
            for (int e = 0; e < 20; ++e)
                pts.push_back({t, double(e), 1.0 / (e + 1 + t % 7), 1.2 / (e + 1 + t % 5)});
            plot.setCurve(t, t % 3 == 0 ? TrialState::Pruned : TrialState::Complete, pts);
        }
        plot.setHighlighted({4, 7}, 10);
        plot.setSeries(LossCurvesPlot::Series::Both);
        // 2 states x 2 series + 2 best x 2 + selected x 2, however many trials.
        QCOMPARE(plot.plottableCount(), 10);
        QCOMPARE(plot.trialCount(), 50);
        plot.replot();
        const double x = plot.xAxis->coordToPixel(3);
        const double y = plot.yAxis->coordToPixel(1.2 / (3 + 1 + 4 % 5));
        QVERIFY(plot.hoverText(QPointF(x, y)).contains("epoch 3"));
        QTemporaryDir dir;
        QVERIFY(plot.saveTo(dir.filePath("curves.png")));
        QVERIFY(plot.saveTo(dir.filePath("curves.pdf")));
        QVERIFY(QFileInfo(dir.filePath("curves.pdf")).size() > 1000);
        plot.setLogScale(true);
        QCOMPARE(plot.yAxis->scaleType(), QCPAxis::stLogarithmic);
    }

    void liveDrainsRedrawOnlyWhatChanged()
    {
        LossCurvesPlot plot;
        plot.resize(640, 400);
        for (int t = 0; t < 4; ++t) {
            std::vector<EpochPoint> pts;
            for (int e = 1; e <= 10; ++e)
                pts.push_back({t, double(e), 1.0 / e, 1.2 / e});
            plot.setCurve(t, t == 3 ? TrialState::Running : TrialState::Complete, pts);
        }
        plot.setHighlighted({0}, -1);
        plot.refresh();
        plot.replot();
        const int full = plot.fullRefreshCount();
        const int layers = plot.layerReplotCount();

        // Trial 3 runs on, inside the view: only its layer is drawn again.
        plot.appendPoints({{3, 8.5, 0.2, 0.25}});
        plot.refreshChanged();
        QCOMPARE(plot.fullRefreshCount(), full);
        QCOMPARE(plot.layerReplotCount(), layers + 1);
        QCOMPARE(plot.pointCount(3), 11);
        // Nothing new: nothing drawn.
        plot.setTrialState(3, TrialState::Running);
        plot.setHighlighted({0}, -1);
        plot.refreshChanged();
        QCOMPARE(plot.fullRefreshCount(), full);
        QCOMPARE(plot.layerReplotCount(), layers + 1);
        // Past the last epoch shown: the view follows the data.
        plot.appendPoints({{3, 14, 0.1, 0.12}});
        plot.refreshChanged();
        QCOMPARE(plot.fullRefreshCount(), full);
        QVERIFY(plot.xAxis->range().contains(14));
        // A new trial, a finished one, or another best: everything is rebuilt.
        plot.appendPoints({{4, 1, 0.9, 0.95}});
        plot.refreshChanged();
        QCOMPARE(plot.fullRefreshCount(), full + 1);
        plot.setTrialState(3, TrialState::Complete);
        plot.refreshChanged();
        QCOMPARE(plot.fullRefreshCount(), full + 2);
        plot.setHighlighted({3, 0}, -1);
        plot.refreshChanged();
        QCOMPARE(plot.fullRefreshCount(), full + 3);
        QVERIFY(plot.trialState(3) == TrialState::Complete);
    }

    void trialsWithoutPointsDrawNothingAndSaySo()
    {
        LossCurvesPlot plot;
        plot.setTrialState(0, TrialState::Complete);
        plot.setTrialState(1, TrialState::Complete);
        plot.setHighlighted({0}, 1);
        plot.refresh();
        QCOMPARE(plot.plottableCount(), 0);
        QVERIFY(!plot.legend->visible());
        QCOMPARE(plot.itemCount(), 1);
        QVERIFY(plot.item(0)->visible());
        // The first points of a known trial bring its curve (and no crash on the way).
        plot.appendPoints({{1, 1, 0.5, 0.6}});
        plot.refreshChanged();
        QCOMPARE(plot.plottableCount(), 2);
        QVERIFY(plot.legend->visible());
        QVERIFY(!plot.item(0)->visible());
    }

    void historyTracksBestSoFar()
    {
        std::vector<HistoryPlot::Point> pts{{0, 5}, {1, 3}, {2, 4}, {3, std::nan("")}, {4, 1}};
        const auto best = HistoryPlot::bestSoFar(pts, StudyDirection::Minimize);
        QCOMPARE(best, (std::vector<double>{5, 3, 3, 3, 1}));
        const auto bestMax = HistoryPlot::bestSoFar(pts, StudyDirection::Maximize);
        QCOMPARE(bestMax, (std::vector<double>{5, 5, 5, 5, 5}));
        HistoryPlot plot;
        plot.setStudy("a", StudyDirection::Minimize, pts);
        plot.setStudy("b", StudyDirection::Minimize, {{0, 2}, {1, 1}});
        plot.refresh();
        QCOMPARE(plot.graphCount(), 4);
    }
};

QTEST_MAIN(tst_LossCurvesPlot)
#include "tst_losscurvesplot.moc"
