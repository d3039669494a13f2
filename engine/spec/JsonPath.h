#pragma once
#include <QString>

namespace tw {

// A location inside a JSON document, written the way error messages show it:
// `search_space["training.learning_rate"].low`, `objective.argv[2]`. A key that is not a
// plain identifier is quoted in brackets, so a dotted parameter name stays one key.
class JsonPath {
public:
    JsonPath() = default;
    // A path whose text is `prefix` (for instance "objective"), taken as already formatted.
    static JsonPath fromText(const QString& prefix);

    JsonPath key(const QString& name) const;
    JsonPath index(qsizetype i) const;
    bool isRoot() const { return m_text.isEmpty(); }
    // The formatted path; "(root)" for the document itself.
    QString toString() const;
    const QString& text() const { return m_text; }

    // The bracketed or dotted form of one key, as key() appends it.
    static QString formatKey(const QString& name, bool first);
    static bool isIdentifier(const QString& name);

private:
    QString m_text;
};

} // namespace tw
