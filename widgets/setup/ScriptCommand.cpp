#include "setup/ScriptCommand.h"

#include "setup/ShellWords.h"
#include "spec/ArgvTemplate.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>

#include <cmath>

namespace tw::widgets {

bool ScriptCommand::isInterpreter(const QString& program)
{
    static const QRegularExpression known(QStringLiteral(
        "^(python[0-9.]*|pypy[0-9.]*|bash|sh|dash|zsh|ksh|Rscript|julia|node|nodejs|perl|ruby|octave|lua[0-9.]*)$"));
    return known.match(QFileInfo(program).fileName()).hasMatch();
}

ScriptCommand ScriptCommand::fromArgv(const QStringList& argv)
{
    ScriptCommand c;
    if (argv.isEmpty())
        return c;
    qsizetype i = 0;
    if (isInterpreter(argv[0])) {
        c.interpreter << argv[i++];
        while (i < argv.size() && argv[i].startsWith(u'-') && argv[i] != QLatin1String("-"))
            c.interpreter << argv[i++];
    }
    if (i < argv.size())
        c.script = argv[i++];
    c.arguments = argv.mid(i);
    return c;
}

QStringList ScriptCommand::argv() const
{
    QStringList out = interpreter;
    if (!script.isEmpty())
        out << script;
    return out + arguments;
}

QJsonObject ScriptCommand::sampleParams(const QJsonObject& searchSpace)
{
    QJsonObject out;
    for (auto it = searchSpace.begin(); it != searchSpace.end(); ++it) {
        const QJsonObject p = it.value().toObject();
        const QString type = p.value(QLatin1String("type")).toString();
        const double low = p.value(QLatin1String("low")).toDouble();
        const double high = p.value(QLatin1String("high")).toDouble();
        const bool log = p.value(QLatin1String("log")).toBool() && low > 0 && high > 0;
        double mid = log ? std::sqrt(low * high) : (low + high) / 2;
        const double step = p.value(QLatin1String("step")).toDouble(type == QLatin1String("int") ? 1.0 : 0.0);
        if (step > 0 && !log)
            mid = std::min(high, low + step * std::round((mid - low) / step));
        if (type == QLatin1String("float")) {
            // Four significant digits: a sample, not a trial's value.
            out.insert(it.key(), std::isfinite(mid) ? QString::number(mid, 'g', 4).toDouble() : low);
        } else if (type == QLatin1String("int")) {
            out.insert(it.key(), static_cast<qint64>(std::llround(std::clamp(mid, low, high))));
        } else if (type == QLatin1String("categorical")) {
            const QJsonArray choices = p.value(QLatin1String("choices")).toArray();
            if (!choices.isEmpty())
                out.insert(it.key(), choices.first());
        } else if (type == QLatin1String("fixed")) {
            out.insert(it.key(), p.value(QLatin1String("value")));
        }
    }
    return out;
}

QString ScriptCommand::preview(const QStringList& argv, const QJsonObject& params, QString* error)
{
    QStringList words;
    for (qsizetype a = 0; a < argv.size(); ++a) {
        QString why;
        const auto rendered = ArgvTemplate::render(argv[a], params, &why);
        if (!rendered) {
            if (error)
                *error = QStringLiteral("argument %1 (%2): %3").arg(a + 1).arg(argv[a], why);
            return {};
        }
        words << *rendered;
    }
    return ShellWords::join(words);
}

} // namespace tw::widgets
