// ctest-labels: unit postgres
// The storage contract suite (tests/support/StorageContract.h), the same one the
// in-memory backend runs (tst_inmemorystorage), against SQLite and PostgreSQL (#5).
// Every case gets a store of its own: a new file, or a new PostgreSQL schema. PostgreSQL
// cases skip, saying why, when TW_PG_URL is unset or the server is down.
#include "storage/SqliteStorage.h"
#include "support/PgTestEnv.h"
#include "support/StorageContract.h"

#include <QTemporaryDir>
#include <QtTest>

#include <atomic>

class tst_StorageContract : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::atomic<int> m_files{0};
    tw::test::PgTestSchemas m_pg;
    QString m_pgMissing;

private slots:
    void initTestCase()
    {
        if (!m_pg.open(&m_pgMissing))
            qWarning("%s", qPrintable(m_pgMissing));
    }

    void cleanupTestCase() { m_pg.close(); }

    void sqlite_data() { tw::test::StorageContract::addRows(); }
    void sqlite()
    {
        const QString path = m_dir.filePath(QString("contract-%1.twx").arg(m_files++));
        tw::test::StorageContract::run([path] { return std::make_unique<tw::SqliteStorage>(path); });
    }

    void postgres_data() { tw::test::StorageContract::addRows(); }
    void postgres()
    {
        if (!m_pg.isOpen())
            QSKIP(qPrintable(m_pgMissing));
        const std::string schema = m_pg.create("contract");
        tw::test::StorageContract::run(m_pg.factory(schema));
        m_pg.drop(schema);
    }
};

QTEST_GUILESS_MAIN(tst_StorageContract)
#include "tst_storagecontract.moc"
