#pragma once
#include "io/CsvHead.h"

#include <QAbstractTableModel>
#include <QSet>

namespace tw::widgets {

// The CSV preview table: row 0 holds each column's role (feature, target or ignore),
// editable with a combo; the rows under it are the first rows of the file as the engine's
// reader sees them (CsvHead), with its missing values greyed. Exactly one column is the
// target: choosing another target makes the old one a feature again.
class CsvPreviewModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum class ColumnRole { Feature, Target, Ignore };
    static constexpr int RoleRow = 0;

    explicit CsvPreviewModel(QObject* parent = nullptr);

    void setPreview(const CsvHead& preview);
    const CsvHead& preview() const { return m_preview; }
    // Sets roles without emitting rolesEdited(); -1: no target.
    void setRoles(int targetColumn, const QSet<int>& ignored);

    ColumnRole role(int column) const;
    int targetColumn() const;
    QList<int> ignoredColumns() const;
    QString columnName(int column) const;
    int columnOf(const QString& name) const; // -1 when no column has that name

    static QString roleName(ColumnRole role);
    static std::optional<ColumnRole> roleFromName(const QString& name);
    static QStringList columnRoleNames();

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

signals:
    // The user changed a column's role (through setData).
    void rolesEdited();

private:
    void emitAllChanged();
    CsvHead m_preview;
    QList<ColumnRole> m_roles;
};

} // namespace tw::widgets
