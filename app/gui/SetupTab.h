#pragma once
#include <QJsonObject>
#include <QWidget>

class QTabWidget;

namespace tw::widgets {
class SpecEditor;
}

namespace tw::gui {

class SpecTextPage;

// The Setup tab: the study spec as a form (SpecEditor) and, one click away, as the JSON
// that `tunewright-cli run` reads. Both edit one document; the same parser checks it.
class SetupTab : public QWidget {
    Q_OBJECT
public:
    explicit SetupTab(QWidget* parent = nullptr);

    void setSpec(const QJsonObject& spec);
    QJsonObject spec() const;
    bool isValid();
    QString error() const;
    void setReadOnly(bool readOnly);
    widgets::SpecEditor* form() const { return m_form; }

signals:
    void specChanged(const QJsonObject& spec);
    void validityChanged(bool valid, const QString& error);

private:
    widgets::SpecEditor* m_form;
    SpecTextPage* m_json;
    QTabWidget* m_tabs;
    bool m_syncing = false;
};

} // namespace tw::gui
