#include "setup/AugmentListEditor.h"

#include "setup/ErrorStyle.h"
#include "setup/JsonText.h"
#include "data/AugmentSpec.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace tw::widgets {

namespace {

QString typeLabel(const QString& type)
{
    static const QHash<QString, QString> labels = {
        {QStringLiteral("gaussian_noise"), QObject::tr("Gaussian noise")},
        {QStringLiteral("mixup"), QObject::tr("Mixup")},
        {QStringLiteral("shift"), QObject::tr("Shift (images)")},
        {QStringLiteral("crop"), QObject::tr("Pad and crop (images)")},
        {QStringLiteral("horizontal_flip"), QObject::tr("Horizontal flip (images)")},
        {QStringLiteral("random_erasing"), QObject::tr("Random erasing (images)")},
    };
    return labels.value(type, type);
}

} // namespace

QStringList AugmentListEditor::typeNames()
{
    return {QStringLiteral("gaussian_noise"), QStringLiteral("mixup"),
            QStringLiteral("shift"),          QStringLiteral("crop"),
            QStringLiteral("horizontal_flip"), QStringLiteral("random_erasing")};
}

QList<AugmentListEditor::Key> AugmentListEditor::keysOf(const QString& type)
{
    const AugmentSpec d; // the parser's defaults
    if (type == QLatin1String("gaussian_noise"))
        return {{QStringLiteral("std"), tr("std"), d.std,
                 tr("Standard deviation of the noise added to the standardized features.")}};
    if (type == QLatin1String("mixup"))
        return {{QStringLiteral("alpha"), tr("alpha"), d.alpha,
                 tr("Mixup blends pairs of samples with a Beta(alpha, alpha) weight; larger "
                    "alpha mixes more.")}};
    if (type == QLatin1String("shift"))
        return {{QStringLiteral("max_shift"), tr("max shift"), double(d.maxShift),
                 tr("The largest shift of an image, in pixels, in each direction.")}};
    if (type == QLatin1String("crop"))
        return {{QStringLiteral("padding"), tr("padding"), double(d.padding),
                 tr("Pixels of padding added around an image before cropping it back at a "
                    "random offset.")}};
    if (type == QLatin1String("horizontal_flip"))
        return {{QStringLiteral("probability"), tr("probability"), d.probability,
                 tr("The chance that an image is mirrored left to right.")}};
    if (type == QLatin1String("random_erasing"))
        return {{QStringLiteral("probability"), tr("probability"), d.probability,
                 tr("The chance that a random rectangle of an image is erased.")},
                {QStringLiteral("max_area"), tr("max area"), d.maxArea,
                 tr("The largest erased fraction of the image.")}};
    return {};
}

AugmentListEditor::AugmentListEditor(QWidget* parent)
    : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    m_rowsLayout = new QVBoxLayout;
    m_rowsLayout->setSpacing(4);
    m_empty = new QLabel(tr("None: the training split is used as it is."), this);
    m_empty->setEnabled(false);
    m_add = new QPushButton(tr("Add augmentation"), this);
    m_add->setToolTip(tr("Add a random transformation applied to the training split at every "
                         "epoch."));
    auto* addRow = new QHBoxLayout;
    addRow->addWidget(m_empty, 1);
    addRow->addWidget(m_add);
    layout->addLayout(m_rowsLayout);
    layout->addLayout(addRow);
    connect(m_add, &QPushButton::clicked, this, [this] { addEntry(); });
    setToolTip(tr("Random transformations of the training data, applied at every epoch and "
                  "seeded by training.seed."));
}

void AugmentListEditor::setEntries(const QJsonArray& entries)
{
    m_loading = true;
    for (Row& r : m_rows)
        delete r.box;
    m_rows.clear();
    for (const QJsonValue& v : entries)
        buildRow(v.toObject());
    m_empty->setVisible(m_rows.isEmpty());
    m_loading = false;
}

QJsonArray AugmentListEditor::entries() const
{
    QJsonArray out;
    for (const Row& r : m_rows)
        out.append(r.json);
    return out;
}

void AugmentListEditor::buildRow(const QJsonObject& json)
{
    Row row;
    row.json = json;
    row.box = new QWidget(this);
    auto* h = new QHBoxLayout(row.box);
    h->setContentsMargins(0, 0, 0, 0);
    row.type = new QComboBox(row.box);
    for (const QString& t : typeNames())
        row.type->addItem(typeLabel(t), t);
    row.type->setToolTip(tr("The kind of augmentation; image kinds need an image dataset."));
    h->addWidget(row.type, 2);
    for (int k = 0; k < 2; ++k) {
        row.labels[k] = new QLabel(row.box);
        row.edits[k] = new QLineEdit(row.box);
        row.edits[k]->setMaximumWidth(80);
        h->addWidget(row.labels[k]);
        h->addWidget(row.edits[k], 1);
    }
    row.remove = new QToolButton(row.box);
    row.remove->setText(tr("Remove"));
    row.remove->setToolTip(tr("Remove this augmentation."));
    h->addWidget(row.remove);
    m_rowsLayout->addWidget(row.box);
    QWidget* box = row.box;
    connect(row.type, &QComboBox::currentIndexChanged, this, [this, box] {
        if (m_loading)
            return;
        Row& r = m_rows[rowOfBox(box)];
        // Keys of the old type would be "unknown keys" for the new one.
        r.json = QJsonObject{{QStringLiteral("type"), r.type->currentData().toString()}};
        m_loading = true;
        showRow(r);
        m_loading = false;
        rowEdited(box);
    });
    for (int k = 0; k < 2; ++k)
        connect(row.edits[k], &QLineEdit::textChanged, this, [this, box, k](const QString& text) {
            if (m_loading)
                return;
            Row& r = m_rows[rowOfBox(box)];
            const QList<Key> keys = keysOf(r.json.value(QStringLiteral("type")).toString());
            if (k >= keys.size())
                return;
            const QJsonValue v = JsonText::numberFromText(text);
            if (v.isUndefined())
                r.json.remove(keys[k].name);
            else
                r.json.insert(keys[k].name, v);
            rowEdited(box);
        });
    connect(row.remove, &QToolButton::clicked, this, [this, box] { removeEntry(rowOfBox(box)); });
    m_rows.push_back(row);
    const bool wasLoading = m_loading;
    m_loading = true;
    showRow(m_rows.back());
    m_loading = wasLoading;
}

void AugmentListEditor::showRow(Row& row)
{
    const QString type = row.json.value(QStringLiteral("type")).toString();
    int index = row.type->findData(type);
    if (index < 0) {
        // Not a known type: show it, so the parser's message has something to point at.
        row.type->addItem(tr("%1 (not valid)").arg(JsonText::display(row.json.value(QStringLiteral("type")))), type);
        index = row.type->count() - 1;
    }
    row.type->setCurrentIndex(index);
    const QList<Key> keys = keysOf(type);
    for (int k = 0; k < 2; ++k) {
        const bool used = k < keys.size();
        row.labels[k]->setVisible(used);
        row.edits[k]->setVisible(used);
        if (!used)
            continue;
        row.labels[k]->setText(keys[k].label);
        row.edits[k]->setToolTip(keys[k].toolTip);
        row.edits[k]->setPlaceholderText(JsonText::display(keys[k].defaultValue));
        row.edits[k]->setText(JsonText::display(row.json.value(keys[k].name)));
    }
}

int AugmentListEditor::rowOfBox(QWidget* box) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].box == box)
            return i;
    return -1;
}

void AugmentListEditor::rowEdited(QWidget*)
{
    emit edited(entries());
}

void AugmentListEditor::addEntry(const QString& type)
{
    buildRow(QJsonObject{{QStringLiteral("type"), type}});
    m_empty->setVisible(false);
    emit edited(entries());
}

void AugmentListEditor::removeEntry(int index)
{
    if (index < 0 || index >= m_rows.size())
        return;
    m_rows[index].box->deleteLater();
    m_rows[index].box->hide();
    m_rows.removeAt(index);
    m_empty->setVisible(m_rows.isEmpty());
    emit edited(entries());
}

QComboBox* AugmentListEditor::typeCombo(int index) const
{
    return index >= 0 && index < m_rows.size() ? m_rows[index].type : nullptr;
}

QLineEdit* AugmentListEditor::valueEdit(int index, int which) const
{
    return index >= 0 && index < m_rows.size() && which >= 0 && which < 2
               ? m_rows[index].edits[which]
               : nullptr;
}

void AugmentListEditor::markEntry(int index)
{
    for (int i = 0; i < m_rows.size(); ++i) {
        QWidget* box = m_rows[i].box;
        box->setAutoFillBackground(i == index);
        QPalette p = palette();
        if (i == index)
            p.setColor(QPalette::Window, ErrorStyle::background(p));
        box->setPalette(p);
    }
}

} // namespace tw::widgets
