#pragma once
// Users, sessions and the audit log of the API, in the catalogue database.
// Thread-safe: every call uses the calling thread's own connection.
#include "common/timeformat.h"

#include <QJsonObject>
#include <QString>
#include <optional>
#include <vector>

struct UserRecord
{
    qint64 id = 0;
    QString username;
    QString role; // "reseller" or "customer"
    qint64 vaultId = 0;
    bool disabled = false;
    PacketTime createdAt = 0;
    bool isReseller() const { return role == u"reseller"; }
    QJsonObject toJson() const;
};

struct AuditEntry
{
    PacketTime at = 0;
    const UserRecord *user = nullptr;
    QString username; // when there is no user (failed sign-in)
    QString address;
    QString action;
    qint64 vaultId = 0;
    qint64 recordingId = 0;
    QJsonObject detail;
};

struct AuditFilter
{
    PacketTime from = 0;
    PacketTime to = 0;
    QString username;
    QString action;
    qint64 vaultId = 0;
    qint64 beforeId = 0; // cursor
    int limit = 50;
};

class UserStore
{
public:
    UserStore(QString dbPath, int sessionHours, int idleMinutes);

    bool createUser(UserRecord *user, const QString &password, PacketTime now, QString *error);
    std::optional<UserRecord> userById(qint64 id);
    std::optional<UserRecord> userByName(const QString &username);
    std::vector<UserRecord> users(qint64 vaultId);
    // Checks the password (Argon2id); spends the same effort for unknown users.
    std::optional<UserRecord> authenticate(const QString &username, const QString &password);
    QString createSession(const UserRecord &user, const QString &address, PacketTime now, PacketTime *expiresAt);
    std::optional<UserRecord> resolveToken(const QString &token, PacketTime now);
    void revokeToken(const QString &token);
    void revokeUserTokens(qint64 userId);
    bool setPassword(qint64 userId, const QString &password, PacketTime now, QString *error);
    bool setDisabled(qint64 userId, bool disabled, QString *error);
    bool deleteUser(qint64 userId, QString *error);
    void audit(const AuditEntry &entry);
    std::vector<QJsonObject> auditEntries(const AuditFilter &filter);

private:
    QString m_path;
    PacketTime m_sessionLifetime;
    PacketTime m_idleTimeout;
    QString m_dummyHash;
};
