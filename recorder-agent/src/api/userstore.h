#pragma once
// Sign-in and sessions of the API: Argon2id password checks (the same effort
// for unknown users), random bearer tokens stored only as hashes, sessions that
// end after a lifetime or an idle time, revocation. Storage is vault/accounts.
// Thread-safe: every call uses the calling thread's own catalogue connection.
// Time comes from the clock it is given, so tests can move it.
#include "vault/accounts.h"

#include <QString>
#include <functional>
#include <optional>
#include <vector>

namespace vv::agent {

class UserStore
{
public:
    using Clock = std::function<PacketTime()>;
    // The default clock is the wall clock: sessions are about people, not packets.
    UserStore(QString dbPath, int sessionHours, int idleMinutes, Clock clock = {});

    PacketTime now() const { return m_clock(); }
    bool createUser(UserRecord *user, const QString &password, QString *error);
    std::optional<UserRecord> userById(qint64 id);
    std::optional<UserRecord> userByName(const QString &username);
    std::vector<UserRecord> users(qint64 vaultId);
    // Checks the password (Argon2id); spends the same effort for unknown users.
    std::optional<UserRecord> authenticate(const QString &username, const QString &password);
    // A new token (empty on failure); *expiresAt is when it ends at the latest.
    QString createSession(const UserRecord &user, const QString &address, PacketTime *expiresAt);
    std::optional<UserRecord> resolveToken(const QString &token);
    void revokeToken(const QString &token);
    bool revokeUserTokens(qint64 userId, QString *error);
    // mustChange: a one-time password (the reseller's invitation); the user changes it before anything else.
    bool setPassword(qint64 userId, const QString &password, bool mustChange, QString *error);
    bool setDisabled(qint64 userId, bool disabled, QString *error);
    bool deleteUser(qint64 userId, QString *error);
    void audit(const AuditEntry &entry);
    std::vector<QJsonObject> auditEntries(const AuditFilter &filter);

private:
    Accounts accounts() const;
    // Runs work inside one transaction on this thread's connection; rolls back on any failure.
    bool atomically(const std::function<bool(Accounts &, QString *)> &work, QString *error);

    QString m_path;
    PacketTime m_sessionLifetime;
    PacketTime m_idleTimeout;
    Clock m_clock;
    QString m_dummyHash;
};

} // namespace vv::agent
