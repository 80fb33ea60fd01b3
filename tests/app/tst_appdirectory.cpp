// CustomerDirectory: a fresh file gets the whole schema, an old one is migrated in place keeping its rows, a newer
// one is refused with a clear reason; customers, servers, services and the offline cache survive a reopen.
#include "customerdirectory.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace vv::app;

class TestAppDirectory : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void freshFile()
    {
        QTemporaryDir dir;
        CustomerDirectory d;
        QString error;
        QVERIFY2(d.open(dir.filePath("sub/dir.sqlite"), &error), qPrintable(error));
        QCOMPARE(d.schemaVersion(), CustomerDirectory::kSchemaVersion);
        QVERIFY(d.customers().isEmpty());
    }

    void migratesFromVersion1()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("dir.sqlite");
        {
            // Schema 1 as the first release wrote it, with one customer in it.
            QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "v1");
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec("CREATE TABLE schema_version (version INTEGER NOT NULL)"));
            QVERIFY(q.exec("INSERT INTO schema_version VALUES (1)"));
            QVERIFY(q.exec("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL, account_number TEXT "
                           "NOT NULL DEFAULT '', contact TEXT NOT NULL DEFAULT '', phone TEXT NOT NULL DEFAULT '', "
                           "email TEXT NOT NULL DEFAULT '', notes TEXT NOT NULL DEFAULT '')"));
            QVERIFY(
                q.exec("CREATE TABLE servers (id INTEGER PRIMARY KEY, url TEXT NOT NULL, username TEXT NOT NULL, "
                       "pin_sha256 TEXT NOT NULL DEFAULT '', label TEXT NOT NULL DEFAULT '', UNIQUE(url, username))"));
            QVERIFY(q.exec("CREATE TABLE services (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES "
                           "customers(id) ON DELETE CASCADE, server_id INTEGER NOT NULL REFERENCES servers(id), "
                           "vault_id INTEGER NOT NULL, vault_name TEXT NOT NULL DEFAULT '')"));
            QVERIFY(q.exec("INSERT INTO customers (name, account_number) VALUES ('Old Co', 'OC-1')"));
            db.close();
        }
        QSqlDatabase::removeDatabase("v1");
        CustomerDirectory d;
        QString error;
        QVERIFY2(d.open(path, &error), qPrintable(error));
        QCOMPARE(d.schemaVersion(), CustomerDirectory::kSchemaVersion);
        QCOMPARE(d.customers().size(), 1);
        QCOMPARE(d.customers().front().accountNumber, QStringLiteral("OC-1"));
        Server s{0, "https://pbx.example:8443", "admin", QString(64, 'A'), "PBX"};
        QVERIFY(d.saveServer(&s));
        QVERIFY(d.cache(s.id, "status", "{\"version\":\"1\"}")); // table added by migration 2
        QVERIFY(d.cached(s.id, "status").isValid());
        // Migration 3: the last sign-in and the role the server gave, offered at the next start.
        QVERIFY(!d.lastSignIn());
        QVERIFY2(d.noteSignIn(s.id, "customer"), qPrintable(d.lastError()));
        QCOMPARE(d.lastSignIn()->server.url, s.url);
        QCOMPARE(d.lastSignIn()->role, QStringLiteral("customer"));
        QVERIFY(d.removeServer(s.id));
        QVERIFY(!d.lastSignIn());
    }

    void newerSchemaRefused()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("dir.sqlite");
        {
            QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "v99");
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec("CREATE TABLE schema_version (version INTEGER NOT NULL)"));
            QVERIFY(q.exec("INSERT INTO schema_version VALUES (99)"));
            db.close();
        }
        QSqlDatabase::removeDatabase("v99");
        CustomerDirectory d;
        QString error;
        QVERIFY(!d.open(path, &error));
        QVERIFY2(error.contains("newer VIP Vault"), qPrintable(error));
    }

    void recordsSurviveReopen()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath("dir.sqlite");
        qint64 customerId = 0;
        qint64 serverId = 0;
        const QDateTime fetched = QDateTime::fromString("2026-03-01T10:00:00.000Z", Qt::ISODateWithMs);
        {
            CustomerDirectory d;
            QString error;
            QVERIFY2(d.open(path, &error), qPrintable(error));
            Customer c{0, "Acme Ltd", "AC-1", "Jo", "0161", "jo@acme.example", "notes"};
            QVERIFY(d.addCustomer(&c));
            customerId = c.id;
            Server s{0, "https://pbx.example:8443", "admin", QString(64, 'B'), QString()};
            QVERIFY2(d.saveServer(&s), qPrintable(d.lastError()));
            serverId = s.id;
            s.pinSha256 = QString(64, 'C');
            QVERIFY(d.saveServer(&s)); // same URL and user: updated, not duplicated
            QCOMPARE(s.id, serverId);
            Service v{0, customerId, serverId, 7, "acme"};
            QVERIFY(d.addService(&v));
            QVERIFY(d.cache(serverId, "vault/7", "{\"bytes_used\":5}", fetched));
        }
        CustomerDirectory d;
        QString error;
        QVERIFY2(d.open(path, &error), qPrintable(error));
        QCOMPARE(d.customers().size(), 1);
        QCOMPARE(d.servers().size(), 1);
        QCOMPARE(d.servers().front().pinSha256, QString(64, 'C'));
        QCOMPARE(d.services(customerId).size(), 1);
        QCOMPARE(d.services(customerId).front().vaultName, QStringLiteral("acme"));
        const CachedAnswer a = d.cached(serverId, "vault/7");
        QCOMPARE(a.json, QByteArray("{\"bytes_used\":5}"));
        QCOMPARE(a.fetchedAt, fetched);
        // Deleting a customer takes its services along.
        QVERIFY(d.removeCustomer(customerId));
        QVERIFY(d.allServices().isEmpty());
        // Removing a server takes the services linked to it and its cached answers; the customer stays.
        Customer other{0, "Beta plc", "", "", "", "", ""};
        QVERIFY(d.addCustomer(&other));
        Service linked{0, other.id, serverId, 8, "beta"};
        QVERIFY(d.addService(&linked));
        QVERIFY(d.removeServer(serverId));
        QVERIFY(d.servers().isEmpty());
        QVERIFY(d.allServices().isEmpty());
        QVERIFY(!d.cached(serverId, "vault/7").isValid());
        QCOMPARE(d.customers().size(), 1);
    }

    void noSecretColumns()
    {
        // Passwords and tokens belong in the keychain; the schema must not even have a place for them.
        QTemporaryDir dir;
        CustomerDirectory d;
        QString error;
        QVERIFY(d.open(dir.filePath("dir.sqlite"), &error));
        QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "inspect");
        db.setDatabaseName(dir.filePath("dir.sqlite"));
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY(q.exec("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL"));
        while (q.next()) {
            const QString sql = q.value(0).toString().toLower();
            QVERIFY2(!sql.contains("password") && !sql.contains("token"), qPrintable(sql));
        }
        db.close();
    }
};

QTEST_GUILESS_MAIN(TestAppDirectory)
#include "tst_appdirectory.moc"
