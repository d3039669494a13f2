#pragma once
#include <QJsonValue>
#include <QList>
#include <QObject>
#include <QStringList>

#include <functional>

class QLabel;
class QWidget;

namespace tw::widgets {

class SpecDocument;

// One form field bound to one key of the spec document. Editing the widget writes the key
// at once (the parser, not the widget, decides what is valid, so a typed "abc" is written
// as the string and the parser's message names it); SpecDocument changes are shown by
// load(). A missing key shows its default: spin boxes, combos and check boxes show the
// value, line edits show it as placeholder text. The field's widget() holds the editor
// and, under it, the error label that shows a parser message aimed at the field's path.
class SpecField : public QObject {
    Q_OBJECT
public:
    using DefaultFn = std::function<QJsonValue()>;
    struct Choice {
        QJsonValue value; // Undefined: "absent", the key is removed
        QString label;    // shown in the combo; the value's text when empty
    };
    enum class Kind { Choice, Integer, Number, Text, Flag, Custom };

    // A combo of fixed values. A value in the document that is not one of them is shown as
    // an extra entry, so a typo stays visible until the user picks a valid one.
    static SpecField* choice(SpecDocument* doc, const QStringList& path,
                             const QList<Choice>& choices, DefaultFn defaultValue,
                             const QString& toolTip, QWidget* parent);
    static SpecField* choice(SpecDocument* doc, const QStringList& path,
                             const QStringList& values, DefaultFn defaultValue,
                             const QString& toolTip, QWidget* parent);
    // A spin box. With `absentText`, one step below `min` shows that text and removes the
    // key (for keys whose absence means "none" or "automatic").
    static SpecField* integer(SpecDocument* doc, const QStringList& path, int min, int max,
                              DefaultFn defaultValue, const QString& toolTip, QWidget* parent,
                              const QString& absentText = {});
    // A line edit for a JSON number: text that is not a number is written as a string.
    // Empty text removes the key.
    static SpecField* number(SpecDocument* doc, const QStringList& path, DefaultFn defaultValue,
                             const QString& toolTip, QWidget* parent);
    // A line edit for a string; empty text removes the key.
    static SpecField* text(SpecDocument* doc, const QStringList& path, DefaultFn defaultValue,
                           const QString& toolTip, QWidget* parent);
    static SpecField* flag(SpecDocument* doc, const QStringList& path, const QString& text,
                           DefaultFn defaultValue, const QString& toolTip, QWidget* parent);
    // A composite editor that writes the document itself; `load` fills it from the document.
    static SpecField* custom(SpecDocument* doc, const QStringList& path, QWidget* editor,
                             std::function<void()> load, QWidget* parent);

    static DefaultFn constant(const QJsonValue& v)
    {
        return [v] { return v; };
    }

    Kind kind() const { return m_kind; }
    QWidget* widget() const { return m_container; }
    QWidget* editor() const { return m_editor; }
    QLabel* errorLabel() const { return m_errorLabel; }
    const QStringList& path() const { return m_paths.first(); }
    // The path and its aliases: a message at any of them (or below) is shown here.
    const QList<QStringList>& paths() const { return m_paths; }
    void addAlias(const QStringList& path) { m_paths << path; }

    // Called with the path after the matched prefix, besides showing the label (a table
    // marks its row).
    void setErrorHandler(std::function<void(const QStringList& rest, const QString& message)> h)
    {
        m_errorHandler = std::move(h);
    }
    void showError(const QStringList& rest, const QString& message);
    void clearError();
    QString errorText() const { return m_error; }

    // The document's value, or the default when absent.
    QJsonValue effectiveValue() const;
    void load();
    // Writes what the editor shows, making a shown default explicit.
    void commit();

signals:
    void edited();

private:
    SpecField(SpecDocument* doc, const QStringList& path, Kind kind, QWidget* editor,
              QWidget* parent);
    void write(const QJsonValue& v);
    QJsonValue shownValue() const;

    SpecDocument* m_doc;
    QList<QStringList> m_paths;
    Kind m_kind;
    QWidget* m_editor;
    QWidget* m_container = nullptr;
    QLabel* m_errorLabel = nullptr;
    DefaultFn m_default;
    QList<Choice> m_choices;
    QString m_absentText;
    std::function<void()> m_customLoad;
    std::function<void(const QStringList&, const QString&)> m_errorHandler;
    QString m_error;
    bool m_loading = false;
};

} // namespace tw::widgets
