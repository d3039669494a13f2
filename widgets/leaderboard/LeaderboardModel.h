#pragma once
#include "core/FrozenTrial.h"
#include "core/StudyDirection.h"

#include <QAbstractTableModel>
#include <QStringList>

#include <limits>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace tw::widgets {

// The trials of one study as a table: trial, state, value, one column per parameter,
// duration, and the method that sampled the trial (its "sampler_method" system attr, #17). Updates arrive in batches (upsert), so 10,000 trials load as a few inserts
// and a running study refreshes with one dataChanged per batch.
class LeaderboardModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Role { SortRole = Qt::UserRole + 1, TrialNumberRole, StateRole };
    enum FixedColumn { NumberColumn = 0, StateColumn = 1, ValueColumn = 2, FirstParamColumn = 3 };

    explicit LeaderboardModel(QObject* parent = nullptr);

    // The value's name for the header ("val_accuracy") and the direction, for "best".
    void setMetric(const QString& name, StudyDirection direction);
    // Parameter columns in this order; parameters seen later are appended.
    void setParamNames(const QStringList& names);
    // Inserts new trials and refreshes known ones (matched by number).
    void upsert(std::vector<FrozenTrial> trials);
    void clear();

    const FrozenTrial* trialAt(int row) const;
    // Every trial held, in no particular order.
    const std::vector<FrozenTrial>& trials() const { return m_trials; }
    int rowOfTrial(int number) const;
    QStringList paramNames() const { return m_params; }
    int bestTrialNumber() const { return m_best; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    // What SortRole holds, without building a QVariant (the proxy compares 10,000 rows
    // with it): a number, NaN when missing (sorted last), or a categorical choice's text.
    struct SortKey {
        double number = std::numeric_limits<double>::quiet_NaN();
        const std::string* text = nullptr;
    };
    SortKey sortKey(int row, int column) const;

    // A parameter's internal value as the user reads it: an int as an integer, a float
    // with 4 significant digits, a categorical as its JSON choice.
    static QString formatParam(const FrozenTrial& trial, const std::string& name);
    // The trial's "sampler_method" system attr without its JSON quotes ("gp"), or "".
    static QString samplerMethod(const FrozenTrial& trial);
    int samplerColumn() const { return durationColumn() + 1; }

private:
    int durationColumn() const { return FirstParamColumn + static_cast<int>(m_params.size()); }
    QVariant displayData(const FrozenTrial& t, int column) const;
    QVariant sortData(int row, int column) const;
    void addParamColumns(const std::vector<FrozenTrial>& trials);
    void setParamKeys();
    void updateBest();

    std::vector<FrozenTrial> m_trials;
    std::unordered_map<int, int> m_rowByNumber;
    QStringList m_params;
    std::vector<std::string> m_paramKeys;  // m_params as the trials' map keys
    std::unordered_set<std::string> m_paramSet;
    QString m_metric = "value";
    StudyDirection m_direction = StudyDirection::Minimize;
    int m_best = -1;
};

} // namespace tw::widgets
