#pragma once
// Plain records of the reseller's directory. Ids are SQLite row ids; 0 = not stored yet.
#include <QDateTime>
#include <QString>

namespace vv::app {

struct Customer
{
    qint64 id = 0;
    QString name;
    QString accountNumber;
    QString contact;
    QString phone;
    QString email;
    QString notes;

    bool operator==(const Customer &) const = default;
};

// A vipvault-agent the reseller signs in to. The pin is the certificate the user trusted on first connection.
struct Server
{
    qint64 id = 0;
    QString url; // https://host:port
    QString username;
    QString pinSha256;
    QString label;

    QString displayName() const { return label.isEmpty() ? url : label; }
    bool operator==(const Server &) const = default;
};

// One VoIP service of a customer: a vault on a server.
struct Service
{
    qint64 id = 0;
    qint64 customerId = 0;
    qint64 serverId = 0;
    qint64 vaultId = 0;
    QString vaultName;

    bool operator==(const Service &) const = default;
};

// What an agent last answered for a key ("vault/3", "status", "usage/3"), so the app shows it offline.
struct CachedAnswer
{
    QByteArray json;
    QDateTime fetchedAt; // UTC; invalid = nothing cached
    bool isValid() const { return fetchedAt.isValid(); }
};

} // namespace vv::app
