#include "setup/SpecSection.h"

#include "setup/SpecDocument.h"

#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace tw::widgets {

SpecSection::SpecSection(const QString& title, SpecDocument* doc, const QStringList& rootPath,
                         QWidget* parent)
    : QGroupBox(title, parent)
    , m_doc(doc)
{
    m_layout = new QVBoxLayout(this);
    if (rootPath.isEmpty())
        return; // messages about the whole document go to the editor's summary
    auto* placeholder = new QWidget(this);
    placeholder->setFixedSize(0, 0);
    placeholder->hide();
    m_sectionField = SpecField::custom(doc, rootPath, placeholder, {}, this);
    m_layout->addWidget(m_sectionField->widget());
    m_fields << m_sectionField;
}

QString SpecSection::objectiveType() const
{
    const QJsonValue t = m_doc->value({QStringLiteral("objective"), QStringLiteral("type")});
    return t.toString();
}

SpecField* SpecSection::add(SpecField* field)
{
    m_fields << field;
    return field;
}

QFormLayout* SpecSection::newForm()
{
    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->setRowWrapPolicy(QFormLayout::DontWrapRows);
    form->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return form;
}

void SpecSection::addRow(QFormLayout* form, const QString& label, SpecField* field)
{
    auto* l = new QLabel(label, this);
    l->setToolTip(field->editor()->toolTip());
    l->setBuddy(field->editor());
    form->addRow(l, field->widget());
}

void SpecSection::addColumns(const QList<Column>& columns)
{
    auto* row = new QHBoxLayout;
    for (qsizetype i = 0; i < columns.size(); ++i) {
        if (i > 0)
            row->addSpacing(12);
        auto* v = new QVBoxLayout;
        if (!columns[i].title.isEmpty()) {
            auto* title = new QLabel(columns[i].title, this);
            QFont f = title->font();
            f.setBold(true);
            title->setFont(f);
            v->addWidget(title);
        }
        v->addLayout(columns[i].form);
        v->addStretch(1);
        row->addLayout(v, 1);
    }
    m_layout->addLayout(row);
}

void SpecSection::setRowVisible(QFormLayout* form, SpecField* field, bool visible)
{
    form->setRowVisible(field->widget(), visible);
}

SpecField* SpecSection::choice(const QStringList& path, const QStringList& values,
                               SpecField::DefaultFn def, const QString& tip)
{
    return add(SpecField::choice(m_doc, path, values, std::move(def), tip, this));
}

SpecField* SpecSection::choice(const QStringList& path, const QList<SpecField::Choice>& choices,
                               SpecField::DefaultFn def, const QString& tip)
{
    return add(SpecField::choice(m_doc, path, choices, std::move(def), tip, this));
}

SpecField* SpecSection::integer(const QStringList& path, int min, int max,
                                SpecField::DefaultFn def, const QString& tip,
                                const QString& absentText)
{
    return add(SpecField::integer(m_doc, path, min, max, std::move(def), tip, this, absentText));
}

SpecField* SpecSection::number(const QStringList& path, SpecField::DefaultFn def,
                               const QString& tip)
{
    return add(SpecField::number(m_doc, path, std::move(def), tip, this));
}

SpecField* SpecSection::text(const QStringList& path, SpecField::DefaultFn def, const QString& tip)
{
    return add(SpecField::text(m_doc, path, std::move(def), tip, this));
}

SpecField* SpecSection::flag(const QStringList& path, const QString& text, SpecField::DefaultFn def,
                             const QString& tip)
{
    return add(SpecField::flag(m_doc, path, text, std::move(def), tip, this));
}

void SpecSection::switchKeys(const QStringList& path, const QStringList& allowed,
                             QJsonObject& stash, const QJsonObject& required)
{
    QJsonObject obj = m_doc->value(path).toObject();
    for (auto it = obj.begin(); it != obj.end(); ++it)
        if (it.key() != QLatin1String("type"))
            stash.insert(it.key(), it.value());
    QJsonObject out;
    if (obj.contains(QStringLiteral("type")))
        out.insert(QStringLiteral("type"), obj.value(QStringLiteral("type")));
    for (const QString& key : allowed)
        if (key != QLatin1String("type") && stash.contains(key))
            out.insert(key, stash.value(key));
    for (auto it = required.begin(); it != required.end(); ++it)
        if (!out.contains(it.key()))
            out.insert(it.key(), it.value());
    m_doc->setValue(path, out, this);
}

} // namespace tw::widgets
