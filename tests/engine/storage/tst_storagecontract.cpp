// The storage contract suite (tests/support/StorageContract.h), the same one the
// in-memory backend runs, against the SQLite backend (#5). PostgreSQL runs the backend
// checks of tests/support/StorageBackendChecks.h in tst_postgresstorage.
#include "storage/SqliteStorage.h"
#include "support/StorageContract.h"

#include <QTemporaryDir>
#include <QtTest>

#include <atomic>

class tst_StorageContract : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    std::atomic<int> m_files{0};

private slots:
    void sqlite_data() { tw::test::StorageContract::addRows(); }
    void sqlite()
    {
        const QString path = m_dir.filePath(QString("contract-%1.twx").arg(m_files++));
        tw::test::StorageContract::run([path] { return std::make_unique<tw::SqliteStorage>(path); });
    }
};

QTEST_GUILESS_MAIN(tst_StorageContract)
#include "tst_storagecontract.moc"
