#include "core/UserMessage.h"

#include <QtTest>

using tw::UserMessage;

// #13 item 20: messages never show internal names such as DataSplitter::holdout().
class tst_UserMessage : public QObject {
    Q_OBJECT

    static QString clean(const char* text) { return QString::fromStdString(UserMessage::clean(text)); }

private slots:
    void dropsQualifiedCalls()
    {
        QCOMPARE(clean("DataSplitter::holdout(): 4 rows leave no training rows"),
                 QString("4 rows leave no training rows"));
        QCOMPARE(clean("SQLite file /x.twx: SqliteStorage::SqliteStorage(): expected an absolute path"),
                 QString("SQLite file /x.twx: expected an absolute path"));
        QCOMPARE(clean("a: tw::Study::enqueue(): 'x' is not a parameter"), QString("a: 'x' is not a parameter"));
        QCOMPARE(clean("SqlStorage: no trial with id 5"), QString("no trial with id 5"));
        QCOMPARE(clean("Foo::~Foo() failed"), QString("failed"));
    }

    void keepsEverythingElse()
    {
        for (const char* text : {"objective.training.epochs: expected an integer >= 1, got 0",
                                 "column 'a::b' (x) has 3 values", "std::vector", "SQLite file /a: ok",
                                 "MySqlStorage: kept", "Name::name without call", ""})
            QCOMPARE(clean(text), QString(text));
    }
};

QTEST_GUILESS_MAIN(tst_UserMessage)
#include "tst_usermessage.moc"
