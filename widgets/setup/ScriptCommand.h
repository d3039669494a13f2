#pragma once
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace tw::widgets {

// A command objective's argv seen as "run a script": an interpreter (its program and
// its options, e.g. `python3 -u`; empty when the script runs itself), the script, and
// the script's arguments. The Setup form edits argv through these three parts and shows
// a preview of the command line a trial runs.
class ScriptCommand {
public:
    QStringList interpreter;
    QString script;
    QStringList arguments;

    // argv[0] is an interpreter when it is python, python3, python3.11, pypy3, bash, sh,
    // Rscript, julia, node, perl, ruby... (by the file name, any folder); then its options
    // (words that start with '-') belong to it, and the next word is the script.
    static ScriptCommand fromArgv(const QStringList& argv);
    QStringList argv() const;
    static bool isInterpreter(const QString& program);

    // A sample of the search space's values, name -> JSON value: the middle of each
    // float or int range (the geometric middle on a log scale, on the step's grid), the
    // first choice of a categorical, a fixed parameter's value.
    static QJsonObject sampleParams(const QJsonObject& searchSpace);
    // The command line of `argv` with `params` filled in, shell-quoted; on a placeholder
    // without a value or an unpaired brace, empty and *error says which argument.
    static QString preview(const QStringList& argv, const QJsonObject& params, QString* error);
};

} // namespace tw::widgets
