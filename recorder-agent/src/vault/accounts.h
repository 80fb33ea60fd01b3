#pragma once
// The catalogue's people tables: users (with their password hash), API
// sessions (by token hash, never the token) and the append-only audit log.
// Storage only: hashing, tokens and session rules live in the API's UserStore.
// Each call uses the database connection it is given (one per thread).
#include "common/timeformat.h"

#include <QJsonObject>
#include <QSqlDatabase>
#include <QString>
#include <optional>
#include <vector>

namespace vv::agent {

struct UserRecord
{
    qint64 id = 0;
    QString username;
    QString role; // "reseller" or "customer"
    qint64 vaultId = 0;
    bool disabled = false;
    PacketTime createdAt = 0;
    bool mustChangePassword = false; // a one-time password (an invitation): nothing else until it is changed
    bool isReseller() const { return role == u"reseller"; }
    QJsonObject toJson() const;
};

struct SessionRecord
{
    qint64 userId = 0;
    PacketTime lastUsedAt = 0;
    PacketTime expiresAt = 0;
    bool userDisabled = false;
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
    qint64 recordingId = 0;
    qint64 beforeId = 0; // cursor
    int limit = 50;
};

class Accounts
{
public:
    explicit Accounts(QSqlDatabase db)
        : m_db(std::move(db))
    {}

    bool insertUser(UserRecord *user, const QString &passwordHash, PacketTime now, QString *error);
    std::optional<UserRecord> userById(qint64 id);
    std::optional<UserRecord> userByName(const QString &username, QString *passwordHash = nullptr);
    std::vector<UserRecord> usersOfVault(qint64 vaultId);
    bool setPasswordHash(qint64 userId, const QString &hash, PacketTime now, bool mustChange, QString *error);
    bool setDisabled(qint64 userId, bool disabled, QString *error);
    bool deleteUser(qint64 userId, QString *error);

    bool insertSession(const QString &tokenHash, qint64 userId, const QString &address, PacketTime now,
                       PacketTime expiresAt, QString *error);
    std::optional<SessionRecord> session(const QString &tokenHash);
    bool touchSession(const QString &tokenHash, PacketTime now);
    bool deleteSession(const QString &tokenHash);
    bool deleteUserSessions(qint64 userId, QString *error);

    bool insertAudit(const AuditEntry &entry, QString *error);
    std::vector<QJsonObject> auditEntries(const AuditFilter &filter, QString *error);

private:
    QSqlDatabase m_db;
};

} // namespace vv::agent
