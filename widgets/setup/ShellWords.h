#pragma once
#include <QString>
#include <QStringList>

namespace tw::widgets {

// A command line as one line of text, split and joined the way a POSIX shell quotes words
// (no expansion): 'single quotes' are literal, "double quotes" honour \" and \\, and a
// backslash outside quotes escapes the next character. The form shows a command
// objective's argv this way; the objective itself runs without a shell.
class ShellWords {
public:
    // An unterminated quote runs to the end of the text (*complete is then false), so a
    // line being typed always has a meaning.
    static QStringList split(const QString& line, bool* complete = nullptr);
    static QString join(const QStringList& words);
    static QString quote(const QString& word);
};

} // namespace tw::widgets
