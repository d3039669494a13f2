#pragma once
#include <QJsonObject>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QTimer;

namespace tw::gui {

// The study spec as JSON text, checked by the same parser as the CLI after each pause in
// typing. The message names the JSON path and stays beside the text until it is fixed.
class SpecTextPage : public QWidget {
    Q_OBJECT
public:
    explicit SpecTextPage(QWidget* parent = nullptr);

    void setSpec(const QJsonObject& spec);
    QJsonObject spec() const { return m_spec; }
    bool isValid() const { return m_valid; }
    QString error() const { return m_error; }
    void setBaseDir(const QString& dir) { m_baseDir = dir; }
    void setReadOnly(bool readOnly);

signals:
    void specChanged(const QJsonObject& spec);
    void validityChanged(bool valid, const QString& error);

private:
    void validate();

    QPlainTextEdit* m_text;
    QLabel* m_message;
    QTimer* m_debounce;
    QJsonObject m_spec;
    QString m_baseDir;
    QString m_error;
    bool m_valid = false;
    bool m_loading = false;
};

} // namespace tw::gui
