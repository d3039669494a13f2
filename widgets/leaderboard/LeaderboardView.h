#pragma once
#include <QTimer>
#include <QWidget>

class QLineEdit;
class QTableView;

namespace tw::widgets {

class LeaderboardModel;
class LeaderboardProxy;

// The leaderboard table with its filter bar (state and text) and the right-click actions
// users expect on a trial. The actions are signals: the window decides what they do.
class LeaderboardView : public QWidget {
    Q_OBJECT
public:
    explicit LeaderboardView(LeaderboardModel* model, QWidget* parent = nullptr);

    QTableView* table() const { return m_table; }
    LeaderboardProxy* proxy() const { return m_proxy; }
    // The trial number of the current row, or -1.
    int currentTrial() const;
    // Makes trial `number`'s row current and scrolls to it; false when no row shows it.
    bool selectTrial(int number);

signals:
    void trialActivated(int trial);           // double-click: open its details
    void trialSelected(int trial);            // current row changed
    void copyParamsRequested(int trial);
    void exportModelRequested(int trial);
    void rerunRequested(int trial);
    void enqueueVariantRequested(int trial);
    void pinModelRequested(int trial);

private:
    void showContextMenu(const QPoint& pos);
    // Columns as wide as their header and their first rows' text (parameter names are
    // long: "training.learning_rate"), on a change of columns and as the first 100 rows come.
    void fitColumns();

    LeaderboardModel* m_model;
    LeaderboardProxy* m_proxy;
    QTableView* m_table;
    QLineEdit* m_filter;
    QTimer m_fitTimer;
    bool m_fitted = false;
    bool m_grown = false;
};

} // namespace tw::widgets
