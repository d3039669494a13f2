#include "SpecTextPage.h"

#include "spec/StudySpecParser.h"

#include <QFontDatabase>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTimer>
#include <QVBoxLayout>

namespace tw::gui {

SpecTextPage::SpecTextPage(QWidget* parent)
    : QWidget(parent)
{
    m_text = new QPlainTextEdit(this);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setToolTip(tr("The study spec, the same JSON that `tunewright-cli run` reads."));
    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_debounce = new QTimer(this);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(250);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addWidget(m_text, 1);
    connect(m_text, &QPlainTextEdit::textChanged, this, [this] {
        if (!m_loading)
            m_debounce->start();
    });
    connect(m_debounce, &QTimer::timeout, this, &SpecTextPage::validate);
}

void SpecTextPage::setReadOnly(bool readOnly)
{
    m_text->setReadOnly(readOnly);
}

void SpecTextPage::setSpec(const QJsonObject& spec)
{
    m_loading = true;
    m_text->setPlainText(QString::fromUtf8(QJsonDocument(spec).toJson(QJsonDocument::Indented)));
    m_loading = false;
    validate();
}

void SpecTextPage::validate()
{
    const QByteArray bytes = m_text->toPlainText().toUtf8();
    auto parsed = StudySpecParser::parseBytes(bytes, tr("the spec"), m_baseDir);
    const bool wasValid = m_valid;
    const QString oldError = m_error;
    m_valid = parsed.ok();
    m_error = m_valid ? QString() : parsed.error();
    if (m_valid) {
        m_spec = QJsonDocument::fromJson(bytes).object();
        m_message->setText(tr("✔ The spec is valid."));
        m_message->setStyleSheet(QString());
        emit specChanged(m_spec);
    } else {
        m_message->setText(m_error);
        m_message->setStyleSheet("color: palette(highlighted-text); background: #b3261e; padding: 4px;");
    }
    if (wasValid != m_valid || oldError != m_error)
        emit validityChanged(m_valid, m_error);
}

} // namespace tw::gui
