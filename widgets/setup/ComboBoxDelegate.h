#pragma once
#include <QStyledItemDelegate>

#include <functional>

namespace tw::widgets {

// A combo box as a table cell's editor, with items computed per cell. An editable combo
// also takes free text (a parameter name that is not in the list). The choice is
// committed as soon as it is made, so persistent editors write through at once.
class ComboBoxDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using ItemsFn = std::function<QStringList(const QModelIndex&)>;
    ComboBoxDelegate(ItemsFn items, bool editable, QObject* parent = nullptr);

    QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem& option,
                          const QModelIndex& index) const override;
    void setEditorData(QWidget* editor, const QModelIndex& index) const override;
    void setModelData(QWidget* editor, QAbstractItemModel* model,
                      const QModelIndex& index) const override;

private:
    ItemsFn m_items;
    bool m_editable;
};

} // namespace tw::widgets
