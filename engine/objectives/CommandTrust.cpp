#include "objectives/CommandTrust.h"

#include "spec/CanonicalJson.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QSaveFile>
#include <QStandardPaths>
#include <QSysInfo>

#include <unistd.h>

namespace tw {

namespace {

QJsonObject readStore(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    // A damaged store trusts nothing; approving again rewrites it.
    const QJsonDocument doc = QJsonDocument::fromJson(f.read(64 << 20));
    return doc.object().value(QLatin1String("approved")).toObject();
}

QString userName()
{
    const QString user = qEnvironmentVariable("USER");
    return user.isEmpty() ? QString::number(::getuid()) : user;
}

} // namespace

QString CommandTrust::storePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
           QStringLiteral("/tunewright/trust.json");
}

bool CommandTrust::needsApproval(const StudySpec& spec)
{
    return spec.objective.type == ObjectiveSpec::Type::Command;
}

QString CommandTrust::fingerprint(const StudySpec& spec, const QString& studyName)
{
    const CommandObjectiveSpec& c = spec.objective.command;
    QJsonObject env;
    for (auto it = c.env.begin(); it != c.env.end(); ++it)
        env.insert(it.key(), it.value());
    const QJsonObject key{{QStringLiteral("study"), studyName},
                          {QStringLiteral("argv"), QJsonArray::fromStringList(c.argv)},
                          {QStringLiteral("workdir"), c.workdir},
                          {QStringLiteral("env"), env},
                          {QStringLiteral("search_space"), spec.searchSpace.json}};
    return QString::fromLatin1(
        QCryptographicHash::hash(CanonicalJson::writeUtf8(key), QCryptographicHash::Sha256).toHex());
}

bool CommandTrust::isApproved(const StudySpec& spec, const QString& studyName)
{
    if (!needsApproval(spec))
        return true;
    return readStore(storePath()).contains(fingerprint(spec, studyName));
}

QString CommandTrust::approve(const StudySpec& spec, const QString& studyName)
{
    if (!needsApproval(spec))
        return {};
    const QString path = storePath();
    if (!QDir().mkpath(QFileInfo(path).absolutePath()))
        return QStringLiteral("%1: cannot create the folder").arg(QFileInfo(path).absolutePath());
    // Two processes approving at once must not lose one of the entries.
    QLockFile lock(path + QStringLiteral(".lock"));
    if (!lock.tryLock(10000))
        return QStringLiteral("%1: locked by another process").arg(path);
    QJsonObject approved = readStore(path);
    approved.insert(fingerprint(spec, studyName),
                    QJsonObject{{QStringLiteral("study"), studyName},
                                {QStringLiteral("argv"), QJsonArray::fromStringList(spec.objective.command.argv)},
                                {QStringLiteral("workdir"), spec.objective.command.workdir},
                                {QStringLiteral("user"), userName()},
                                {QStringLiteral("host"), QSysInfo::machineHostName()},
                                {QStringLiteral("approved_at"),
                                 QDateTime::currentDateTimeUtc().toString(Qt::ISODate)}});
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return QStringLiteral("%1: cannot write: %2").arg(path, f.errorString());
    const QByteArray bytes =
        QJsonDocument(QJsonObject{{QStringLiteral("version"), 1}, {QStringLiteral("approved"), approved}})
            .toJson(QJsonDocument::Indented);
    if (f.write(bytes) != bytes.size() || !f.commit())
        return QStringLiteral("%1: cannot write: %2").arg(path, f.errorString());
    return {};
}

QString CommandTrust::describe(const StudySpec& spec)
{
    const CommandObjectiveSpec& c = spec.objective.command;
    QStringList argv;
    for (const QString& a : c.argv)
        argv << CanonicalJson::write(QJsonValue(a));
    QString out = QStringLiteral("  command: [%1]\n  working folder: %2\n").arg(argv.join(QStringLiteral(", ")), c.workdir);
    if (c.env.isEmpty()) {
        out += QStringLiteral("  environment: (nothing added)\n");
    } else {
        out += QStringLiteral("  environment:\n");
        for (auto it = c.env.begin(); it != c.env.end(); ++it)
            out += QStringLiteral("    %1=%2\n").arg(it.key(), it.value());
    }
    QStringList params;
    for (const auto& p : spec.searchSpace.params)
        params << p.name;
    if (!params.isEmpty())
        out += QStringLiteral("  {placeholders} take the values of search_space: %1\n")
                   .arg(params.join(QStringLiteral(", ")));
    return out;
}

} // namespace tw
