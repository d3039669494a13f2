#pragma once
#include <QJsonArray>
#include <QJsonObject>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QToolButton;
class QVBoxLayout;

namespace tw::widgets {

// `dataset.augment`: a list of augmentations, each a type and that type's own keys
// (gaussian_noise std, mixup alpha, shift max_shift, crop padding, horizontal_flip
// probability, random_erasing probability and max_area). A blank key takes its default,
// shown greyed; changing the type drops the old type's keys, which the parser would reject.
class AugmentListEditor : public QWidget {
    Q_OBJECT
public:
    explicit AugmentListEditor(QWidget* parent = nullptr);

    void setEntries(const QJsonArray& entries);
    QJsonArray entries() const;
    int count() const { return static_cast<int>(m_rows.size()); }
    void addEntry(const QString& type = QStringLiteral("gaussian_noise"));
    void removeEntry(int index);
    // The editors of entry `index`: the type combo and the value edits (for tests).
    QComboBox* typeCombo(int index) const;
    QLineEdit* valueEdit(int index, int which) const;
    // Marks entry `index` (-1: none).
    void markEntry(int index);

    struct Key {
        QString name;
        QString label;
        double defaultValue;
        QString toolTip;
    };
    static QStringList typeNames();
    static QList<Key> keysOf(const QString& type);

signals:
    void edited(const QJsonArray& entries);

private:
    struct Row {
        QWidget* box = nullptr;
        QComboBox* type = nullptr;
        QLabel* labels[2] = {nullptr, nullptr};
        QLineEdit* edits[2] = {nullptr, nullptr};
        QToolButton* remove = nullptr;
        QJsonObject json;
    };
    void buildRow(const QJsonObject& json);
    void showRow(Row& row);
    void rowEdited(QWidget* box);
    int rowOfBox(QWidget* box) const;

    QVBoxLayout* m_rowsLayout;
    QLabel* m_empty;
    QPushButton* m_add;
    QList<Row> m_rows;
    bool m_loading = false;
};

} // namespace tw::widgets
