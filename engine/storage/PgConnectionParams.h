#pragma once
#include <map>
#include <string>

namespace tw {

// Where a PostgreSQL study database lives: what a `postgresql://` storage URL parses into.
// The password is used to connect and never written anywhere: PostgresStorage keeps no copy
// of it, and describe() leaves it out, so it cannot reach a log or an error message. An
// empty password lets libpq look in its usual places (PGPASSWORD, ~/.pgpass).
struct PgConnectionParams {
    std::string host = "localhost"; // empty: libpq's default, the server's local socket
    int port = 5432;
    std::string user;
    std::string password;
    std::string database;
    // Further libpq connection keywords, e.g. from the URL's query: sslmode, connect_timeout,
    // application_name, options ("-c search_path=..."). Values are quoted when passed on.
    std::map<std::string, std::string> options;

    // "user@host:port/database", without the password: safe to show and to log. An empty
    // host shows as "(local socket)".
    std::string describe() const
    {
        std::string out;
        if (!user.empty())
            out += user + "@";
        out += (host.empty() ? std::string("(local socket)") : host) + ":" + std::to_string(port) + "/" + database;
        return out;
    }
};

} // namespace tw
