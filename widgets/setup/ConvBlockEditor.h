#pragma once
#include <QJsonArray>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QWidget>

class QComboBox;
class QGridLayout;
class QLayout;
class QLabel;
class QPushButton;
class QSpinBox;
class QToolButton;

namespace tw::widgets {

// The conv blocks of a CNN (`model.conv`): one row per block, first block on top, with its
// filters, kernel, stride, padding and pooling, the shape of the map it outputs, and
// buttons to move it up or down and to remove it; "Add block" appends one. A key the block
// does not write shows its default and stays unwritten until edited, so the JSON keeps
// what it had. The shapes and the summary under the rows are given by the owner (from the
// engine); a block's problem shows under its row.
class ConvBlockEditor : public QWidget {
    Q_OBJECT
public:
    explicit ConvBlockEditor(QWidget* parent = nullptr);

    void setBlocks(const QJsonArray& blocks);
    QJsonArray blocks() const { return m_blocks; }
    int count() const { return static_cast<int>(m_blocks.size()); }

    void addBlock();
    void removeBlock(int index);
    void moveBlock(int index, int delta);

    // The line above the rows ("Input 1×28×28 · builtin:fashion_mnist").
    void setInput(const QString& text);
    // Block `index`'s output, e.g. "→ 32×14×14"; `bad` draws it as an error.
    void setShape(int index, const QString& text, bool bad);
    // What a block shows when its map is smaller than 1×1.
    static QString tooSmallText();
    // The line under the rows (what the dense layers see, the parameter count).
    void setSummary(const QString& text);
    // Shows `message` under block `index` (-1 or an empty message: none).
    void markBlock(int index, const QString& message);

    // The row's editors, for tests: nullptr when out of range.
    QSpinBox* filtersSpin(int index) const { return part(index, &Row::filters); }
    QSpinBox* kernelSpin(int index) const { return part(index, &Row::kernel); }
    QSpinBox* strideSpin(int index) const { return part(index, &Row::stride); }
    QComboBox* paddingCombo(int index) const { return part(index, &Row::padding); }
    QSpinBox* poolSpin(int index) const { return part(index, &Row::pool); }
    QLabel* shapeLabel(int index) const { return part(index, &Row::shape); }
    QLabel* errorLabel(int index) const { return part(index, &Row::error); }
    QLabel* inputLabel() const { return m_input; }
    QLabel* summaryLabel() const { return m_summary; }
    QPushButton* addButton() const { return m_add; }

signals:
    void edited(const QJsonArray& blocks);

private:
    struct Row {
        QLabel* number = nullptr;
        QSpinBox* filters = nullptr;
        QSpinBox* kernel = nullptr;
        QSpinBox* stride = nullptr;
        QComboBox* padding = nullptr;
        QSpinBox* pool = nullptr;
        QLabel* shape = nullptr;
        QToolButton* up = nullptr;
        QToolButton* down = nullptr;
        QToolButton* remove = nullptr;
        QLabel* error = nullptr;
        QLayout* buttons = nullptr;
        QList<QWidget*> widgets() const;
    };
    void rebuildRows();
    void buildRow(int index);
    void showRow(int index);
    void writeKey(int index, const QString& key, const QJsonValue& value);
    QSpinBox* spin(int index, int min, int max, const QString& tip);
    template <class W> W* part(int index, W* Row::*member) const
    {
        return index >= 0 && index < m_rows.size() ? m_rows[index].*member : nullptr;
    }

    QGridLayout* m_grid;
    QLabel* m_input;
    QLabel* m_summary;
    QLabel* m_empty;
    QPushButton* m_add;
    QList<Row> m_rows;
    QJsonArray m_blocks;
    bool m_loading = false;
};

} // namespace tw::widgets
