#pragma once
// The PostgreSQL server the tests use: TW_PG_URL, e.g.
// postgresql://tunewright:tunewright@127.0.0.1:5432/tunewright_test (installer/start-postgres.sh
// starts one and prints it). Tests QSKIP with a visible message when it is unset or down.
#include "storage/PgConnectionParams.h"

#include <QUrl>
#include <QUrlQuery>

#include <optional>

namespace tw::test {

// Just enough URL parsing for the tests; the real parser is StorageUrl's.
inline std::optional<PgConnectionParams> pgParamsFromEnv(QString* why)
{
    const QByteArray raw = qgetenv("TW_PG_URL");
    if (raw.isEmpty()) {
        *why = QStringLiteral("TW_PG_URL is not set: PostgreSQL tests skipped (run "
                              "installer/start-postgres.sh and export the URL it prints)");
        return std::nullopt;
    }
    const QUrl url(QString::fromUtf8(raw));
    if (!url.isValid() || (url.scheme() != QLatin1String("postgresql") &&
                           url.scheme() != QLatin1String("postgres"))) {
        *why = QStringLiteral("TW_PG_URL is not a postgresql:// URL");
        return std::nullopt;
    }
    PgConnectionParams p;
    p.host = url.host().isEmpty() ? std::string("localhost") : url.host().toStdString();
    p.port = url.port(5432);
    p.user = url.userName(QUrl::FullyDecoded).toStdString();
    p.password = url.password(QUrl::FullyDecoded).toStdString();
    p.database = url.path().mid(1).toStdString();
    for (const auto& [k, v] : QUrlQuery(url).queryItems(QUrl::FullyDecoded))
        p.options[k.toStdString()] = v.toStdString();
    return p;
}

} // namespace tw::test
