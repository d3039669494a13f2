#include "setup/CsvPreviewModel.h"

#include <QFont>
#include <QGuiApplication>
#include <QPalette>

namespace tw::widgets {

CsvPreviewModel::CsvPreviewModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void CsvPreviewModel::setPreview(const CsvHead& preview)
{
    beginResetModel();
    m_preview = preview;
    m_roles = QList<ColumnRole>(preview.columns.size(), ColumnRole::Feature);
    if (!m_roles.isEmpty())
        m_roles.back() = ColumnRole::Target; // the reader's default: the last column
    endResetModel();
}

void CsvPreviewModel::setRoles(int targetColumn, const QSet<int>& ignored)
{
    for (int c = 0; c < m_roles.size(); ++c)
        m_roles[c] = c == targetColumn  ? ColumnRole::Target
                     : ignored.contains(c) ? ColumnRole::Ignore
                                          : ColumnRole::Feature;
    emitAllChanged();
}

void CsvPreviewModel::emitAllChanged()
{
    if (rowCount() == 0 || columnCount() == 0)
        return;
    // One signal per role cell: views refresh an open editor only for single-cell changes.
    for (int c = 0; c < columnCount(); ++c)
        emit dataChanged(index(RoleRow, c), index(RoleRow, c));
    if (rowCount() > 1)
        emit dataChanged(index(1, 0), index(rowCount() - 1, columnCount() - 1));
}

CsvPreviewModel::ColumnRole CsvPreviewModel::role(int column) const
{
    return column >= 0 && column < m_roles.size() ? m_roles[column] : ColumnRole::Feature;
}

int CsvPreviewModel::targetColumn() const
{
    return static_cast<int>(m_roles.indexOf(ColumnRole::Target));
}

QList<int> CsvPreviewModel::ignoredColumns() const
{
    QList<int> out;
    for (int c = 0; c < m_roles.size(); ++c)
        if (m_roles[c] == ColumnRole::Ignore)
            out << c;
    return out;
}

QString CsvPreviewModel::columnName(int column) const
{
    return column >= 0 && column < m_preview.columns.size() ? m_preview.columns[column] : QString();
}

int CsvPreviewModel::columnOf(const QString& name) const
{
    return static_cast<int>(m_preview.columns.indexOf(name));
}

QString CsvPreviewModel::roleName(ColumnRole role)
{
    switch (role) {
    case ColumnRole::Feature:
        return QStringLiteral("feature");
    case ColumnRole::Target:
        return QStringLiteral("target");
    case ColumnRole::Ignore:
        return QStringLiteral("ignore");
    }
    return {};
}

std::optional<CsvPreviewModel::ColumnRole> CsvPreviewModel::roleFromName(const QString& name)
{
    for (ColumnRole r : {ColumnRole::Feature, ColumnRole::Target, ColumnRole::Ignore})
        if (roleName(r) == name)
            return r;
    return std::nullopt;
}

QStringList CsvPreviewModel::columnRoleNames()
{
    return {roleName(ColumnRole::Feature), roleName(ColumnRole::Target),
            roleName(ColumnRole::Ignore)};
}

int CsvPreviewModel::rowCount(const QModelIndex& parent) const
{
    if (parent.isValid() || m_preview.columns.isEmpty())
        return 0;
    return 1 + static_cast<int>(m_preview.rows.size());
}

int CsvPreviewModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_preview.columns.size());
}

QVariant CsvPreviewModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || !checkIndex(index))
        return {};
    const int c = index.column();
    const ColumnRole columnRole = m_roles.value(c, ColumnRole::Feature);
    const QPalette palette = QGuiApplication::palette();
    if (index.row() == RoleRow) {
        switch (role) {
        case Qt::DisplayRole:
        case Qt::EditRole:
            return roleName(columnRole);
        case Qt::FontRole: {
            QFont f;
            f.setBold(columnRole == ColumnRole::Target);
            f.setItalic(columnRole == ColumnRole::Ignore);
            return f;
        }
        case Qt::ToolTipRole:
            return tr("The role of column \"%1\": a feature the model reads, the target it "
                      "predicts, or ignored.")
                .arg(columnName(c));
        default:
            break;
        }
    } else {
        const QStringList& row = m_preview.rows.at(index.row() - 1);
        const QString cell = c < row.size() ? row[c] : QString();
        if (role == Qt::DisplayRole)
            return cell;
        const bool missing = CsvHead::isMissing(cell);
        if (role == Qt::ToolTipRole)
            return missing ? tr("A missing value: the dataset's missing policy decides what a "
                                "trial does with it.")
                           : cell;
        if (role == Qt::ForegroundRole && missing)
            return palette.color(QPalette::Disabled, QPalette::Text);
        if (role == Qt::FontRole && missing) {
            QFont f;
            f.setItalic(true);
            return f;
        }
    }
    if (role == Qt::BackgroundRole && columnRole == ColumnRole::Target) {
        QColor h = palette.color(QPalette::Highlight);
        h.setAlphaF(0.18f);
        return h;
    }
    if (role == Qt::ForegroundRole && columnRole == ColumnRole::Ignore)
        return palette.color(QPalette::Disabled, QPalette::Text);
    return {};
}

bool CsvPreviewModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (role != Qt::EditRole || !index.isValid() || !checkIndex(index) ||
        index.row() != RoleRow)
        return false;
    const auto r = roleFromName(value.toString());
    if (!r)
        return false;
    const int c = index.column();
    if (m_roles[c] == *r)
        return true;
    if (*r == ColumnRole::Target)
        for (ColumnRole& other : m_roles)
            if (other == ColumnRole::Target)
                other = ColumnRole::Feature;
    m_roles[c] = *r;
    emitAllChanged();
    emit rolesEdited();
    return true;
}

Qt::ItemFlags CsvPreviewModel::flags(const QModelIndex& index) const
{
    if (!index.isValid() || !checkIndex(index))
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
    if (index.row() == RoleRow)
        f |= Qt::ItemIsEditable;
    return f;
}

QVariant CsvPreviewModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal) {
        if (section < 0 || section >= columnCount())
            return {};
        if (role == Qt::DisplayRole)
            return columnName(section);
        if (role == Qt::ToolTipRole)
            return m_preview.layout.header ? tr("Column %1, \"%2\"").arg(section).arg(columnName(section))
                                         : tr("Column %1 (the file has no header row)").arg(section);
        return {};
    }
    if (section < 0 || section >= rowCount())
        return {};
    if (role == Qt::DisplayRole)
        return section == RoleRow ? tr("role") : QString::number(section);
    if (role == Qt::ToolTipRole && section == RoleRow)
        return tr("Choose each column's role here.");
    return {};
}

} // namespace tw::widgets
