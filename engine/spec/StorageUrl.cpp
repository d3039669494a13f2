#include "spec/StorageUrl.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QUrl>

namespace tw {

namespace {

const QString kForms =
    QStringLiteral("expected sqlite:///PATH, a file path, or postgresql://USER@HOST/DB");

QString decode(const QString& s) {
    return QUrl::fromPercentEncoding(s.toUtf8());
}

QString encode(const QString& s, const QByteArray& keep = {}) {
    return QString::fromUtf8(QUrl::toPercentEncoding(s, keep));
}

QString absoluteFrom(const QString& baseDir, QString path) {
    if (path == QLatin1String("~") || path.startsWith(QLatin1String("~/")))
        path = QDir::homePath() + path.mid(1);
    if (QFileInfo(path).isAbsolute())
        return QDir::cleanPath(path);
    return QDir::cleanPath(
        QDir(baseDir.isEmpty() ? QDir::currentPath() : baseDir).absoluteFilePath(path));
}

bool parseQuery(const QString& query, QMap<QString, QString>* out, QString* error) {
    if (query.isEmpty())
        return true;
    for (const QString& part : query.split(u'&', Qt::SkipEmptyParts)) {
        const qsizetype eq = part.indexOf(u'=');
        const QString key = decode(eq < 0 ? part : part.left(eq));
        if (key.isEmpty() || eq < 0) {
            *error = QStringLiteral("option '%1' is not KEY=VALUE").arg(decode(part));
            return false;
        }
        out->insert(key, decode(part.mid(eq + 1)));
    }
    return true;
}

// What stops `path` from surviving toString() and parse() (which trims the text), or empty.
QString filePathProblem(const QString& path) {
    for (const QChar c : path) {
        if (c.unicode() < 0x20 || c.unicode() == 0x7f)
            return QStringLiteral("the file path holds the control character U+%1")
                .arg(QString::number(c.unicode(), 16).toUpper().rightJustified(4, u'0'));
    }
    if (!path.isEmpty() && path.back().isSpace())
        return QStringLiteral("the file path ends with white space");
    return {};
}

} // namespace

QString StorageUrl::redacted(const QString& text) {
    QString out = text;
    static const QRegularExpression userinfo(QStringLiteral("(://[^/@:?#]*):[^@/?#]*@"));
    out.replace(userinfo, QStringLiteral("\\1:***@"));
    static const QRegularExpression option(QStringLiteral("([?&]password=)[^&]*"));
    out.replace(option, QStringLiteral("\\1***"));
    return out;
}

StorageUrl StorageUrl::sqlite(const QString& filePath) {
    StorageUrl u;
    u.m_kind = Kind::SQLite;
    u.m_filePath = absoluteFrom(QString(), filePath);
    return u;
}

QString StorageUrl::defaultExperimentPath() {
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
           QStringLiteral("/tunewright/default.twx");
}

ParseResult<StorageUrl> StorageUrl::parse(const QString& input, const QString& baseDir) {
    const QString text = input.trimmed();
    auto fail = [&](const QString& why) {
        return ParseResult<StorageUrl>::failure(
            QStringLiteral("storage URL '%1': %2").arg(redacted(text), why));
    };
    if (text.isEmpty())
        return fail(QStringLiteral("empty; ") + kForms);

    static const QRegularExpression schemeRe(QStringLiteral("^([A-Za-z][A-Za-z0-9+.\\-]*):(//)?"));
    const auto m = schemeRe.match(text);
    const QString scheme = m.hasMatch() ? m.captured(1).toLower() : QString();
    const bool known = scheme == QLatin1String("sqlite") || scheme == QLatin1String("postgresql") ||
                       scheme == QLatin1String("postgres") ||
                       scheme.startsWith(QLatin1String("postgresql+"));
    const bool slashes = m.hasMatch() && !m.captured(2).isEmpty();

    if (!m.hasMatch() || (!slashes && !known)) {
        // A plain path (which may hold a colon, like "run:1.twx").
        StorageUrl u;
        u.m_kind = Kind::SQLite;
        u.m_filePath = absoluteFrom(baseDir, text);
        if (const QString problem = filePathProblem(u.m_filePath); !problem.isEmpty())
            return fail(problem);
        return u;
    }
    if (!known)
        return fail(QStringLiteral("unsupported scheme '%1'; ").arg(m.captured(1)) + kForms);
    if (!slashes)
        return fail(
            scheme == QLatin1String("sqlite")
                ? QStringLiteral(
                      "expected sqlite:///relative/path.twx or sqlite:////absolute/path.twx")
                : QStringLiteral("expected postgresql://USER@HOST/DB"));

    QString rest = text.mid(m.capturedLength());
    QString query;
    if (const qsizetype q = rest.indexOf(u'?'); q >= 0) {
        query = rest.mid(q + 1);
        rest = rest.left(q);
    }
    StorageUrl u;
    QString why;
    if (!parseQuery(query, &u.m_options, &why))
        return fail(why);

    if (scheme == QLatin1String("sqlite")) {
        if (!rest.startsWith(u'/'))
            return fail(
                QStringLiteral("a sqlite URL has no host; write sqlite:///relative/path.twx or "
                               "sqlite:////absolute/path.twx"));
        const QString path = rest.mid(1);
        if (path.isEmpty())
            return fail(
                QStringLiteral("the file path is missing; write sqlite:///relative/path.twx or "
                               "sqlite:////absolute/path.twx"));
        u.m_kind = Kind::SQLite;
        u.m_filePath = absoluteFrom(baseDir, path);
        if (const QString problem = filePathProblem(u.m_filePath); !problem.isEmpty())
            return fail(problem);
        return u;
    }

    u.m_kind = Kind::PostgreSQL;
    const qsizetype slash = rest.indexOf(u'/');
    const QString authority = slash < 0 ? rest : rest.left(slash);
    const QString path = slash < 0 ? QString() : rest.mid(slash + 1);
    QString hostPort = authority;
    if (const qsizetype at = authority.lastIndexOf(u'@'); at >= 0) {
        const QString userinfo = authority.left(at);
        hostPort = authority.mid(at + 1);
        const qsizetype colon = userinfo.indexOf(u':');
        u.m_user = decode(colon < 0 ? userinfo : userinfo.left(colon));
        if (colon >= 0)
            u.m_password = decode(userinfo.mid(colon + 1));
    }
    QString portText;
    if (hostPort.startsWith(u'[')) {
        const qsizetype close = hostPort.indexOf(u']');
        if (close < 0)
            return fail(QStringLiteral("unterminated IPv6 address '[' in the host"));
        u.m_host = decode(hostPort.mid(1, close - 1)); // a zone id is written %25eth0
        const QString after = hostPort.mid(close + 1);
        if (!after.isEmpty() && !after.startsWith(u':'))
            return fail(QStringLiteral("unexpected '%1' after the host").arg(after));
        portText = after.mid(1);
        if (after.startsWith(u':') && portText.isEmpty())
            return fail(QStringLiteral("the port after ':' is missing"));
    } else {
        const qsizetype colon = hostPort.lastIndexOf(u':');
        u.m_host = decode(colon < 0 ? hostPort : hostPort.left(colon));
        if (colon >= 0) {
            portText = hostPort.mid(colon + 1);
            if (portText.isEmpty())
                return fail(QStringLiteral("the port after ':' is missing"));
        }
    }
    if (!portText.isEmpty()) {
        bool ok = false;
        const int port = portText.toInt(&ok);
        static const QRegularExpression digits(QStringLiteral("^[0-9]+$"));
        if (!ok || !digits.match(portText).hasMatch() || port < 1 || port > 65535)
            return fail(QStringLiteral("port '%1' is not a number in 1..65535").arg(portText));
        u.m_port = port;
    }
    if (path.isEmpty())
        return fail(
            QStringLiteral("the database name is missing; expected postgresql://USER@HOST/DB"));
    if (path.contains(u'/'))
        return fail(QStringLiteral("expected one database name after the host, got '%1'")
                        .arg(decode(path)));
    u.m_database = decode(path);
    if (u.m_options.contains(QStringLiteral("password"))) {
        u.m_password = u.m_options.take(QStringLiteral("password"));
    }
    return u;
}

QString StorageUrl::toString() const {
    QString query;
    for (auto it = m_options.begin(); it != m_options.end(); ++it)
        query += (query.isEmpty() ? u'?' : u'&') + encode(it.key()) + u'=' + encode(it.value());
    if (m_kind == Kind::SQLite) {
        // A '?' in the file name would start the URL's query; the plain path has none, and
        // a SQLite URL with such a name cannot have come with options.
        if (m_filePath.contains(u'?'))
            return m_filePath;
        return QStringLiteral("sqlite:///") + m_filePath + query;
    }
    // Encoded inside the brackets too, so a ']' or '/' in the host cannot end them early.
    QString host = m_host.contains(u':') ? u'[' + encode(m_host, ":") + u']' : encode(m_host);
    QString out = QStringLiteral("postgresql://");
    if (!m_user.isEmpty())
        out += encode(m_user) + u'@';
    out += host + u':' + QString::number(m_port) + u'/' + encode(m_database) + query;
    return out;
}

QString StorageUrl::displayString() const {
    if (m_kind == Kind::SQLite)
        return m_filePath;
    QString out = QStringLiteral("postgresql://");
    if (!m_user.isEmpty())
        out += m_user + u'@';
    out += (m_host.contains(u':') ? u'[' + m_host + u']' : m_host) + u':' +
           QString::number(m_port) + u'/' + m_database;
    return out;
}

PgConnectionParams StorageUrl::postgresParams() const
{
    PgConnectionParams params;
    params.host = m_host.toStdString(); // empty: libpq's default, the local socket
    params.port = m_port;
    params.user = m_user.toStdString();
    params.password = m_password.toStdString();
    params.database = m_database.toStdString();
    for (auto it = m_options.cbegin(); it != m_options.cend(); ++it)
        params.options[it.key().toStdString()] = it.value().toStdString();
    return params;
}

} // namespace tw
