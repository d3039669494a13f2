#include "setup/ComboBoxDelegate.h"

#include <QComboBox>
#include <QLineEdit>

namespace tw::widgets {

ComboBoxDelegate::ComboBoxDelegate(ItemsFn items, bool editable, QObject* parent)
    : QStyledItemDelegate(parent)
    , m_items(std::move(items))
    , m_editable(editable)
{
}

QWidget* ComboBoxDelegate::createEditor(QWidget* parent, const QStyleOptionViewItem& option,
                                        const QModelIndex& index) const
{
    if (!(index.flags() & Qt::ItemIsEditable))
        return nullptr;
    const QStringList items = m_items(index);
    if (items.isEmpty() && !m_editable)
        return QStyledItemDelegate::createEditor(parent, option, index);
    auto* combo = new QComboBox(parent);
    combo->setEditable(m_editable);
    combo->addItems(items);
    combo->setToolTip(index.data(Qt::ToolTipRole).toString());
    if (m_editable) {
        combo->setInsertPolicy(QComboBox::NoInsert);
        // Free text is committed when editing ends, a picked item at once.
        connect(combo, &QComboBox::activated, this, [this, combo] {
            emit const_cast<ComboBoxDelegate*>(this)->commitData(combo);
        });
    } else {
        connect(combo, &QComboBox::currentIndexChanged, this, [this, combo] {
            if (!combo->property("tw_loading").toBool())
                emit const_cast<ComboBoxDelegate*>(this)->commitData(combo);
        });
    }
    return combo;
}

void ComboBoxDelegate::setEditorData(QWidget* editor, const QModelIndex& index) const
{
    auto* combo = qobject_cast<QComboBox*>(editor);
    if (!combo) {
        QStyledItemDelegate::setEditorData(editor, index);
        return;
    }
    const QString value = index.data(Qt::EditRole).toString();
    combo->setProperty("tw_loading", true);
    const int i = combo->findText(value);
    if (i >= 0) {
        combo->setCurrentIndex(i);
    } else if (m_editable) {
        combo->setCurrentIndex(-1);
        combo->setEditText(value);
    }
    combo->setProperty("tw_loading", false);
}

void ComboBoxDelegate::setModelData(QWidget* editor, QAbstractItemModel* model,
                                    const QModelIndex& index) const
{
    auto* combo = qobject_cast<QComboBox*>(editor);
    if (!combo) {
        QStyledItemDelegate::setModelData(editor, model, index);
        return;
    }
    const QString text = combo->currentText();
    if (text != index.data(Qt::EditRole).toString())
        model->setData(index, text, Qt::EditRole);
}

} // namespace tw::widgets
