#include "setup/ShellWords.h"

namespace tw::widgets {

QStringList ShellWords::split(const QString& line, bool* complete)
{
    QStringList words;
    QString word;
    bool inWord = false;
    enum { None, Single, Double } quote = None;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line[i];
        if (quote == Single) {
            if (c == u'\'')
                quote = None;
            else
                word += c;
            continue;
        }
        if (quote == Double) {
            if (c == u'"') {
                quote = None;
            } else if (c == u'\\' && i + 1 < line.size() &&
                       (line[i + 1] == u'"' || line[i + 1] == u'\\')) {
                word += line[++i];
            } else {
                word += c;
            }
            continue;
        }
        if (c.isSpace()) {
            if (inWord)
                words << word;
            word.clear();
            inWord = false;
            continue;
        }
        inWord = true;
        if (c == u'\'')
            quote = Single;
        else if (c == u'"')
            quote = Double;
        else if (c == u'\\' && i + 1 < line.size())
            word += line[++i];
        else
            word += c;
    }
    if (inWord)
        words << word;
    if (complete)
        *complete = quote == None;
    return words;
}

QString ShellWords::quote(const QString& word)
{
    if (word.isEmpty())
        return QStringLiteral("''");
    bool plain = true;
    for (QChar c : word)
        if (c.isSpace() || c == u'\'' || c == u'"' || c == u'\\')
            plain = false;
    if (plain)
        return word;
    QString out = QStringLiteral("'");
    for (QChar c : word) {
        if (c == u'\'')
            out += QStringLiteral("'\\''");
        else
            out += c;
    }
    return out + u'\'';
}

QString ShellWords::join(const QStringList& words)
{
    QStringList quoted;
    for (const QString& w : words)
        quoted << quote(w);
    return quoted.join(u' ');
}

} // namespace tw::widgets
