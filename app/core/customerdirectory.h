#pragma once
// The reseller's own records, kept on this computer in SQLite: customers, the agents (servers) they sign in to,
// which vault on which server is which customer's VoIP service, and a cache of the agents' last answers so the
// directory still works offline. Schema changes are ordered migrations in one transaction each, recorded in
// schema_version. Passwords and tokens never come here: they live in the OS keychain (CredentialStore).
#include "customer.h"

#include <QList>
#include <QString>
#include <optional>

class QSqlDatabase;

namespace vv::app {

class CustomerDirectory
{
public:
    static constexpr int kSchemaVersion = 3;

    CustomerDirectory();
    ~CustomerDirectory();
    CustomerDirectory(const CustomerDirectory &) = delete;
    CustomerDirectory &operator=(const CustomerDirectory &) = delete;

    // <AppDataLocation>/directory.sqlite
    static QString defaultPath();
    // Opens (creating folders and the file) and migrates; false with a reason a person can act on.
    bool open(const QString &path, QString *error);
    bool isOpen() const;
    QString path() const { return m_path; }
    int schemaVersion() const;
    QString lastError() const { return m_lastError; }

    // ---- customers ----
    QList<Customer> customers() const; // ordered by name
    std::optional<Customer> customer(qint64 id) const;
    bool addCustomer(Customer *customer);          // sets id
    bool addCustomers(QList<Customer> *customers); // one transaction; sets ids
    bool updateCustomer(const Customer &customer);
    bool removeCustomer(qint64 id); // and its services

    // ---- servers ----
    QList<Server> servers() const;
    std::optional<Server> server(qint64 id) const;
    std::optional<Server> findServer(const QString &url, const QString &username) const;
    // Inserts, or updates the row with the same URL and user (pin, label); sets id.
    bool saveServer(Server *server);
    // The last successful sign-in (server and the role it gave: "reseller" or "customer"), offered at the next
    // start.
    struct SignIn
    {
        Server server;
        QString role;
    };
    bool noteSignIn(qint64 serverId, const QString &role);
    std::optional<SignIn> lastSignIn() const;
    // Forgets the server, the services linked to it and what it last answered (one transaction). The agent and
    // its recordings are untouched.
    bool removeServer(qint64 id);

    // ---- services ----
    QList<Service> services(qint64 customerId) const;
    QList<Service> allServices() const;
    bool addService(Service *service);
    bool removeService(qint64 id);

    // ---- cache of agent answers ----
    CachedAnswer cached(qint64 serverId, const QString &key) const;
    bool cache(qint64 serverId, const QString &key, const QByteArray &json, const QDateTime &fetchedAt = {});

private:
    QSqlDatabase db() const;
    bool migrate(QString *error);
    bool fail(const QString &what, const QString &why) const;

    QString m_connection;
    QString m_path;
    mutable QString m_lastError;
};

} // namespace vv::app
