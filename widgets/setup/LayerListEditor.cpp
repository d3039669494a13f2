#include "setup/LayerListEditor.h"

#include "setup/JsonText.h"

#include <QHBoxLayout>
#include <QListWidget>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

#include <cmath>

namespace tw::widgets {

LayerListEditor::LayerListEditor(QWidget* parent)
    : QWidget(parent)
{
    m_list = new QListWidget(this);
    m_list->setToolTip(tr("Units in each hidden layer, from the input side down; double-click a "
                          "size to change it."));
    setToolTip(m_list->toolTip());
    m_list->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                            QAbstractItemView::SelectedClicked);
    const int rowHeight = m_list->fontMetrics().height() + 6;
    m_list->setFixedHeight(rowHeight * 4 + 2 * m_list->frameWidth() + 2);

    auto makeButton = [this](const QString& text, const QString& tip) {
        auto* b = new QToolButton(this);
        b->setText(text);
        b->setToolTip(tip);
        b->setToolButtonStyle(Qt::ToolButtonTextOnly);
        b->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
        return b;
    };
    m_add = makeButton(tr("Add"), tr("Add a hidden layer after the selected one."));
    m_remove = makeButton(tr("Remove"), tr("Remove the selected hidden layer."));
    m_up = makeButton(tr("Up"), tr("Move the selected layer towards the input."));
    m_down = makeButton(tr("Down"), tr("Move the selected layer towards the output."));
    m_list->setObjectName("layerList");
    m_add->setObjectName("addLayerButton");
    m_remove->setObjectName("removeLayerButton");
    m_up->setObjectName("layerUpButton");
    m_down->setObjectName("layerDownButton");

    auto* buttons = new QVBoxLayout;
    buttons->setSpacing(2);
    for (QToolButton* b : {m_add, m_remove, m_up, m_down}) {
        b->setMinimumWidth(70);
        buttons->addWidget(b);
    }
    buttons->addStretch(1);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_list, 1);
    layout->addLayout(buttons);

    connect(m_add, &QToolButton::clicked, this, &LayerListEditor::addLayer);
    connect(m_remove, &QToolButton::clicked, this, &LayerListEditor::removeLayer);
    connect(m_up, &QToolButton::clicked, this, [this] { moveLayer(-1); });
    connect(m_down, &QToolButton::clicked, this, [this] { moveLayer(1); });
    connect(m_list, &QListWidget::currentRowChanged, this, &LayerListEditor::updateButtons);
    connect(m_list, &QListWidget::itemChanged, this, [this] {
        if (!m_loading)
            emit edited(layers());
    });
    updateButtons();
}

void LayerListEditor::setLayers(const QJsonValue& value)
{
    m_loading = true;
    const int current = m_list->currentRow();
    m_list->clear();
    const QJsonArray array = value.toArray();
    for (const QJsonValue& v : array) {
        auto* item = new QListWidgetItem(m_list);
        const double d = v.toDouble(std::nan(""));
        if (v.isDouble() && std::floor(d) == d && std::abs(d) < 2e9)
            item->setData(Qt::EditRole, static_cast<int>(d)); // a spin box edits it
        else
            item->setData(Qt::EditRole, JsonText::display(v));
        item->setFlags(item->flags() | Qt::ItemIsEditable);
    }
    if (current >= 0 && current < m_list->count())
        m_list->setCurrentRow(current);
    m_loading = false;
    updateButtons();
}

QJsonArray LayerListEditor::layers() const
{
    QJsonArray out;
    for (int i = 0; i < m_list->count(); ++i) {
        const QVariant v = m_list->item(i)->data(Qt::EditRole);
        if (v.typeId() == QMetaType::Int)
            out.append(v.toInt());
        else
            out.append(JsonText::numberFromText(v.toString()).isDouble()
                           ? JsonText::numberFromText(v.toString())
                           : QJsonValue(v.toString()));
    }
    return out;
}

void LayerListEditor::selectLayer(int index)
{
    if (index >= 0 && index < m_list->count())
        m_list->setCurrentRow(index);
}

void LayerListEditor::addLayer()
{
    const int at = m_list->currentRow() >= 0 ? m_list->currentRow() + 1 : m_list->count();
    int size = 64;
    if (m_list->count() > 0) {
        const QVariant v = m_list->item(at - 1 >= 0 ? at - 1 : 0)->data(Qt::EditRole);
        if (v.typeId() == QMetaType::Int && v.toInt() >= 1)
            size = v.toInt();
    }
    m_loading = true;
    auto* item = new QListWidgetItem;
    item->setData(Qt::EditRole, size);
    item->setFlags(item->flags() | Qt::ItemIsEditable);
    m_list->insertItem(at, item);
    m_list->setCurrentRow(at);
    m_loading = false;
    updateButtons();
    emit edited(layers());
}

void LayerListEditor::removeLayer()
{
    const int row = m_list->currentRow();
    if (row < 0)
        return;
    m_loading = true;
    delete m_list->takeItem(row);
    m_loading = false;
    updateButtons();
    emit edited(layers());
}

void LayerListEditor::moveLayer(int delta)
{
    const int row = m_list->currentRow();
    const int to = row + delta;
    if (row < 0 || to < 0 || to >= m_list->count())
        return;
    m_loading = true;
    QListWidgetItem* item = m_list->takeItem(row);
    m_list->insertItem(to, item);
    m_list->setCurrentRow(to);
    m_loading = false;
    updateButtons();
    emit edited(layers());
}

void LayerListEditor::updateButtons()
{
    const int row = m_list->currentRow();
    m_remove->setEnabled(row >= 0);
    m_up->setEnabled(row > 0);
    m_down->setEnabled(row >= 0 && row + 1 < m_list->count());
}

} // namespace tw::widgets
