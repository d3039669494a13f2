#pragma once
#include "core/TrialState.h"

#include <QSet>
#include <QSortFilterProxyModel>

#include <optional>

namespace tw::widgets {

class LeaderboardModel;

// Sorts the leaderboard by each column's numeric key (missing values last) and filters
// by trial state, by a text that any cell may contain and by a set of trial numbers (the
// trials brushed in the Analysis tab's parallel coordinates).
class LeaderboardProxy : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit LeaderboardProxy(QObject* parent = nullptr);

    // Only trials in these states are shown (all five by default; none shows no rows).
    void setVisibleStates(const QSet<TrialState>& states);
    static QSet<TrialState> allStates();
    void setTextFilter(const QString& text);
    // Only these trials (nullopt: no such filter).
    void setTrialFilter(const std::optional<QSet<int>>& numbers);
    const std::optional<QSet<int>>& trialFilter() const { return m_trials; }
    // Whether any filter hides rows it could hide (a state unchecked, a text, a trial set).
    bool isFiltering() const;
    // The trial numbers of the rows shown, or nullopt when nothing is filtered.
    std::optional<QSet<int>> shownTrials() const;
    void setSourceModel(QAbstractItemModel* model) override;

signals:
    // A filter changed (not a row coming or going).
    void filterChanged();

protected:
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    LeaderboardModel* m_leaderboard = nullptr; // the source, when it is one: sorts without QVariants
    QSet<int> m_states;
    QString m_text;
    std::optional<QSet<int>> m_trials;
};

} // namespace tw::widgets
