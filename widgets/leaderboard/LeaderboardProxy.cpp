#include "leaderboard/LeaderboardProxy.h"

#include "leaderboard/LeaderboardModel.h"

#include <cmath>

namespace tw::widgets {

LeaderboardProxy::LeaderboardProxy(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(LeaderboardModel::SortRole);
    setDynamicSortFilter(true);
    setVisibleStates(allStates());
}

QSet<TrialState> LeaderboardProxy::allStates()
{
    return {TrialState::Waiting, TrialState::Running, TrialState::Complete, TrialState::Pruned,
            TrialState::Failed};
}

void LeaderboardProxy::setVisibleStates(const QSet<TrialState>& states)
{
    m_states.clear();
    for (TrialState s : states)
        m_states.insert(static_cast<int>(s));
    invalidateRowsFilter();
    emit filterChanged();
}

void LeaderboardProxy::setTextFilter(const QString& text)
{
    m_text = text.trimmed();
    invalidateRowsFilter();
    emit filterChanged();
}

void LeaderboardProxy::setTrialFilter(const std::optional<QSet<int>>& numbers)
{
    if (numbers == m_trials)
        return;
    m_trials = numbers;
    invalidateRowsFilter();
    emit filterChanged();
}

bool LeaderboardProxy::isFiltering() const
{
    return m_trials || !m_text.isEmpty() || m_states.size() < allStates().size();
}

std::optional<QSet<int>> LeaderboardProxy::shownTrials() const
{
    if (!isFiltering())
        return std::nullopt;
    QSet<int> out;
    out.reserve(rowCount());
    for (int r = 0; r < rowCount(); ++r)
        out.insert(index(r, 0).data(LeaderboardModel::TrialNumberRole).toInt());
    return out;
}

void LeaderboardProxy::setSourceModel(QAbstractItemModel* model)
{
    m_leaderboard = qobject_cast<LeaderboardModel*>(model);
    QSortFilterProxyModel::setSourceModel(model);
}

bool LeaderboardProxy::lessThan(const QModelIndex& left, const QModelIndex& right) const
{
    double x = 0, y = 0;
    if (m_leaderboard && sortRole() == LeaderboardModel::SortRole) {
        const auto a = m_leaderboard->sortKey(left.row(), left.column());
        const auto b = m_leaderboard->sortKey(right.row(), right.column());
        if (a.text || b.text) {
            // Choices before missing values, in ascending order.
            if (a.text && b.text && *a.text != *b.text)
                return *a.text < *b.text;
            if (!a.text || !b.text)
                return (sortOrder() == Qt::AscendingOrder) == (a.text != nullptr);
            return left.row() < right.row();
        }
        x = a.number;
        y = b.number;
    } else {
        const QVariant a = left.data(sortRole());
        const QVariant b = right.data(sortRole());
        if (a.typeId() == QMetaType::QString || b.typeId() == QMetaType::QString)
            return a.toString() < b.toString();
        x = a.toDouble();
        y = b.toDouble();
    }
    // Missing values (NaN) sort after every number, whichever the order.
    const bool ascending = sortOrder() == Qt::AscendingOrder;
    if (std::isnan(x) || std::isnan(y)) {
        if (std::isnan(x) && std::isnan(y))
            return left.row() < right.row();
        return ascending ? std::isnan(y) : std::isnan(x);
    }
    if (x == y)
        return left.row() < right.row();
    return x < y;
}

bool LeaderboardProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const QModelIndex first = sourceModel()->index(sourceRow, 0, sourceParent);
    if (!m_states.contains(first.data(LeaderboardModel::StateRole).toInt()))
        return false;
    if (m_trials && !m_trials->contains(first.data(LeaderboardModel::TrialNumberRole).toInt()))
        return false;
    if (m_text.isEmpty())
        return true;
    for (int c = 0; c < sourceModel()->columnCount(sourceParent); ++c) {
        const QString cell = sourceModel()->index(sourceRow, c, sourceParent).data().toString();
        if (cell.contains(m_text, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

} // namespace tw::widgets
