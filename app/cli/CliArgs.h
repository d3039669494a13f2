#pragma once
#include <QMap>
#include <QSet>
#include <QString>
#include <QStringList>

#include <optional>

namespace tw::cli {

// The arguments of one command: `--key value`, `--key=value`, `--flag` and positionals,
// checked against the options the command declares. Errors say which argument and what
// was expected, for an exit with code 2.
class CliArgs {
public:
    // valued: options that take a value; flags: options that don't.
    CliArgs(const QStringList& args, const QStringList& valued, const QStringList& flags = {});

    bool ok() const { return m_error.isEmpty(); }
    const QString& error() const { return m_error; }
    bool has(const QString& key) const { return m_values.contains(key) || m_flags.contains(key); }
    QString value(const QString& key, const QString& fallback = {}) const { return m_values.value(key, fallback); }
    // The value as an integer >= minimum; sets error() and returns nullopt when it is not.
    std::optional<int> intValue(const QString& key, int minimum = 0);
    const QStringList& positionals() const { return m_positionals; }
    bool wantsHelp() const { return m_help; }

private:
    QMap<QString, QString> m_values;
    QSet<QString> m_flags;
    QStringList m_positionals;
    QString m_error;
    bool m_help = false;
};

} // namespace tw::cli
