#include "CliArgs.h"

namespace tw::cli {

CliArgs::CliArgs(const QStringList& args, const QStringList& valued, const QStringList& flags)
{
    for (int i = 0; i < args.size(); ++i) {
        const QString& arg = args[i];
        if (arg == "--help" || arg == "-h") {
            m_help = true;
            continue;
        }
        if (!arg.startsWith("--") || arg == "--") {
            m_positionals << arg;
            continue;
        }
        QString key = arg.mid(2);
        QString value;
        bool inlineValue = false;
        if (const qsizetype eq = key.indexOf('='); eq >= 0) {
            value = key.mid(eq + 1);
            key = key.left(eq);
            inlineValue = true;
        }
        if (flags.contains(key)) {
            if (inlineValue) {
                m_error = QString("--%1 takes no value").arg(key);
                return;
            }
            m_flags.insert(key);
            continue;
        }
        if (!valued.contains(key)) {
            QStringList known;
            for (const auto& k : valued + flags)
                known << "--" + k;
            m_error = QString("unknown option --%1; expected one of %2").arg(key, known.join(", "));
            return;
        }
        if (!inlineValue) {
            if (i + 1 >= args.size()) {
                m_error = QString("--%1 needs a value").arg(key);
                return;
            }
            value = args[++i];
        }
        m_values.insert(key, value);
    }
}

std::optional<int> CliArgs::intValue(const QString& key, int minimum)
{
    if (!m_values.contains(key))
        return std::nullopt;
    bool ok = false;
    const int v = m_values.value(key).toInt(&ok);
    if (!ok || v < minimum) {
        m_error = QString("--%1: expected an integer >= %2, got \"%3\"").arg(key).arg(minimum).arg(m_values.value(key));
        return std::nullopt;
    }
    return v;
}

} // namespace tw::cli
