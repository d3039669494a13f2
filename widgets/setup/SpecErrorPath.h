#pragma once
#include <QString>
#include <QStringList>

#include <optional>

namespace tw::widgets {

// Splits a spec parser message ("search_space[\"training.learning_rate\"].low: expected a
// number, got \"abc\"") into the JSON path's components (search_space,
// training.learning_rate, low) and the message after the path, so the form can show it
// beside the field the path names. Array indices become "[N]" components. The grammar is
// JsonPath's: identifiers joined by dots, ["json string"] keys, [N] indices, "(root)".
class SpecErrorPath {
public:
    struct Parsed {
        QStringList path; // empty for (root)
        QString message;  // the text after "PATH: "
    };
    // nullopt when the text does not start with a path followed by ": ".
    static std::optional<Parsed> parse(const QString& text);
    // Whether `path` starts with `prefix`, component by component.
    static bool startsWith(const QStringList& path, const QStringList& prefix);
    static bool isIndex(const QString& component) { return component.startsWith(u'['); }
    static int indexOf(const QString& component); // -1 when not an index
};

} // namespace tw::widgets
