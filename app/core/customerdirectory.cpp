#include "customerdirectory.h"

#include "applogging.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QUuid>
#include <QVariant>

namespace vv::app {

namespace {

// Each step takes the schema from version i to i+1. Never edit a step once released: add one.
const QStringList kMigrations[] = {
    // 0 -> 1
    {QStringLiteral("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL, account_number TEXT NOT "
                    "NULL DEFAULT '', contact TEXT NOT NULL DEFAULT '', phone TEXT NOT NULL DEFAULT '', email TEXT "
                    "NOT NULL DEFAULT '', notes TEXT NOT NULL DEFAULT '')"),
     QStringLiteral("CREATE TABLE servers (id INTEGER PRIMARY KEY, url TEXT NOT NULL, username TEXT NOT NULL, "
                    "pin_sha256 TEXT NOT NULL DEFAULT '', label TEXT NOT NULL DEFAULT '', UNIQUE(url, username))"),
     QStringLiteral("CREATE TABLE services (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES "
                    "customers(id) ON DELETE CASCADE, server_id INTEGER NOT NULL REFERENCES servers(id), vault_id "
                    "INTEGER NOT NULL, vault_name TEXT NOT NULL DEFAULT '')")},
    // 1 -> 2: the offline cache, and lookups of a customer's services
    {QStringLiteral("CREATE TABLE agent_cache (server_id INTEGER NOT NULL REFERENCES servers(id) ON DELETE "
                    "CASCADE, key TEXT NOT NULL, json BLOB NOT NULL, fetched_at TEXT NOT NULL, PRIMARY KEY "
                    "(server_id, key))"),
     QStringLiteral("CREATE INDEX services_customer ON services(customer_id)")},
    // 2 -> 3: the last sign-in to each server and the role the server gave, so the next start offers it
    {QStringLiteral("CREATE TABLE sign_ins (server_id INTEGER PRIMARY KEY REFERENCES servers(id) ON DELETE CASCADE, "
                    "role TEXT NOT NULL, at TEXT NOT NULL)")},
};
static_assert(std::size(kMigrations) == CustomerDirectory::kSchemaVersion);

Customer customerFrom(const QSqlQuery &q)
{
    return Customer{q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString(),
                    q.value(4).toString(),   q.value(5).toString(), q.value(6).toString()};
}

Server serverFrom(const QSqlQuery &q)
{
    return Server{q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(), q.value(3).toString(),
                  q.value(4).toString()};
}

Service serviceFrom(const QSqlQuery &q)
{
    return Service{q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toLongLong(), q.value(3).toLongLong(),
                   q.value(4).toString()};
}

// A null QString binds as SQL NULL; the columns are NOT NULL with '' for "none".
QString nn(const QString &s)
{
    return s.isNull() ? QStringLiteral("") : s;
}

const char kCustomerColumns[] = "id, name, account_number, contact, phone, email, notes";

} // namespace

CustomerDirectory::CustomerDirectory()
    : m_connection(QStringLiteral("directory-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
{}

CustomerDirectory::~CustomerDirectory()
{
    if (QSqlDatabase::contains(m_connection)) {
        QSqlDatabase::database(m_connection, false).close();
        QSqlDatabase::removeDatabase(m_connection);
    }
}

QString CustomerDirectory::defaultPath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("directory.sqlite"));
}

QSqlDatabase CustomerDirectory::db() const
{
    return QSqlDatabase::database(m_connection, false);
}

bool CustomerDirectory::isOpen() const
{
    return QSqlDatabase::contains(m_connection) && db().isOpen();
}

bool CustomerDirectory::fail(const QString &what, const QString &why) const
{
    m_lastError = QStringLiteral("%1: %2").arg(what, why);
    qCWarning(lcAppCore).noquote() << "directory" << m_path << m_lastError;
    return false;
}

bool CustomerDirectory::open(const QString &path, QString *error)
{
    m_path = path;
    if (!QDir().mkpath(QFileInfo(path).absolutePath())) {
        *error = QCoreApplication::translate(
                     "vv::app::CustomerDirectory",
                     "Cannot create the folder %1 for the customer directory; check its permissions.")
                     .arg(QFileInfo(path).absolutePath());
        return false;
    }
    QSqlDatabase d = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    d.setDatabaseName(path);
    d.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!d.open()) {
        *error = QCoreApplication::translate("vv::app::CustomerDirectory", "Cannot open the customer directory %1: %2")
                     .arg(path, d.lastError().text());
        return false;
    }
    {
        QSqlQuery q(d);
        q.exec(QStringLiteral("PRAGMA foreign_keys = ON"));
        q.exec(QStringLiteral("PRAGMA journal_mode = WAL"));
        q.finish(); // an unfinished statement would make the migrations' COMMIT fail
    }
    return migrate(error);
}

int CustomerDirectory::schemaVersion() const
{
    QSqlQuery q(db());
    if (!q.exec(QStringLiteral("SELECT version FROM schema_version")) || !q.next())
        return 0;
    const int version = q.value(0).toInt();
    q.finish();
    return version;
}

bool CustomerDirectory::migrate(QString *error)
{
    QSqlDatabase d = db();
    QSqlQuery q(d);
    if (!q.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)"))) {
        *error =
            QCoreApplication::translate("vv::app::CustomerDirectory", "Cannot prepare the customer directory %1: %2")
                .arg(m_path, q.lastError().text());
        return false;
    }
    int version = schemaVersion();
    if (version > kSchemaVersion) {
        *error = QStringLiteral("The customer directory %1 was written by a newer VIP Vault (schema %2, this one "
                                "knows %3). Update VIP Vault to open it.")
                     .arg(m_path)
                     .arg(version)
                     .arg(kSchemaVersion);
        return false;
    }
    for (; version < kSchemaVersion; ++version) {
        d.transaction();
        bool ok = true;
        QString why;
        for (const QString &sql : kMigrations[version]) {
            if (!q.exec(sql)) {
                ok = false;
                why = q.lastError().text();
                break;
            }
        }
        if (ok) {
            q.exec(QStringLiteral("DELETE FROM schema_version"));
            q.prepare(QStringLiteral("INSERT INTO schema_version (version) VALUES (?)"));
            q.addBindValue(version + 1);
            ok = q.exec();
            why = q.lastError().text();
        }
        q.finish();
        if (ok && !d.commit()) {
            ok = false;
            why = d.lastError().text();
        }
        if (!ok) {
            d.rollback();
            *error = QCoreApplication::translate("vv::app::CustomerDirectory",
                                                 "Cannot upgrade the customer directory %1 to schema %2: %3")
                         .arg(m_path)
                         .arg(version + 1)
                         .arg(why);
            return false;
        }
        qCInfo(lcAppCore).noquote() << "directory" << m_path << "migrated to schema" << version + 1;
    }
    return true;
}

QList<Customer> CustomerDirectory::customers() const
{
    QList<Customer> out;
    QSqlQuery q(db());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT %1 FROM customers ORDER BY name COLLATE NOCASE, id").arg(kCustomerColumns)))
        fail(QCoreApplication::translate("vv::app::CustomerDirectory", "listing customers"), q.lastError().text());
    while (q.next())
        out << customerFrom(q);
    return out;
}

std::optional<Customer> CustomerDirectory::customer(qint64 id) const
{
    QSqlQuery q(db());
    q.prepare(QStringLiteral("SELECT %1 FROM customers WHERE id = ?").arg(kCustomerColumns));
    q.addBindValue(id);
    if (q.exec() && q.next())
        return customerFrom(q);
    return std::nullopt;
}

bool CustomerDirectory::addCustomer(Customer *customer)
{
    QList<Customer> one{*customer};
    if (!addCustomers(&one))
        return false;
    customer->id = one.front().id;
    return true;
}

bool CustomerDirectory::addCustomers(QList<Customer> *customers)
{
    QSqlDatabase d = db();
    d.transaction();
    QSqlQuery q(d);
    q.prepare(QStringLiteral("INSERT INTO customers (name, account_number, contact, phone, email, notes) "
                             "VALUES (?, ?, ?, ?, ?, ?)"));
    for (Customer &c : *customers) {
        q.addBindValue(nn(c.name));
        q.addBindValue(nn(c.accountNumber));
        q.addBindValue(nn(c.contact));
        q.addBindValue(nn(c.phone));
        q.addBindValue(nn(c.email));
        q.addBindValue(nn(c.notes));
        if (!q.exec()) {
            d.rollback();
            return fail(QCoreApplication::translate("vv::app::CustomerDirectory", "adding customer %1").arg(c.name),
                        q.lastError().text());
        }
        c.id = q.lastInsertId().toLongLong();
    }
    return d.commit() ||
           fail(QCoreApplication::translate("vv::app::CustomerDirectory", "saving customers"), d.lastError().text());
}

bool CustomerDirectory::updateCustomer(const Customer &c)
{
    QSqlQuery q(db());
    q.prepare(QStringLiteral("UPDATE customers SET name = ?, account_number = ?, contact = ?, phone = ?, email = ?, "
                             "notes = ? WHERE id = ?"));
    for (const QVariant &v : {QVariant(nn(c.name)), QVariant(nn(c.accountNumber)), QVariant(nn(c.contact)),
                              QVariant(nn(c.phone)), QVariant(nn(c.email)), QVariant(nn(c.notes)), QVariant(c.id)})
        q.addBindValue(v);
    return (q.exec() && q.numRowsAffected() == 1) ||
           fail(QCoreApplication::translate("vv::app::CustomerDirectory", "updating customer %1").arg(c.id),
                q.lastError().text());
}

bool CustomerDirectory::removeCustomer(qint64 id)
{
    QSqlQuery q(db());
    q.prepare(QStringLiteral("DELETE FROM customers WHERE id = ?"));
    q.addBindValue(id);
    return q.exec() || fail(QCoreApplication::translate("vv::app::CustomerDirectory", "deleting customer %1").arg(id),
                            q.lastError().text());
}

QList<Server> CustomerDirectory::servers() const
{
    QList<Server> out;
    QSqlQuery q(db());
    q.exec(QStringLiteral("SELECT id, url, username, pin_sha256, label FROM servers ORDER BY id"));
    while (q.next())
        out << serverFrom(q);
    return out;
}

std::optional<Server> CustomerDirectory::server(qint64 id) const
{
    for (const Server &s : servers())
        if (s.id == id)
            return s;
    return std::nullopt;
}

std::optional<Server> CustomerDirectory::findServer(const QString &url, const QString &username) const
{
    for (const Server &s : servers())
        if (s.url == url && s.username == username)
            return s;
    return std::nullopt;
}

bool CustomerDirectory::saveServer(Server *s)
{
    QSqlQuery q(db());
    q.prepare(QStringLiteral("INSERT INTO servers (url, username, pin_sha256, label) VALUES (?, ?, ?, ?) "
                             "ON CONFLICT(url, username) DO UPDATE SET pin_sha256 = excluded.pin_sha256, "
                             "label = excluded.label"));
    q.addBindValue(nn(s->url));
    q.addBindValue(nn(s->username));
    q.addBindValue(nn(s->pinSha256));
    q.addBindValue(nn(s->label));
    if (!q.exec())
        return fail(QCoreApplication::translate("vv::app::CustomerDirectory", "saving server %1").arg(s->url),
                    q.lastError().text());
    s->id = findServer(s->url, s->username)->id;
    return true;
}

bool CustomerDirectory::noteSignIn(qint64 serverId, const QString &role)
{
    QSqlQuery q(db());
    q.prepare(QStringLiteral("INSERT INTO sign_ins (server_id, role, at) VALUES (?, ?, ?) ON CONFLICT(server_id) DO "
                             "UPDATE SET role = excluded.role, at = excluded.at"));
    q.addBindValue(serverId);
    q.addBindValue(nn(role));
    q.addBindValue(QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    if (!q.exec())
        return fail(
            QCoreApplication::translate("vv::app::CustomerDirectory", "noting the sign-in to server %1").arg(serverId),
            q.lastError().text());
    return true;
}

std::optional<CustomerDirectory::SignIn> CustomerDirectory::lastSignIn() const
{
    QSqlQuery q(db());
    if (!q.exec(QStringLiteral("SELECT server_id, role FROM sign_ins ORDER BY at DESC LIMIT 1")) || !q.next())
        return std::nullopt;
    const std::optional<Server> s = server(q.value(0).toLongLong());
    if (!s)
        return std::nullopt;
    return SignIn{*s, q.value(1).toString()};
}

bool CustomerDirectory::removeServer(qint64 id)
{
    QSqlDatabase d = db();
    if (!d.transaction())
        return fail(QCoreApplication::translate("vv::app::CustomerDirectory", "removing server %1").arg(id),
                    d.lastError().text());
    for (const char *sql : {"DELETE FROM services WHERE server_id = ?", "DELETE FROM sign_ins WHERE server_id = ?",
                            "DELETE FROM servers WHERE id = ?"}) {
        QSqlQuery q(d);
        q.prepare(QString::fromLatin1(sql));
        q.addBindValue(id);
        if (!q.exec()) {
            const QString why = q.lastError().text();
            d.rollback();
            return fail(QCoreApplication::translate("vv::app::CustomerDirectory", "removing server %1").arg(id), why);
        }
    }
    return d.commit() || fail(QCoreApplication::translate("vv::app::CustomerDirectory", "removing server %1").arg(id),
                              d.lastError().text());
}

QList<Service> CustomerDirectory::services(qint64 customerId) const
{
    QList<Service> out;
    QSqlQuery q(db());
    q.prepare(QStringLiteral("SELECT id, customer_id, server_id, vault_id, vault_name FROM services "
                             "WHERE customer_id = ? ORDER BY id"));
    q.addBindValue(customerId);
    q.exec();
    while (q.next())
        out << serviceFrom(q);
    return out;
}

QList<Service> CustomerDirectory::allServices() const
{
    QList<Service> out;
    QSqlQuery q(db());
    q.exec(QStringLiteral("SELECT id, customer_id, server_id, vault_id, vault_name FROM services ORDER BY id"));
    while (q.next())
        out << serviceFrom(q);
    return out;
}

bool CustomerDirectory::addService(Service *s)
{
    QSqlQuery q(db());
    q.prepare(QStringLiteral("INSERT INTO services (customer_id, server_id, vault_id, vault_name) VALUES (?,?,?,?)"));
    q.addBindValue(s->customerId);
    q.addBindValue(s->serverId);
    q.addBindValue(s->vaultId);
    q.addBindValue(nn(s->vaultName));
    if (!q.exec())
        return fail(QCoreApplication::translate("vv::app::CustomerDirectory", "adding a service"),
                    q.lastError().text());
    s->id = q.lastInsertId().toLongLong();
    return true;
}

bool CustomerDirectory::removeService(qint64 id)
{
    QSqlQuery q(db());
    q.prepare(QStringLiteral("DELETE FROM services WHERE id = ?"));
    q.addBindValue(id);
    return q.exec() || fail(QCoreApplication::translate("vv::app::CustomerDirectory", "removing service %1").arg(id),
                            q.lastError().text());
}

CachedAnswer CustomerDirectory::cached(qint64 serverId, const QString &key) const
{
    QSqlQuery q(db());
    q.prepare(QStringLiteral("SELECT json, fetched_at FROM agent_cache WHERE server_id = ? AND key = ?"));
    q.addBindValue(serverId);
    q.addBindValue(key);
    if (!q.exec() || !q.next())
        return {};
    return CachedAnswer{q.value(0).toByteArray(), QDateTime::fromString(q.value(1).toString(), Qt::ISODateWithMs)};
}

bool CustomerDirectory::cache(qint64 serverId, const QString &key, const QByteArray &json, const QDateTime &fetchedAt)
{
    QSqlQuery q(db());
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO agent_cache (server_id, key, json, fetched_at) VALUES (?,?,?,?)"));
    q.addBindValue(serverId);
    q.addBindValue(key);
    q.addBindValue(json);
    q.addBindValue(
        (fetchedAt.isValid() ? fetchedAt : QDateTime::currentDateTimeUtc()).toUTC().toString(Qt::ISODateWithMs));
    return q.exec() ||
           fail(QCoreApplication::translate("vv::app::CustomerDirectory", "caching %1").arg(key), q.lastError().text());
}

} // namespace vv::app
