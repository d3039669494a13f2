#include "setup/SpecField.h"

#include "setup/ErrorStyle.h"
#include "setup/JsonText.h"
#include "setup/SpecDocument.h"
#include "spec/CanonicalJson.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QVBoxLayout>

#include <algorithm>
#include <climits>
#include <cmath>

namespace tw::widgets {

SpecField::SpecField(SpecDocument* doc, const QStringList& path, Kind kind, QWidget* editor,
                     QWidget* parent)
    : QObject(parent)
    , m_doc(doc)
    , m_paths{path}
    , m_kind(kind)
    , m_editor(editor)
{
    m_container = new QWidget(parent);
    auto* layout = new QVBoxLayout(m_container);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    editor->setParent(m_container);
    // Found by tests and accessibility tools under the key it edits, e.g. "budget.trials".
    if (editor->objectName().isEmpty())
        editor->setObjectName(path.join(u'.'));
    m_container->setObjectName(path.join(u'.') + QStringLiteral("-field"));
    layout->addWidget(editor);
    m_errorLabel = new QLabel(m_container);
    ErrorStyle::applyTo(m_errorLabel);
    layout->addWidget(m_errorLabel);
}

SpecField* SpecField::choice(SpecDocument* doc, const QStringList& path,
                             const QList<Choice>& choices, DefaultFn defaultValue,
                             const QString& toolTip, QWidget* parent)
{
    auto* combo = new QComboBox(parent);
    auto* f = new SpecField(doc, path, Kind::Choice, combo, parent);
    f->m_choices = choices;
    f->m_default = std::move(defaultValue);
    for (const Choice& c : choices)
        combo->addItem(c.label.isEmpty() ? JsonText::display(c.value) : c.label);
    combo->setToolTip(toolTip);
    connect(combo, &QComboBox::currentIndexChanged, f, [f](int i) {
        // The extra "not valid" entry (past the choices) is never written back.
        if (!f->m_loading && i >= 0 && i < f->m_choices.size())
            f->write(f->m_choices[i].value);
    });
    f->load();
    return f;
}

SpecField* SpecField::choice(SpecDocument* doc, const QStringList& path, const QStringList& values,
                             DefaultFn defaultValue, const QString& toolTip, QWidget* parent)
{
    QList<Choice> choices;
    for (const QString& v : values)
        choices.push_back({QJsonValue(v), QString()});
    return choice(doc, path, choices, std::move(defaultValue), toolTip, parent);
}

SpecField* SpecField::integer(SpecDocument* doc, const QStringList& path, int min, int max,
                              DefaultFn defaultValue, const QString& toolTip, QWidget* parent,
                              const QString& absentText)
{
    auto* spin = new QSpinBox(parent);
    auto* f = new SpecField(doc, path, Kind::Integer, spin, parent);
    f->m_default = std::move(defaultValue);
    f->m_absentText = absentText;
    spin->setRange(absentText.isEmpty() ? min : min - 1, max);
    if (!absentText.isEmpty())
        spin->setSpecialValueText(absentText);
    spin->setToolTip(toolTip);
    spin->setAccelerated(true);
    spin->setMinimumWidth(spin->fontMetrics().horizontalAdvance(QStringLiteral("0000000")) + 40);
    connect(spin, &QSpinBox::valueChanged, f, [f, spin](int v) {
        if (f->m_loading)
            return;
        if (!f->m_absentText.isEmpty() && v == spin->minimum())
            f->write(QJsonValue(QJsonValue::Undefined));
        else
            f->write(QJsonValue(v));
    });
    f->load();
    return f;
}

SpecField* SpecField::number(SpecDocument* doc, const QStringList& path, DefaultFn defaultValue,
                             const QString& toolTip, QWidget* parent)
{
    auto* edit = new QLineEdit(parent);
    auto* f = new SpecField(doc, path, Kind::Number, edit, parent);
    f->m_default = std::move(defaultValue);
    edit->setToolTip(toolTip);
    edit->setClearButtonEnabled(false);
    connect(edit, &QLineEdit::textChanged, f, [f](const QString& text) {
        if (!f->m_loading)
            f->write(JsonText::numberFromText(text));
    });
    f->load();
    return f;
}

SpecField* SpecField::text(SpecDocument* doc, const QStringList& path, DefaultFn defaultValue,
                           const QString& toolTip, QWidget* parent)
{
    auto* edit = new QLineEdit(parent);
    auto* f = new SpecField(doc, path, Kind::Text, edit, parent);
    f->m_default = std::move(defaultValue);
    edit->setToolTip(toolTip);
    connect(edit, &QLineEdit::textChanged, f, [f](const QString& text) {
        if (!f->m_loading)
            f->write(text.isEmpty() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(text));
    });
    f->load();
    return f;
}

SpecField* SpecField::flag(SpecDocument* doc, const QStringList& path, const QString& text,
                           DefaultFn defaultValue, const QString& toolTip, QWidget* parent)
{
    auto* check = new QCheckBox(text, parent);
    auto* f = new SpecField(doc, path, Kind::Flag, check, parent);
    f->m_default = std::move(defaultValue);
    check->setToolTip(toolTip);
    connect(check, &QCheckBox::toggled, f, [f](bool on) {
        if (!f->m_loading)
            f->write(QJsonValue(on));
    });
    f->load();
    return f;
}

SpecField* SpecField::custom(SpecDocument* doc, const QStringList& path, QWidget* editor,
                             std::function<void()> load, QWidget* parent)
{
    auto* f = new SpecField(doc, path, Kind::Custom, editor, parent);
    f->m_customLoad = std::move(load);
    return f;
}

void SpecField::write(const QJsonValue& v)
{
    m_doc->setValue(path(), v, this);
    emit edited();
}

QJsonValue SpecField::effectiveValue() const
{
    const QJsonValue v = m_doc->valueOrAbsent(path());
    if (!v.isUndefined())
        return v;
    return m_default ? m_default() : QJsonValue(QJsonValue::Undefined);
}

void SpecField::load()
{
    m_loading = true;
    const QJsonValue present = m_doc->valueOrAbsent(path());
    const QJsonValue shown = effectiveValue();
    switch (m_kind) {
    case Kind::Choice: {
        auto* combo = static_cast<QComboBox*>(m_editor);
        while (combo->count() > m_choices.size())
            combo->removeItem(combo->count() - 1);
        int index = -1;
        for (qsizetype i = 0; i < m_choices.size() && index < 0; ++i)
            if (present.isUndefined() && m_choices[i].value.isUndefined())
                index = static_cast<int>(i);
        for (qsizetype i = 0; i < m_choices.size() && index < 0; ++i)
            if (!m_choices[i].value.isUndefined() && !shown.isUndefined() &&
                CanonicalJson::equal(m_choices[i].value, shown))
                index = static_cast<int>(i);
        if (index < 0 && !shown.isUndefined()) {
            combo->addItem(tr("%1 (not valid)").arg(JsonText::display(shown)));
            index = combo->count() - 1;
        }
        combo->setCurrentIndex(index);
        break;
    }
    case Kind::Integer: {
        auto* spin = static_cast<QSpinBox*>(m_editor);
        if (present.isUndefined() && !m_absentText.isEmpty()) {
            spin->setValue(spin->minimum());
        } else if (shown.isDouble() && std::isfinite(shown.toDouble())) {
            const double d = shown.toDouble();
            spin->setValue(static_cast<int>(std::clamp<double>(d, spin->minimum(), spin->maximum())));
        }
        break;
    }
    case Kind::Number:
    case Kind::Text: {
        auto* edit = static_cast<QLineEdit*>(m_editor);
        const QString text = present.isUndefined() ? QString() : JsonText::display(present);
        if (edit->text() != text)
            edit->setText(text);
        const QJsonValue def = m_default ? m_default() : QJsonValue(QJsonValue::Undefined);
        edit->setPlaceholderText(def.isUndefined() ? QString() : JsonText::display(def));
        break;
    }
    case Kind::Flag:
        static_cast<QCheckBox*>(m_editor)->setChecked(shown.toBool());
        break;
    case Kind::Custom:
        if (m_customLoad)
            m_customLoad();
        break;
    }
    m_loading = false;
}

QJsonValue SpecField::shownValue() const
{
    switch (m_kind) {
    case Kind::Choice: {
        const int i = static_cast<QComboBox*>(m_editor)->currentIndex();
        if (i >= 0 && i < m_choices.size())
            return m_choices[i].value;
        return m_doc->value(path()); // the invalid entry: keep it
    }
    case Kind::Integer: {
        auto* spin = static_cast<QSpinBox*>(m_editor);
        if (!m_absentText.isEmpty() && spin->value() == spin->minimum())
            return QJsonValue(QJsonValue::Undefined);
        return QJsonValue(spin->value());
    }
    case Kind::Number: {
        auto* edit = static_cast<QLineEdit*>(m_editor);
        return JsonText::numberFromText(edit->text().isEmpty() ? edit->placeholderText()
                                                               : edit->text());
    }
    case Kind::Text: {
        auto* edit = static_cast<QLineEdit*>(m_editor);
        const QString t = edit->text().isEmpty() ? edit->placeholderText() : edit->text();
        return t.isEmpty() ? QJsonValue(QJsonValue::Undefined) : QJsonValue(t);
    }
    case Kind::Flag:
        return QJsonValue(static_cast<QCheckBox*>(m_editor)->isChecked());
    case Kind::Custom:
        break;
    }
    return m_doc->value(path());
}

void SpecField::commit()
{
    if (m_kind == Kind::Custom)
        return;
    m_doc->setValue(path(), shownValue(), this);
}

void SpecField::showError(const QStringList& rest, const QString& message)
{
    m_error = message;
    ErrorStyle::show(m_errorLabel, message);
    if (m_errorHandler)
        m_errorHandler(rest, message);
}

void SpecField::clearError()
{
    const bool had = !m_error.isEmpty();
    m_error.clear();
    ErrorStyle::show(m_errorLabel, QString());
    if (had && m_errorHandler)
        m_errorHandler({}, QString());
}

} // namespace tw::widgets
