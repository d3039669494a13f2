#pragma once
#include "setup/SpecField.h"

#include <QGroupBox>
#include <QJsonObject>
#include <QList>
#include <QStringList>

class QFormLayout;
class QVBoxLayout;

namespace tw::widgets {

class SpecDocument;

// One titled section of the Setup form. It creates its fields (each bound to a key of the
// document), shows or hides them as the document changes (refresh), and owns an error
// label at its top for messages about its object that no single field claims (an unknown
// key, say).
class SpecSection : public QGroupBox {
    Q_OBJECT
public:
    SpecSection(const QString& title, SpecDocument* doc, const QStringList& rootPath,
                QWidget* parent = nullptr);

    const QList<SpecField*>& fields() const { return m_fields; }
    // After each change of the document: which rows apply.
    virtual void refresh() {}
    // After the edits settle (debounced): previews that cost more than a redraw.
    virtual void refreshPreviews() {}
    // A new document: forget what was kept across type switches.
    virtual void documentReset() {}
    // The path of the objective type's own section contents, for deciding visibility.
    QString objectiveType() const;

protected:
    SpecField* add(SpecField* field);
    QFormLayout* newForm();
    // A form row with a label that shares the field's tooltip.
    void addRow(QFormLayout* form, const QString& label, SpecField* field);
    static void setRowVisible(QFormLayout* form, SpecField* field, bool visible);
    // The forms side by side in equal widths, each under its bold title (none when empty)
    // and top-aligned: the one layout of a section's settings columns.
    struct Column {
        QString title;
        QFormLayout* form;
    };
    void addColumns(const QList<Column>& columns);

    SpecField* choice(const QStringList& path, const QStringList& values,
                      SpecField::DefaultFn def, const QString& tip);
    SpecField* choice(const QStringList& path, const QList<SpecField::Choice>& choices,
                      SpecField::DefaultFn def, const QString& tip);
    SpecField* integer(const QStringList& path, int min, int max, SpecField::DefaultFn def,
                       const QString& tip, const QString& absentText = {});
    SpecField* number(const QStringList& path, SpecField::DefaultFn def, const QString& tip);
    SpecField* text(const QStringList& path, SpecField::DefaultFn def, const QString& tip);
    SpecField* flag(const QStringList& path, const QString& text, SpecField::DefaultFn def,
                    const QString& tip);

    // Keeps only `allowed` keys of the object at `path`, restoring values kept from an
    // earlier type from `stash` (a type switch: the parser rejects keys of other types).
    void switchKeys(const QStringList& path, const QStringList& allowed, QJsonObject& stash,
                    const QJsonObject& required = {});

    SpecDocument* m_doc;
    QVBoxLayout* m_layout;
    SpecField* m_sectionField = nullptr; // the section's own message label, if it has a root
    QList<SpecField*> m_fields;
};

} // namespace tw::widgets
