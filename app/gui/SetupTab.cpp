#include "SetupTab.h"

#include "SpecTextPage.h"
#include "setup/SpecEditor.h"

#include <QTabWidget>
#include <QVBoxLayout>

namespace tw::gui {

SetupTab::SetupTab(QWidget* parent)
    : QWidget(parent)
{
    m_form = new widgets::SpecEditor(this);
    m_json = new SpecTextPage(this);
    m_tabs = new QTabWidget(this);
    m_tabs->setTabPosition(QTabWidget::South);
    m_tabs->addTab(m_form, tr("Form"));
    m_tabs->addTab(m_json, tr("JSON"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_tabs);

    connect(m_form, &widgets::SpecEditor::specChanged, this, [this](const QJsonObject& spec) {
        if (m_syncing)
            return;
        m_syncing = true;
        m_json->setSpec(spec);
        m_syncing = false;
        emit specChanged(spec);
    });
    connect(m_json, &SpecTextPage::specChanged, this, [this](const QJsonObject& spec) {
        if (m_syncing)
            return;
        m_syncing = true;
        m_form->setSpec(spec);
        m_syncing = false;
        emit specChanged(spec);
    });
    connect(m_form, &widgets::SpecEditor::validityChanged, this, &SetupTab::validityChanged);
}

void SetupTab::setSpec(const QJsonObject& spec)
{
    m_syncing = true;
    m_form->setSpec(spec);
    m_json->setSpec(spec);
    m_syncing = false;
    emit validityChanged(isValid(), error());
    emit specChanged(spec);
}

QJsonObject SetupTab::spec() const
{
    return m_form->spec();
}

bool SetupTab::isValid()
{
    return m_form->isValid();
}

QString SetupTab::error() const
{
    return m_form->firstError();
}

void SetupTab::setReadOnly(bool readOnly)
{
    m_form->setEnabled(!readOnly);
    m_json->setReadOnly(readOnly);
}

} // namespace tw::gui
