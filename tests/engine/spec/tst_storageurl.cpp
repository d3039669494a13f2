#include "spec/StorageUrl.h"

#include <QDir>
#include <QStandardPaths>
#include <QtTest>

using namespace tw;

class TestStorageUrl : public QObject {
    Q_OBJECT

private slots:
    void sqliteForms() {
        auto rel =
            StorageUrl::parse(QStringLiteral("sqlite:///exp/my.twx"), QStringLiteral("/work/here"));
        QVERIFY2(rel.ok(), qPrintable(rel.error()));
        QVERIFY(rel->isSQLite());
        QCOMPARE(rel->filePath(), QStringLiteral("/work/here/exp/my.twx"));
        QCOMPARE(rel->toString(), QStringLiteral("sqlite:////work/here/exp/my.twx"));
        QCOMPARE(rel->displayString(), QStringLiteral("/work/here/exp/my.twx"));

        auto abs = StorageUrl::parse(QStringLiteral("sqlite:////abs/path.twx"));
        QVERIFY(abs.ok());
        QCOMPARE(abs->filePath(), QStringLiteral("/abs/path.twx"));
        // toString() parses back to the same place.
        QCOMPARE(StorageUrl::parse(abs->toString()).value(), abs.value());

        auto cwd = StorageUrl::parse(QStringLiteral("sqlite:///x.twx"));
        QCOMPARE(cwd->filePath(), QDir::cleanPath(QDir::currentPath() + QStringLiteral("/x.twx")));

        auto plain = StorageUrl::parse(QStringLiteral("runs/../a.twx"), QStringLiteral("/base"));
        QCOMPARE(plain->filePath(), QStringLiteral("/base/a.twx"));
        auto colon = StorageUrl::parse(QStringLiteral("run:1.twx"), QStringLiteral("/base"));
        QCOMPARE(colon->filePath(), QStringLiteral("/base/run:1.twx"));
        auto home = StorageUrl::parse(QStringLiteral("~/e.twx"));
        QCOMPARE(home->filePath(), QDir::homePath() + QStringLiteral("/e.twx"));
        QCOMPARE(StorageUrl::parse(QStringLiteral("  /t/a.twx  "))->filePath(),
                 QStringLiteral("/t/a.twx"));
    }

    void postgresForms() {
        auto u =
            StorageUrl::parse(QStringLiteral("postgresql://tune%40r:s%3Acret@db.example.org:6543/"
                                             "my%20db?sslmode=require&connect_timeout=5"));
        QVERIFY2(u.ok(), qPrintable(u.error()));
        QVERIFY(u->isPostgreSQL());
        QCOMPARE(u->user(), QStringLiteral("tune@r"));
        QCOMPARE(u->password(), QStringLiteral("s:cret"));
        QCOMPARE(u->host(), QStringLiteral("db.example.org"));
        QCOMPARE(u->port(), 6543);
        QCOMPARE(u->database(), QStringLiteral("my db"));
        QCOMPARE(u->options().value(QStringLiteral("sslmode")), QStringLiteral("require"));
        QCOMPARE(u->options().value(QStringLiteral("connect_timeout")), QStringLiteral("5"));
        QCOMPARE(u->toString(), QStringLiteral("postgresql://tune%40r@db.example.org:6543/"
                                               "my%20db?connect_timeout=5&sslmode=require"));
        QCOMPARE(u->displayString(),
                 QStringLiteral("postgresql://tune@r@db.example.org:6543/my db"));

        auto alias = StorageUrl::parse(QStringLiteral("postgres://me@localhost/tw"));
        QVERIFY(alias.ok());
        QCOMPARE(alias->port(), 5432);
        QVERIFY(!alias->hasPassword());
        QCOMPARE(alias->toString(), QStringLiteral("postgresql://me@localhost:5432/tw"));

        auto driver = StorageUrl::parse(QStringLiteral("postgresql+psycopg2://me@h/tw"));
        QVERIFY(driver.ok());
        QCOMPARE(driver->host(), QStringLiteral("h"));

        auto v6 = StorageUrl::parse(QStringLiteral("postgresql://me@[::1]:5433/tw"));
        QVERIFY2(v6.ok(), qPrintable(v6.error()));
        QCOMPARE(v6->host(), QStringLiteral("::1"));
        QCOMPARE(v6->port(), 5433);
        QCOMPARE(v6->toString(), QStringLiteral("postgresql://me@[::1]:5433/tw"));

        auto socket = StorageUrl::parse(QStringLiteral("postgresql:///tw"));
        QVERIFY(socket.ok());
        QVERIFY(socket->host().isEmpty());
        QVERIFY(socket->user().isEmpty());
        QVERIFY(socket->postgresParams().host.empty()); // libpq then takes the local socket
        QCOMPARE(socket->postgresParams().describe(), std::string("(local socket):5432/tw"));

        // A password given as an option is a password, never an option.
        auto opt = StorageUrl::parse(
            QStringLiteral("postgresql://me@h/tw?password=hunter2&sslmode=disable"));
        QCOMPARE(opt->password(), QStringLiteral("hunter2"));
        QVERIFY(!opt->options().contains(QStringLiteral("password")));
        QVERIFY(!opt->toString().contains(QStringLiteral("hunter2")));

        // What PostgresStorage connects with: everything, the password too.
        const PgConnectionParams params = u->postgresParams();
        QCOMPARE(params.host, std::string("db.example.org"));
        QCOMPARE(params.port, 6543);
        QCOMPARE(params.user, std::string("tune@r"));
        QCOMPARE(params.password, std::string("s:cret"));
        QCOMPARE(params.database, std::string("my db"));
        QCOMPARE(params.options.size(), std::size_t(2));
        QCOMPARE(params.options.at("sslmode"), std::string("require"));
        QCOMPARE(params.options.at("connect_timeout"), std::string("5"));
        QCOMPARE(params.describe(), std::string("tune@r@db.example.org:6543/my db"));

        // Round trip without the password.
        const auto back = StorageUrl::parse(u->toString());
        QVERIFY(back.ok());
        QCOMPARE(back->user(), u->user());
        QCOMPARE(back->database(), u->database());
        QCOMPARE(back->options(), u->options());
        QVERIFY(back->password().isEmpty());
    }

    void passwordNeverShown() {
        const QString text = QStringLiteral("postgresql://me:hunter2@h:5432/tw");
        auto u = StorageUrl::parse(text);
        QVERIFY(u.ok());
        QCOMPARE(u->password(), QStringLiteral("hunter2"));
        QVERIFY(!u->toString().contains(QStringLiteral("hunter2")));
        QVERIFY(!u->displayString().contains(QStringLiteral("hunter2")));
        auto bad = StorageUrl::parse(QStringLiteral("postgresql://me:hunter2@h:99999/tw"));
        QVERIFY(!bad.ok());
        QCOMPARE(bad.error(), QStringLiteral("storage URL 'postgresql://me:***@h:99999/tw': port "
                                             "'99999' is not a number in 1..65535"));
        auto bad2 = StorageUrl::parse(QStringLiteral("postgresql://me@h/?password=hunter2"));
        QVERIFY(!bad2.ok());
        QVERIFY2(!bad2.error().contains(QStringLiteral("hunter2")), qPrintable(bad2.error()));
    }

    void malformed_data() {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("error");
        const QString forms =
            QStringLiteral("expected sqlite:///PATH, a file path, or postgresql://USER@HOST/DB");
        QTest::newRow("mysql") << "mysql://x"
                               << "storage URL 'mysql://x': unsupported scheme 'mysql'; " + forms;
        QTest::newRow("empty") << "  "
                               << "storage URL '': empty; " + forms;
        QTest::newRow("sqlite host")
            << "sqlite://host/x.twx"
            << "storage URL 'sqlite://host/x.twx': a sqlite URL has no host; write "
               "sqlite:///relative/path.twx or sqlite:////absolute/path.twx";
        QTest::newRow("sqlite no path")
            << "sqlite:///"
            << "storage URL 'sqlite:///': the file path is missing; write "
               "sqlite:///relative/path.twx or sqlite:////absolute/path.twx";
        QTest::newRow("sqlite no slashes")
            << "sqlite:x.twx"
            << "storage URL 'sqlite:x.twx': expected sqlite:///relative/path.twx or "
               "sqlite:////absolute/path.twx";
        QTest::newRow("no db")
            << "postgresql://me@h:5432"
            << "storage URL 'postgresql://me@h:5432': the database name is missing; expected "
               "postgresql://USER@HOST/DB";
        QTest::newRow("bad port")
            << "postgresql://me@h:abc/db"
            << "storage URL 'postgresql://me@h:abc/db': port 'abc' is not a number in 1..65535";
        QTest::newRow("empty port")
            << "postgresql://me@h:/db"
            << "storage URL 'postgresql://me@h:/db': the port after ':' is missing";
        QTest::newRow("db path")
            << "postgresql://me@h/a/b"
            << "storage URL 'postgresql://me@h/a/b': expected one database name after the "
               "host, got 'a/b'";
        QTest::newRow("option")
            << "postgresql://me@h/db?sslmode"
            << "storage URL 'postgresql://me@h/db?sslmode': option 'sslmode' is not KEY=VALUE";
        QTest::newRow("v6")
            << "postgresql://me@[::1/db"
            << "storage URL 'postgresql://me@[::1/db': unterminated IPv6 address '[' in the host";
        // A file path must come back from toString() unchanged, and parse() trims.
        QTest::newRow("control character")
            << QStringLiteral("run\u0001.twx")
            << QStringLiteral("storage URL 'run\u0001.twx': the file path holds the control "
                              "character U+0001");
        QTest::newRow("carriage return before slashes")
            << QStringLiteral("sqlite:///x.twx\r///")
            << QStringLiteral("storage URL 'sqlite:///x.twx\r///': the file path holds the "
                              "control character U+000D");
        QTest::newRow("white space before slashes")
            << "x.twx ///"
            << "storage URL 'x.twx ///': the file path ends with white space";
    }
    void malformed() {
        QFETCH(QString, url);
        QFETCH(QString, error);
        const auto r = StorageUrl::parse(url);
        QVERIFY(!r.ok());
        QCOMPARE(r.error(), error);
    }

    void defaultExperiment() {
        QStandardPaths::setTestModeEnabled(true);
        const QString path = StorageUrl::defaultExperimentPath();
        QCOMPARE(path, QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
                           QStringLiteral("/tunewright/default.twx"));
        QVERIFY(StorageUrl::defaultUrl().isSQLite());
        QCOMPARE(StorageUrl::defaultUrl().filePath(), QDir::cleanPath(path));
        QCOMPARE(StorageUrl::mimeType(), QStringLiteral("application/x-tunewright-experiment"));
    }
};

QTEST_GUILESS_MAIN(TestStorageUrl)
#include "tst_storageurl.moc"
