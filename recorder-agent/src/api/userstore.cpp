#include "api/userstore.h"

#include "api/secrets.h"
#include "api/threaddb.h"
#include "common/logging.h"

#include <QDateTime>
#include <QSqlError>

namespace vv::agent {

namespace {

constexpr PacketTime kMinute = 60'000'000;

PacketTime wallClock()
{
    return QDateTime::currentMSecsSinceEpoch() * 1000;
}

} // namespace

UserStore::UserStore(QString dbPath, int sessionHours, int idleMinutes, Clock clock)
    : m_path(std::move(dbPath))
    , m_sessionLifetime(PacketTime(sessionHours) * 60 * kMinute)
    , m_idleTimeout(PacketTime(idleMinutes) * kMinute)
    , m_clock(clock ? std::move(clock) : Clock(wallClock))
    , m_dummyHash(hashPassword(QStringLiteral("timing-equaliser")))
{}

Accounts UserStore::accounts() const
{
    return Accounts(threadDatabase(m_path));
}

bool UserStore::createUser(UserRecord *user, const QString &password, QString *error)
{
    const QString hash = hashPassword(password);
    if (hash.isEmpty()) {
        *error = QStringLiteral("cannot hash the password (out of memory?)");
        return false;
    }
    return accounts().insertUser(user, hash, now(), error);
}

std::optional<UserRecord> UserStore::userById(qint64 id)
{
    return accounts().userById(id);
}

std::optional<UserRecord> UserStore::userByName(const QString &username)
{
    return accounts().userByName(username);
}

std::vector<UserRecord> UserStore::users(qint64 vaultId)
{
    return accounts().usersOfVault(vaultId);
}

std::optional<UserRecord> UserStore::authenticate(const QString &username, const QString &password)
{
    QString hash;
    const std::optional<UserRecord> u = accounts().userByName(username, &hash);
    if (!u) {
        verifyPassword(m_dummyHash, password); // same cost: no user enumeration by timing
        return std::nullopt;
    }
    if (!verifyPassword(hash, password) || u->disabled)
        return std::nullopt;
    return u;
}

QString UserStore::createSession(const UserRecord &user, const QString &address, PacketTime *expiresAt)
{
    const QString token = newToken();
    const PacketTime t = now();
    *expiresAt = t + m_sessionLifetime;
    QString error;
    if (!accounts().insertSession(tokenHash(token), user.id, address, t, *expiresAt, &error)) {
        qCCritical(lcApi).noquote() << "cannot store a session:" << error;
        return {};
    }
    return token;
}

std::optional<UserRecord> UserStore::resolveToken(const QString &token)
{
    if (token.size() < 20 || token.size() > 128)
        return std::nullopt;
    const QString hash = tokenHash(token);
    Accounts store = accounts();
    const std::optional<SessionRecord> s = store.session(hash);
    if (!s)
        return std::nullopt;
    const PacketTime t = now();
    if (s->userDisabled || t >= s->expiresAt || t - s->lastUsedAt > m_idleTimeout) {
        store.deleteSession(hash);
        return std::nullopt;
    }
    // Touch at most once a minute, so reads stay reads; with a short idle limit, often enough that a session in
    // use never looks idle (a quarter of the limit).
    if (t - s->lastUsedAt > std::min(kMinute, m_idleTimeout / 4))
        store.touchSession(hash, t);
    return store.userById(s->userId);
}

void UserStore::revokeToken(const QString &token)
{
    accounts().deleteSession(tokenHash(token));
}

bool UserStore::revokeUserTokens(qint64 userId, QString *error)
{
    return accounts().deleteUserSessions(userId, error);
}

bool UserStore::atomically(const std::function<bool(Accounts &, QString *)> &work, QString *error)
{
    QSqlDatabase db = threadDatabase(m_path);
    if (!db.transaction()) {
        *error = QStringLiteral("cannot start a transaction: %1").arg(db.lastError().text());
        return false;
    }
    Accounts store(db);
    if (!work(store, error) || !db.commit()) {
        if (error->isEmpty())
            *error = db.lastError().text();
        db.rollback();
        return false;
    }
    return true;
}

// The new password and the end of every session under the old one commit
// together: a failure leaves both as they were, never a changed password with
// a stolen token still valid.
bool UserStore::setPassword(qint64 userId, const QString &password, bool mustChange, QString *error)
{
    const QString hash = hashPassword(password);
    QString why;
    const bool ok = !hash.isEmpty() && atomically(
                                           [&](Accounts &store, QString *e) {
                                               return store.setPasswordHash(userId, hash, now(), mustChange, e) &&
                                                      store.deleteUserSessions(userId, e);
                                           },
                                           &why);
    if (!ok) {
        qCWarning(lcApi).noquote() << "password change failed:" << (hash.isEmpty() ? QStringLiteral("hashing") : why);
        *error = QStringLiteral("cannot change the password");
    }
    return ok;
}

bool UserStore::setDisabled(qint64 userId, bool disabled, QString *error)
{
    return atomically(
        [&](Accounts &store, QString *e) {
            return store.setDisabled(userId, disabled, e) && (!disabled || store.deleteUserSessions(userId, e));
        },
        error);
}

bool UserStore::deleteUser(qint64 userId, QString *error)
{
    return atomically(
        [&](Accounts &store, QString *e) { return store.deleteUserSessions(userId, e) && store.deleteUser(userId, e); },
        error);
}

void UserStore::audit(const AuditEntry &e)
{
    QString error;
    if (!accounts().insertAudit(e, &error))
        qCCritical(lcApi).noquote() << "audit log write failed:" << error;
}

std::vector<QJsonObject> UserStore::auditEntries(const AuditFilter &filter)
{
    QString error;
    return accounts().auditEntries(filter, &error);
}

} // namespace vv::agent
