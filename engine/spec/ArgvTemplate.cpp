#include "spec/ArgvTemplate.h"

#include "spec/CanonicalJson.h"

#include <QVariant>

namespace tw {

namespace {

// Walks `arg` once: literal text goes to `text`, each placeholder to `onName`, which
// returns its replacement. Returns false with *error on unbalanced braces or when
// onName fails.
template <class F> bool scan(const QString& arg, QString* text, QString* error, F onName) {
    qsizetype i = 0;
    while (i < arg.size()) {
        const QChar c = arg[i];
        if (c == u'{' && i + 1 < arg.size() && arg[i + 1] == u'{') {
            if (text)
                *text += u'{';
            i += 2;
        } else if (c == u'}' && i + 1 < arg.size() && arg[i + 1] == u'}') {
            if (text)
                *text += u'}';
            i += 2;
        } else if (c == u'{') {
            const qsizetype close = arg.indexOf(u'}', i + 1);
            const qsizetype reopen = arg.indexOf(u'{', i + 1);
            if (close < 0 || (reopen >= 0 && reopen < close) || close == i + 1) {
                if (error)
                    *error =
                        close == i + 1
                            ? QStringLiteral("empty placeholder {} at character %1; write {{}} for "
                                             "literal braces")
                                  .arg(i + 1)
                            : QStringLiteral(
                                  "unbalanced \"{\" at character %1; write {{ for a literal brace")
                                  .arg(i + 1);
                return false;
            }
            QString replacement;
            if (!onName(arg.mid(i + 1, close - i - 1), &replacement))
                return false;
            if (text)
                *text += replacement;
            i = close + 1;
        } else if (c == u'}') {
            if (error)
                *error =
                    QStringLiteral("unbalanced \"}\" at character %1; write }} for a literal brace")
                        .arg(i + 1);
            return false;
        } else {
            if (text)
                *text += c;
            ++i;
        }
    }
    return true;
}

} // namespace

std::optional<QStringList> ArgvTemplate::placeholders(const QString& arg, QString* error) {
    QStringList names;
    const bool ok = scan(arg, nullptr, error, [&](const QString& name, QString*) {
        names << name;
        return true;
    });
    if (!ok)
        return std::nullopt;
    return names;
}

std::optional<QString> ArgvTemplate::render(const QString& arg, const QJsonObject& params,
                                            QString* error) {
    QString out;
    const bool ok = scan(arg, &out, error, [&](const QString& name, QString* replacement) {
        if (!params.contains(name)) {
            if (error)
                *error = QStringLiteral("placeholder {%1} has no value in this trial").arg(name);
            return false;
        }
        *replacement = renderValue(params.value(name));
        return true;
    });
    if (!ok)
        return std::nullopt;
    return out;
}

QString ArgvTemplate::renderValue(const QJsonValue& value) {
    switch (value.type()) {
    case QJsonValue::String:
        return value.toString();
    case QJsonValue::Bool:
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    default:
        return CanonicalJson::write(value);
    }
}

} // namespace tw
