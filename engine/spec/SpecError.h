#pragma once
#include "spec/JsonPath.h"

#include <QString>

#include <stdexcept>

namespace tw {

// A problem in a study spec at a JSON path. The parsers throw it internally and hand it
// out as a value (ParseResult); message() is the text after "PATH: ".
class SpecError : public std::runtime_error {
public:
    enum class Kind { Generic, UnknownKey, MissingKey, WrongType, BadValue };

    SpecError(JsonPath path, QString message, Kind kind = Kind::Generic)
        : std::runtime_error((path.toString() + QStringLiteral(": ") + message).toStdString())
        , m_path(std::move(path))
        , m_message(std::move(message))
        , m_kind(kind) {}

    const JsonPath& path() const { return m_path; }
    const QString& message() const { return m_message; }
    Kind kind() const { return m_kind; }
    // "PATH: message"
    QString text() const { return m_path.toString() + QStringLiteral(": ") + m_message; }

private:
    JsonPath m_path;
    QString m_message;
    Kind m_kind;
};

} // namespace tw
