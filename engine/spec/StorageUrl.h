#pragma once
#include "spec/ParseResult.h"
#include "storage/PgConnectionParams.h"

#include <QMap>
#include <QString>

namespace tw {

// Where a study lives, in SQLAlchemy's and Optuna's URL forms:
//   sqlite:///relative/path.twx     relative to the current folder (or the given base)
//   sqlite:////absolute/path.twx
//   path/to/file.twx                a plain path, also ~/...
//   postgresql://user[:password]@host[:port]/db?sslmode=...   (postgres:// and
//                                   postgresql+DRIVER:// are aliases)
// User, password, host, database and options are percent-decoded. The password is kept
// for connecting only: toString() and displayString() never include it, and neither do
// error messages. A `password` option is moved into the password.
class StorageUrl {
public:
    enum class Kind { SQLite, PostgreSQL };

    static ParseResult<StorageUrl> parse(const QString& text, const QString& baseDir = {});
    static StorageUrl sqlite(const QString& filePath); // made absolute against the current folder

    // QStandardPaths::GenericDataLocation + "/tunewright/default.twx", e.g.
    // ~/.local/share/tunewright/default.twx. The GUI and the CLI share it.
    static QString defaultExperimentPath();
    static StorageUrl defaultUrl() { return sqlite(defaultExperimentPath()); }
    static QString fileExtension() { return QStringLiteral("twx"); }
    static QString mimeType() { return QStringLiteral("application/x-tunewright-experiment"); }

    Kind kind() const { return m_kind; }
    bool isSQLite() const { return m_kind == Kind::SQLite; }
    bool isPostgreSQL() const { return m_kind == Kind::PostgreSQL; }
    QString filePath() const { return m_filePath; } // SQLite: absolute, cleaned
    QString host() const { return m_host; }         // empty: libpq's default (local socket)
    int port() const { return m_port; }             // default 5432
    QString user() const { return m_user; }         // empty: libpq's default
    QString password() const { return m_password; } // empty: PGPASSWORD, ~/.pgpass
    bool hasPassword() const { return !m_password.isEmpty(); }
    QString database() const { return m_database; }
    QMap<QString, QString> options() const { return m_options; } // sslmode=..., connect_timeout=...
    // PostgreSQL: what PostgresStorage connects with, password and options included.
    PgConnectionParams postgresParams() const;

    // A URL that parses back to the same place, without the password:
    // sqlite:////abs/path.twx, postgresql://user@host:5432/db?sslmode=require.
    QString toString() const;
    // For people: the file path, or the PostgreSQL URL without password or options.
    QString displayString() const;

    bool operator==(const StorageUrl& other) const = default;

    // `text` with any password replaced by ***, for messages.
    static QString redacted(const QString& text);

private:
    Kind m_kind = Kind::SQLite;
    QString m_filePath;
    QString m_host;
    int m_port = 5432;
    QString m_user;
    QString m_password;
    QString m_database;
    QMap<QString, QString> m_options;
};

} // namespace tw
