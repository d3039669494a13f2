#include "setup/ConvBlockEditor.h"

#include "setup/ErrorStyle.h"
#include "spec/ModelSpec.h"

#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace tw::widgets {

namespace {

enum Column { NumberCol, FiltersCol, KernelCol, StrideCol, PaddingCol, PoolCol, ShapeCol, ButtonsCol };

// The value of `key` in a block, or its default when absent (or not a number).
int intOf(const QJsonObject& block, const char* key, int fallback)
{
    const QJsonValue v = block.value(QLatin1String(key));
    if (!v.isDouble() || !std::isfinite(v.toDouble()))
        return fallback;
    return static_cast<int>(std::clamp(v.toDouble(), -1e9, 1e9));
}

} // namespace

QString ConvBlockEditor::tooSmallText()
{
    return tr("→ smaller than 1×1");
}

QList<QWidget*> ConvBlockEditor::Row::widgets() const
{
    return {number, filters, kernel, stride, padding, pool, shape, up, down, remove, error};
}

ConvBlockEditor::ConvBlockEditor(QWidget* parent)
    : QWidget(parent)
{
    setToolTip(tr("The convolution blocks, from the input down: each is a convolution, an "
                  "activation and an optional pooling."));
    m_input = new QLabel(this);
    m_input->setObjectName("convInput");
    m_input->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_summary = new QLabel(this);
    m_summary->setObjectName("convSummary");
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_empty = new QLabel(tr("No blocks: the image goes straight to the dense layers."), this);
    m_empty->setEnabled(false);
    m_add = new QPushButton(tr("Add block"), this);
    m_add->setObjectName("addConvBlockButton");
    m_add->setToolTip(tr("Add a block after the last one, with twice its filters."));
    connect(m_add, &QPushButton::clicked, this, &ConvBlockEditor::addBlock);

    m_grid = new QGridLayout;
    m_grid->setHorizontalSpacing(6);
    m_grid->setVerticalSpacing(2);
    const QList<QPair<QString, QString>> headers = {
        {QString(), QString()},
        {tr("Filters"), tr("Output channels of the convolution.")},
        {tr("Kernel"), tr("Side of the square convolution kernel; odd, 3 is usual.")},
        {tr("Stride"), tr("Step of the convolution; 2 halves the map.")},
        {tr("Padding"), tr("same keeps the map's size (divided by the stride); valid shrinks it by kernel - 1.")},
        {tr("Pool"), tr("Pooling size and stride after the activation; none keeps the map.")},
        {tr("Output"), tr("The map after the block: channels × height × width.")}};
    for (int c = 0; c < headers.size(); ++c) {
        auto* h = new QLabel(headers[c].first, this);
        QFont f = h->font();
        f.setBold(true);
        h->setFont(f);
        h->setToolTip(headers[c].second);
        m_grid->addWidget(h, 0, c);
    }
    m_grid->setColumnStretch(ShapeCol, 1);

    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred); // the form lets it grow
    auto* bottom = new QHBoxLayout;
    bottom->addWidget(m_add);
    bottom->addWidget(m_empty);
    bottom->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_input);
    layout->addLayout(m_grid);
    layout->addLayout(bottom);
    layout->addWidget(m_summary);
    rebuildRows();
}

QSpinBox* ConvBlockEditor::spin(int index, int min, int max, const QString& tip)
{
    auto* s = new QSpinBox(this);
    s->setRange(min, max);
    s->setToolTip(tip);
    s->setAccelerated(true);
    s->setMinimumWidth(s->fontMetrics().horizontalAdvance(QStringLiteral("00000")) + 30);
    s->setProperty("tw_block", index);
    return s;
}

void ConvBlockEditor::buildRow(int index)
{
    Row r;
    const int gridRow = 1 + 2 * index;
    r.number = new QLabel(QString::number(index + 1), this);
    r.filters = spin(index, 1, 4096, tr("Output channels of the convolution."));
    r.kernel = spin(index, 1, 99, tr("Side of the square convolution kernel; odd, 3 is usual."));
    r.kernel->setSingleStep(2);
    r.stride = spin(index, 1, 16, tr("Step of the convolution; 2 halves the map."));
    r.padding = new QComboBox(this);
    r.padding->addItems({QStringLiteral("same"), QStringLiteral("valid")});
    r.padding->setToolTip(tr("same keeps the map's size (divided by the stride); valid shrinks it by kernel - 1."));
    r.pool = spin(index, 1, 64, tr("Pooling size and stride after the activation; none keeps the map."));
    r.pool->setSpecialValueText(tr("none"));
    r.shape = new QLabel(this);
    r.shape->setToolTip(tr("The map after the block: channels × height × width."));
    r.shape->setMinimumWidth(std::max(r.shape->fontMetrics().horizontalAdvance(QStringLiteral("→ 0000×000×000")),
                                      r.shape->fontMetrics().horizontalAdvance(tooSmallText())));
    auto tool = [this](const QString& tip) {
        auto* b = new QToolButton(this);
        b->setToolTip(tip);
        b->setAutoRaise(true);
        return b;
    };
    r.up = tool(tr("Move the block towards the input."));
    r.up->setArrowType(Qt::UpArrow);
    r.down = tool(tr("Move the block towards the output."));
    r.down->setArrowType(Qt::DownArrow);
    r.remove = tool(tr("Remove the block."));
    r.remove->setText(tr("Remove"));
    r.error = new QLabel(this);
    ErrorStyle::applyTo(r.error);
    const QString base = QStringLiteral("convBlock%1.").arg(index);
    r.filters->setObjectName(base + "filters");
    r.kernel->setObjectName(base + "kernel");
    r.stride->setObjectName(base + "stride");
    r.padding->setObjectName(base + "padding");
    r.pool->setObjectName(base + "pool");
    r.shape->setObjectName(base + "shape");

    auto* buttons = new QHBoxLayout;
    buttons->setSpacing(0);
    buttons->addWidget(r.up);
    buttons->addWidget(r.down);
    buttons->addWidget(r.remove);
    m_grid->addWidget(r.number, gridRow, NumberCol, Qt::AlignRight);
    m_grid->addWidget(r.filters, gridRow, FiltersCol);
    m_grid->addWidget(r.kernel, gridRow, KernelCol);
    m_grid->addWidget(r.stride, gridRow, StrideCol);
    m_grid->addWidget(r.padding, gridRow, PaddingCol);
    m_grid->addWidget(r.pool, gridRow, PoolCol);
    m_grid->addWidget(r.shape, gridRow, ShapeCol);
    m_grid->addLayout(buttons, gridRow, ButtonsCol);
    r.buttons = buttons;
    m_grid->addWidget(r.error, gridRow + 1, FiltersCol, 1, ButtonsCol - FiltersCol + 1);

    const struct {
        QSpinBox* box;
        const char* key;
    } spins[] = {{r.filters, "filters"}, {r.kernel, "kernel"}, {r.stride, "stride"}, {r.pool, "pool"}};
    for (const auto& s : spins) {
        const QString key = QLatin1String(s.key);
        connect(s.box, &QSpinBox::valueChanged, this, [this, index, key](int v) {
            if (!m_loading)
                writeKey(index, key, v);
        });
    }
    connect(r.padding, &QComboBox::currentIndexChanged, this, [this, index, combo = r.padding] {
        if (!m_loading && combo->currentIndex() < 2)
            writeKey(index, QStringLiteral("padding"), combo->currentText());
    });
    connect(r.up, &QToolButton::clicked, this, [this, index] { moveBlock(index, -1); });
    connect(r.down, &QToolButton::clicked, this, [this, index] { moveBlock(index, 1); });
    connect(r.remove, &QToolButton::clicked, this, [this, index] { removeBlock(index); });
    m_rows.push_back(r);
}

void ConvBlockEditor::rebuildRows()
{
    // Later: a row's own Remove button may be what asked for this.
    for (Row& r : m_rows) {
        for (QWidget* w : r.widgets()) {
            m_grid->removeWidget(w);
            w->disconnect(this);
            w->setObjectName(QString()); // not found by name while it waits for deletion
            w->hide();
            w->deleteLater();
        }
        m_grid->removeItem(r.buttons);
        delete r.buttons;
    }
    m_rows.clear();
    for (int i = 0; i < m_blocks.size(); ++i) {
        buildRow(i);
        showRow(i);
    }
    for (int c = 0; c < m_grid->columnCount(); ++c)
        if (QLayoutItem* item = m_grid->itemAtPosition(0, c); item && item->widget())
            item->widget()->setVisible(!m_blocks.isEmpty());
    m_empty->setVisible(m_blocks.isEmpty());
}

void ConvBlockEditor::showRow(int index)
{
    const bool wasLoading = m_loading;
    m_loading = true;
    Row& r = m_rows[index];
    const ConvBlockSpec d; // the parser's defaults
    const QJsonObject b = m_blocks.at(index).toObject();
    r.filters->setValue(intOf(b, "filters", d.filters));
    r.kernel->setValue(intOf(b, "kernel", d.kernel));
    r.stride->setValue(intOf(b, "stride", d.stride));
    r.pool->setValue(intOf(b, "pool", d.pool));
    while (r.padding->count() > 2)
        r.padding->removeItem(2);
    const QJsonValue padding = b.value(QLatin1String("padding"));
    if (padding.isUndefined() || padding.isNull() || padding == QJsonValue(QStringLiteral("same")))
        r.padding->setCurrentIndex(0);
    else if (padding == QJsonValue(QStringLiteral("valid")))
        r.padding->setCurrentIndex(1);
    else {
        // Not a padding the parser knows: shown, so its message has something to point at.
        r.padding->addItem(tr("%1 (not valid)").arg(padding.isString() ? padding.toString() : tr("not a string")));
        r.padding->setCurrentIndex(2);
    }
    r.up->setEnabled(index > 0);
    r.down->setEnabled(index + 1 < m_blocks.size());
    m_loading = wasLoading;
}

void ConvBlockEditor::setBlocks(const QJsonArray& blocks)
{
    const bool sameCount = blocks.size() == m_blocks.size();
    m_blocks = blocks;
    m_loading = true;
    if (sameCount) // edits elsewhere: keep the widgets (and the focus)
        for (int i = 0; i < m_blocks.size(); ++i)
            showRow(i);
    else
        rebuildRows();
    m_loading = false;
}

void ConvBlockEditor::writeKey(int index, const QString& key, const QJsonValue& value)
{
    if (index < 0 || index >= m_blocks.size())
        return;
    QJsonObject b = m_blocks.at(index).toObject();
    b.insert(key, value);
    m_blocks[index] = b;
    emit edited(m_blocks);
}

void ConvBlockEditor::addBlock()
{
    QJsonObject block{{QStringLiteral("filters"), 32}, {QStringLiteral("kernel"), 3}, {QStringLiteral("pool"), 2}};
    if (!m_blocks.isEmpty() && m_blocks.last().isObject()) {
        block = m_blocks.last().toObject();
        const QJsonValue f = block.value(QLatin1String("filters"));
        if (f.isDouble() && f.toDouble() >= 1)
            block.insert(QStringLiteral("filters"), static_cast<int>(std::min(4096.0, f.toDouble() * 2)));
    }
    m_blocks.append(block);
    rebuildRows();
    emit edited(m_blocks);
}

void ConvBlockEditor::removeBlock(int index)
{
    if (index < 0 || index >= m_blocks.size())
        return;
    m_blocks.removeAt(index);
    rebuildRows();
    emit edited(m_blocks);
}

void ConvBlockEditor::moveBlock(int index, int delta)
{
    const int to = index + delta;
    if (index < 0 || index >= m_blocks.size() || to < 0 || to >= m_blocks.size())
        return;
    const QJsonValue b = m_blocks.at(index);
    m_blocks.removeAt(index);
    m_blocks.insert(to, b);
    for (int i = 0; i < m_blocks.size(); ++i)
        showRow(i);
    emit edited(m_blocks);
}

void ConvBlockEditor::setInput(const QString& text)
{
    m_input->setText(text);
}

void ConvBlockEditor::setShape(int index, const QString& text, bool bad)
{
    if (index < 0 || index >= m_rows.size())
        return;
    QLabel* l = m_rows[index].shape;
    l->setText(text);
    QPalette p = palette();
    if (bad)
        p.setColor(QPalette::WindowText, ErrorStyle::text(p));
    l->setPalette(p);
}

void ConvBlockEditor::setSummary(const QString& text)
{
    m_summary->setText(text);
    m_summary->setVisible(!text.isEmpty());
}

void ConvBlockEditor::markBlock(int index, const QString& message)
{
    for (int i = 0; i < m_rows.size(); ++i)
        ErrorStyle::show(m_rows[i].error, i == index ? message : QString());
}

} // namespace tw::widgets
