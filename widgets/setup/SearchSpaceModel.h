#pragma once
#include <QAbstractTableModel>
#include <QJsonObject>
#include <QList>
#include <QStringList>

namespace tw::widgets {

// The spec's `search_space` as a table: one row per parameter, with the columns of
// docs/study-spec.md (the name it binds to, type, low, high, log, step, choices or fixed
// value, and the condition's parent, operator and values). Cells edit the parameter's JSON
// directly; the parser checks it, and setError() marks the row it names (red, with the
// message as tooltip). Rows keep the order they were added in, whatever JSON does.
class SearchSpaceModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        NameColumn,
        TypeColumn,
        LowColumn,
        HighColumn,
        LogColumn,
        StepColumn,
        ChoicesColumn,
        ConditionParamColumn,
        ConditionOpColumn,
        ConditionValuesColumn,
        ColumnCount
    };

    explicit SearchSpaceModel(QObject* parent = nullptr);

    // Replaces the content (rows of names still present keep their place).
    void setSpace(const QJsonObject& space);
    QJsonObject space() const;
    QStringList names() const;
    int rowOf(const QString& name) const;
    QJsonObject parameter(int row) const;

    // Suggestions for the name column (dotted paths for a train objective, x0... for a
    // function); the first unused one names a new row.
    void setKnownNames(const QStringList& names) { m_knownNames = names; }
    const QStringList& knownNames() const { return m_knownNames; }

    // Appends a parameter (an unused known name and its template when `name` is empty);
    // returns its row, or -1 when the name is taken.
    int addParameter(const QString& name = {});
    bool removeParameter(int row);

    // Marks the row of parameter `name` with `message`; an empty name clears the mark.
    void setError(const QString& name, const QString& message);
    void clearError() { setError({}, {}); }
    QString errorOf(int row) const;
    int errorRow() const;

    // A starting domain for a parameter name: a log range for the learning rate, a list of
    // layer shapes for model.hidden... A float in [0, 1] for names it does not know.
    static QJsonObject templateFor(const QString& name);
    // `param` turned into type `type`, keeping what carries over (a range becomes the
    // choices [low, high], a first choice the fixed value, the condition stays).
    static QJsonObject convert(const QJsonObject& param, const QString& type);
    static QStringList typeNames();

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

signals:
    // The user changed the space through the model (cells, add, remove).
    void spaceEdited(const QJsonObject& space);
    // An edit that was refused, and why (a name already taken).
    void rejected(const QString& reason);

private:
    struct Row {
        QString name;
        QJsonObject param;
    };
    bool isRange(int row) const;
    QString cellText(int row, int column) const;
    bool setCell(int row, int column, const QVariant& value);
    void emitRowChanged(int row);

    QList<Row> m_rows;
    QStringList m_knownNames;
    QString m_errorName;
    QString m_errorMessage;
};

} // namespace tw::widgets
