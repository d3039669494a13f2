#pragma once
#include <QJsonValue>
#include <QString>

#include <optional>

namespace tw::widgets {

// How the Setup forms show JSON values as text and read text back. Numbers show in their
// shortest round-trip form (0.001, 1e-4), strings as they are, everything else as compact
// JSON.
class JsonText {
public:
    static QString display(const QJsonValue& value);
    // A number when the text is one (finite), nothing (Undefined) when it is blank, else the
    // text as a string, so the parser's message shows what was typed.
    static QJsonValue numberFromText(const QString& text);
    // JSON text of any value; nullopt when it is not JSON.
    static std::optional<QJsonValue> parse(const QString& text);
    // JSON text for a list, forgiving the outer brackets: "16, 32" reads as [16, 32] and
    // "[8], [16, 8]" as [[8], [16, 8]]. Anything else comes back as nullopt.
    static std::optional<QJsonValue> parseList(const QString& text);
};

} // namespace tw::widgets
