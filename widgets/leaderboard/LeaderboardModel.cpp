#include "leaderboard/LeaderboardModel.h"

#include "common/StateColors.h"
#include "util/NonFinite.h"

#include <QApplication>
#include <QFont>
#include <QPalette>

#include <cmath>
#include <limits>

namespace tw::widgets {

namespace {

QString formatNumber(double v)
{
    if (const char* name = NonFinite::name(v))
        return QString::fromLatin1(name);
    return QString::number(v, 'g', 4);
}

} // namespace

LeaderboardModel::LeaderboardModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void LeaderboardModel::setMetric(const QString& name, StudyDirection direction)
{
    m_metric = name.isEmpty() ? QString("value") : name;
    m_direction = direction;
    updateBest();
    emit headerDataChanged(Qt::Horizontal, ValueColumn, ValueColumn);
}

void LeaderboardModel::setParamNames(const QStringList& names)
{
    beginResetModel();
    m_params = names;
    setParamKeys();
    endResetModel();
}

void LeaderboardModel::setParamKeys()
{
    m_paramKeys.clear();
    for (const QString& p : m_params)
        m_paramKeys.push_back(p.toStdString());
    m_paramSet = std::unordered_set<std::string>(m_paramKeys.begin(), m_paramKeys.end());
}

void LeaderboardModel::clear()
{
    beginResetModel();
    m_trials.clear();
    m_rowByNumber.clear();
    m_best = -1;
    endResetModel();
}

void LeaderboardModel::addParamColumns(const std::vector<FrozenTrial>& trials)
{
    QStringList added;
    std::unordered_set<std::string> seen;
    for (const auto& t : trials)
        for (const auto& [name, value] : t.params)
            if (!m_paramSet.count(name) && seen.insert(name).second)
                added << QString::fromStdString(name);
    if (added.isEmpty())
        return;
    const int first = durationColumn();
    beginInsertColumns({}, first, first + static_cast<int>(added.size()) - 1);
    m_params << added;
    setParamKeys();
    endInsertColumns();
}

void LeaderboardModel::upsert(std::vector<FrozenTrial> trials)
{
    if (trials.empty())
        return;
    addParamColumns(trials);
    std::vector<FrozenTrial*> fresh;
    int minRow = std::numeric_limits<int>::max();
    int maxRow = -1;
    for (auto& t : trials) {
        auto it = m_rowByNumber.find(t.number);
        if (it == m_rowByNumber.end()) {
            fresh.push_back(&t);
            continue;
        }
        m_trials[static_cast<size_t>(it->second)] = std::move(t);
        minRow = std::min(minRow, it->second);
        maxRow = std::max(maxRow, it->second);
    }
    const int oldBest = m_best;
    if (!fresh.empty()) {
        const int first = static_cast<int>(m_trials.size());
        beginInsertRows({}, first, first + static_cast<int>(fresh.size()) - 1);
        m_trials.reserve(m_trials.size() + fresh.size());
        for (FrozenTrial* t : fresh) {
            m_rowByNumber[t->number] = static_cast<int>(m_trials.size());
            m_trials.push_back(std::move(*t));
        }
        endInsertRows();
    }
    updateBest();
    if (maxRow >= 0)
        emit dataChanged(index(minRow, 0), index(maxRow, columnCount() - 1));
    if (oldBest != m_best) {
        // The best row is drawn bold: refresh the old and the new one.
        for (int number : {oldBest, m_best}) {
            const int row = rowOfTrial(number);
            if (row >= 0)
                emit dataChanged(index(row, 0), index(row, columnCount() - 1), {Qt::FontRole});
        }
    }
}

void LeaderboardModel::updateBest()
{
    m_best = -1;
    double bestValue = 0;
    for (const auto& t : m_trials) {
        if (t.state != TrialState::Complete || !t.value || std::isnan(*t.value))
            continue;
        if (m_best < 0 || isBetter(m_direction, *t.value, bestValue)) {
            m_best = t.number;
            bestValue = *t.value;
        }
    }
}

const FrozenTrial* LeaderboardModel::trialAt(int row) const
{
    if (row < 0 || row >= static_cast<int>(m_trials.size()))
        return nullptr;
    return &m_trials[static_cast<size_t>(row)];
}

int LeaderboardModel::rowOfTrial(int number) const
{
    auto it = m_rowByNumber.find(number);
    return it == m_rowByNumber.end() ? -1 : it->second;
}

int LeaderboardModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_trials.size());
}

int LeaderboardModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : samplerColumn() + 1;
}

QString LeaderboardModel::samplerMethod(const FrozenTrial& trial)
{
    auto it = trial.systemAttrs.find("sampler_method");
    if (it == trial.systemAttrs.end())
        return {};
    QString text = QString::fromStdString(it->second);
    if (text.size() >= 2 && text.startsWith('"') && text.endsWith('"'))
        text = text.mid(1, text.size() - 2);
    return text;
}

QString LeaderboardModel::formatParam(const FrozenTrial& trial, const std::string& name)
{
    auto it = trial.params.find(name);
    if (it == trial.params.end())
        return QStringLiteral("—");
    const double v = it->second;
    auto d = trial.distributions.find(name);
    if (d != trial.distributions.end()) {
        const Distribution& dist = d->second;
        switch (dist.kind()) {
        case Distribution::Kind::Categorical:
        case Distribution::Kind::Fixed: {
            const auto i = static_cast<size_t>(v);
            return i < dist.choices().size() ? QString::fromStdString(dist.choices()[i]) : QString();
        }
        case Distribution::Kind::Int:
            return QString::number(static_cast<long long>(std::llround(v)));
        case Distribution::Kind::Float:
            break;
        }
    }
    return formatNumber(v);
}

QVariant LeaderboardModel::displayData(const FrozenTrial& t, int column) const
{
    if (column == NumberColumn)
        return t.number;
    if (column == StateColumn)
        return QString::fromUtf8(toString(t.state).data());
    if (column == ValueColumn) {
        if (t.value)
            return formatNumber(*t.value);
        if (!t.intermediate.empty()) {
            const auto& [step, v] = *t.intermediate.rbegin();
            if (t.state == TrialState::Running)
                return formatNumber(v) + QStringLiteral("…");
            return QString("%1 @%2").arg(formatNumber(v)).arg(step);
        }
        return QStringLiteral("—");
    }
    if (column == durationColumn()) {
        if (auto d = t.durationSeconds())
            return QString::number(*d, 'f', *d < 10 ? 2 : 1) + " s";
        return t.state == TrialState::Running ? QStringLiteral("…") : QStringLiteral("—");
    }
    if (column == samplerColumn()) {
        const QString method = samplerMethod(t);
        return method.isEmpty() ? QStringLiteral("—") : method;
    }
    return formatParam(t, m_params[column - FirstParamColumn].toStdString());
}

LeaderboardModel::SortKey LeaderboardModel::sortKey(int row, int column) const
{
    SortKey key;
    if (row < 0 || row >= rowCount() || column < 0 || column >= columnCount())
        return key;
    const FrozenTrial& t = m_trials[static_cast<size_t>(row)];
    if (column == NumberColumn) {
        key.number = t.number;
    } else if (column == StateColumn) {
        key.number = static_cast<int>(t.state);
    } else if (column == ValueColumn) {
        if (t.value)
            key.number = *t.value;
        else if (!t.intermediate.empty())
            key.number = t.intermediate.rbegin()->second;
    } else if (column == durationColumn()) {
        if (auto d = t.durationSeconds())
            key.number = *d;
    } else if (column == samplerColumn()) {
        auto it = t.systemAttrs.find("sampler_method");
        if (it != t.systemAttrs.end())
            key.text = &it->second;
    } else {
        const std::string& name = m_paramKeys[static_cast<size_t>(column - FirstParamColumn)];
        auto it = t.params.find(name);
        if (it == t.params.end())
            return key;
        auto d = t.distributions.find(name);
        if (d != t.distributions.end() && !d->second.isNumeric()) {
            // Categoricals sort by their text.
            const auto i = static_cast<size_t>(it->second);
            if (i < d->second.choices().size())
                key.text = &d->second.choices()[i];
            return key;
        }
        key.number = it->second;
    }
    return key;
}

QVariant LeaderboardModel::sortData(int row, int column) const
{
    const SortKey key = sortKey(row, column);
    if (key.text)
        return QString::fromStdString(*key.text);
    return key.number;
}

QVariant LeaderboardModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= columnCount())
        return {};
    const FrozenTrial& t = m_trials[static_cast<size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return displayData(t, index.column());
    case SortRole:
        return sortData(index.row(), index.column());
    case TrialNumberRole:
        return t.number;
    case StateRole:
        return static_cast<int>(t.state);
    case Qt::BackgroundRole:
        return StateColors::rowBackground(t.state, QApplication::palette());
    case Qt::ForegroundRole:
        if (index.column() == StateColumn)
            return StateColors::color(t.state);
        return {};
    case Qt::FontRole:
        if (t.number == m_best) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    case Qt::ToolTipRole:
        if (!t.reason.empty())
            return QString::fromStdString(t.reason);
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == StateColumn)
            return int(Qt::AlignLeft | Qt::AlignVCenter);
        return int(Qt::AlignRight | Qt::AlignVCenter);
    default:
        return {};
    }
}

QVariant LeaderboardModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (section == NumberColumn)
        return QStringLiteral("#");
    if (section == StateColumn)
        return tr("state");
    if (section == ValueColumn)
        return m_metric;
    if (section == durationColumn())
        return tr("time");
    if (section == samplerColumn())
        return tr("sampler");
    if (section > ValueColumn && section < durationColumn())
        return m_params[section - FirstParamColumn];
    return {};
}

} // namespace tw::widgets
