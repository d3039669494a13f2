#include "leaderboard/LeaderboardModel.h"
#include "leaderboard/LeaderboardProxy.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QElapsedTimer>
#include <QtTest>

using namespace tw;
using namespace tw::widgets;

namespace {

FrozenTrial makeTrial(int number, TrialState state, std::optional<double> value, double lr,
                      int hiddenChoice)
{
    FrozenTrial t;
    t.id = number + 100;
    t.number = number;
    t.state = state;
    t.value = value;
    t.params["lr"] = lr;
    t.params["hidden"] = hiddenChoice;
    t.distributions["lr"] = Distribution::makeFloat(1e-4, 1e-1, true);
    t.distributions["hidden"] = Distribution::makeCategorical({"[32]", "[64,64]"});
    t.started = TimePoint{} + std::chrono::seconds(number);
    if (state != TrialState::Running)
        t.finished = *t.started + std::chrono::milliseconds(1500);
    t.intermediate[1] = 0.5;
    t.intermediate[3] = 0.71;
    if (number == 0)
        t.systemAttrs["sampler_method"] = "\"gp\"";
    return t;
}

} // namespace

class tst_LeaderboardModel : public QObject {
    Q_OBJECT
private slots:
    void modelIsConsistentUnderTheTester()
    {
        LeaderboardModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        LeaderboardProxy proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setMetric("val_accuracy", StudyDirection::Maximize);
        model.setParamNames({"lr"});
        model.upsert({makeTrial(0, TrialState::Complete, 0.9, 0.01, 0),
                      makeTrial(1, TrialState::Running, std::nullopt, 0.001, 1)});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.columnCount(), 7);  // #, state, value, lr, hidden (seen later), time, sampler
        model.upsert({makeTrial(1, TrialState::Pruned, std::nullopt, 0.001, 1),
                      makeTrial(2, TrialState::Complete, 0.95, 0.02, 1)});
        QCOMPARE(model.rowCount(), 3);
        proxy.sort(LeaderboardModel::ValueColumn, Qt::DescendingOrder);
        proxy.setVisibleStates({TrialState::Complete});
        QCOMPARE(proxy.rowCount(), 2);
        proxy.setVisibleStates({});
        QCOMPARE(proxy.rowCount(), 0);
        proxy.setVisibleStates(LeaderboardProxy::allStates());
        proxy.setTextFilter("64,64");
        QCOMPARE(proxy.rowCount(), 2);
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void showsWhatUsersRead()
    {
        LeaderboardModel model;
        model.setMetric("val_accuracy", StudyDirection::Maximize);
        model.upsert({makeTrial(0, TrialState::Complete, 0.9, 0.0031, 1),
                      makeTrial(1, TrialState::Pruned, std::nullopt, 8e-5, 0),
                      makeTrial(2, TrialState::Running, std::nullopt, 0.01, 0)});
        const int hidden = model.paramNames().indexOf("hidden") + LeaderboardModel::FirstParamColumn;
        const int lr = model.paramNames().indexOf("lr") + LeaderboardModel::FirstParamColumn;
        QCOMPARE(model.headerData(LeaderboardModel::ValueColumn, Qt::Horizontal, Qt::DisplayRole).toString(), QString("val_accuracy"));
        QCOMPARE(model.index(0, hidden).data().toString(), QString("[64,64]"));
        QCOMPARE(model.index(0, lr).data().toString(), QString("0.0031"));
        QCOMPARE(model.index(1, LeaderboardModel::ValueColumn).data().toString(), QString("0.71 @3"));
        QCOMPARE(model.index(2, LeaderboardModel::ValueColumn).data().toString(), QString("0.71…"));
        QCOMPARE(model.index(0, model.columnCount() - 2).data().toString(), QString("1.50 s"));
        // #17: the method that sampled the trial, last.
        QCOMPARE(model.headerData(model.samplerColumn(), Qt::Horizontal, Qt::DisplayRole).toString(), QString("sampler"));
        QCOMPARE(model.index(0, model.samplerColumn()).data().toString(), QString("gp"));
        QCOMPARE(model.index(1, model.samplerColumn()).data().toString(), QString("—"));
        QCOMPARE(model.index(1, LeaderboardModel::StateColumn).data().toString(), QString("pruned"));
        QCOMPARE(model.bestTrialNumber(), 0);
        QVERIFY(model.index(0, 0).data(Qt::FontRole).value<QFont>().bold());
    }

    void sortsNumericallyWithMissingLast()
    {
        LeaderboardModel model;
        model.setMetric("loss", StudyDirection::Minimize);
        std::vector<FrozenTrial> trials;
        for (int i = 0; i < 12; ++i)
            trials.push_back(makeTrial(i, i % 4 == 3 ? TrialState::Failed : TrialState::Complete,
                                       i % 4 == 3 ? std::nullopt : std::optional<double>(12 - i), 0.01, 0));
        for (auto& t : trials)
            if (t.state == TrialState::Failed)
                t.intermediate.clear();
        model.upsert(trials);
        LeaderboardProxy proxy;
        proxy.setSourceModel(&model);
        proxy.sort(LeaderboardModel::ValueColumn, Qt::AscendingOrder);
        QCOMPARE(proxy.index(0, 0).data().toInt(), 10);  // value 2: the smallest
        QCOMPARE(proxy.index(proxy.rowCount() - 1, LeaderboardModel::ValueColumn).data().toString(), QString("—"));
        proxy.sort(LeaderboardModel::ValueColumn, Qt::DescendingOrder);
        QCOMPARE(proxy.index(0, 0).data().toInt(), 0);  // value 12
        QCOMPARE(proxy.index(proxy.rowCount() - 1, LeaderboardModel::ValueColumn).data().toString(), QString("—"));
        QCOMPARE(model.bestTrialNumber(), 10);
    }

    void sortsParamsByValueAndChoicesByText()
    {
        LeaderboardModel model;
        std::vector<FrozenTrial> trials;
        for (int i = 0; i < 6; ++i)
            trials.push_back(makeTrial(i, TrialState::Complete, 1.0 * i, 1e-3 * (6 - i), i % 2));
        trials[4].params.erase("hidden"); // inactive (a condition): shown as "—"
        trials[4].params.erase("lr");
        model.upsert(trials);
        LeaderboardProxy proxy;
        proxy.setSourceModel(&model);
        const int lr = LeaderboardModel::FirstParamColumn + static_cast<int>(model.paramNames().indexOf("lr"));
        const int hidden = LeaderboardModel::FirstParamColumn + static_cast<int>(model.paramNames().indexOf("hidden"));
        QVERIFY(lr >= LeaderboardModel::FirstParamColumn && hidden >= LeaderboardModel::FirstParamColumn);
        auto order = [&] {
            QList<int> out;
            for (int r = 0; r < proxy.rowCount(); ++r)
                out << proxy.index(r, 0).data().toInt();
            return out;
        };
        proxy.sort(lr, Qt::AscendingOrder);
        QCOMPARE(order(), (QList<int>{5, 3, 2, 1, 0, 4}));
        proxy.sort(lr, Qt::DescendingOrder);
        QCOMPARE(order(), (QList<int>{0, 1, 2, 3, 5, 4})); // missing last either way
        // "[32]" < "[64,64]" as text; ties keep trial order.
        proxy.sort(hidden, Qt::AscendingOrder);
        QCOMPARE(order(), (QList<int>{0, 2, 1, 3, 5, 4}));
        proxy.sort(hidden, Qt::DescendingOrder);
        QCOMPARE(order().mid(0, 3), (QList<int>{5, 3, 1})); // ties reversed, as for numbers
        QCOMPARE(order().last(), 4);
        QCOMPARE(model.index(0, hidden).data(LeaderboardModel::SortRole).toString(), QStringLiteral("[32]"));
        QVERIFY(std::isnan(model.index(4, lr).data(LeaderboardModel::SortRole).toDouble()));
    }

    void tenThousandTrialsLoadAndSort()
    {
        LeaderboardModel model;
        LeaderboardProxy proxy;
        proxy.setSourceModel(&model);
        std::vector<FrozenTrial> trials;
        for (int i = 0; i < 10000; ++i)
            trials.push_back(makeTrial(i, TrialState::Complete, std::sin(i) * 100, 1e-4 * (1 + i % 97), i % 2));
        QElapsedTimer t;
        t.start();
        model.upsert(trials);
        const qint64 load = t.restart();
        proxy.sort(LeaderboardModel::ValueColumn, Qt::AscendingOrder);
        const qint64 sort = t.elapsed();
        QCOMPARE(proxy.rowCount(), 10000);
        for (int r = 1; r < 200; ++r)
            QVERIFY(proxy.index(r - 1, LeaderboardModel::ValueColumn).data(LeaderboardModel::SortRole).toDouble() <=
                    proxy.index(r, LeaderboardModel::ValueColumn).data(LeaderboardModel::SortRole).toDouble());
        qInfo("10,000 trials: load %lld ms, sort by value %lld ms", load, sort);
    }
};

QTEST_MAIN(tst_LeaderboardModel)
#include "tst_leaderboardmodel.moc"
