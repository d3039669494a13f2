#pragma once
#include "core/TrialState.h"

#include <QSet>
#include <QSortFilterProxyModel>

namespace tw::widgets {

class LeaderboardModel;

// Sorts the leaderboard by each column's numeric key (missing values last) and filters
// by trial state and by a text that any cell may contain.
class LeaderboardProxy : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit LeaderboardProxy(QObject* parent = nullptr);

    // Only trials in these states are shown (all five by default; none shows no rows).
    void setVisibleStates(const QSet<TrialState>& states);
    static QSet<TrialState> allStates();
    void setTextFilter(const QString& text);
    void setSourceModel(QAbstractItemModel* model) override;

protected:
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    LeaderboardModel* m_leaderboard = nullptr; // the source, when it is one: sorts without QVariants
    QSet<int> m_states;
    QString m_text;
};

} // namespace tw::widgets
