#pragma once
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <optional>

namespace tw {

// The placeholders of a command objective's argv: `{name}` is replaced by the trial's
// value of parameter `name`; `{{` and `}}` stand for literal braces. Rendering follows
// the contract: floats in their shortest round-trip form, ints as integers, bools as
// true/false, strings as they are, lists and objects as compact JSON.
class ArgvTemplate {
public:
    // The placeholder names in `arg`, in order; nullopt and *error ("unbalanced "{" at
    // character 5; write {{ for a literal brace") when the braces do not pair up.
    static std::optional<QStringList> placeholders(const QString& arg, QString* error = nullptr);
    // `arg` with its placeholders replaced; nullopt and *error when a name has no value
    // or the braces do not pair up.
    static std::optional<QString> render(const QString& arg, const QJsonObject& params,
                                         QString* error = nullptr);
    static QString renderValue(const QJsonValue& value);
};

} // namespace tw
