#include "api/userstore.h"

#include "api/secrets.h"
#include "api/threaddb.h"
#include "common/logging.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace {

constexpr PacketTime kMinute = 60'000'000;

UserRecord userFrom(const QSqlQuery &q)
{
    UserRecord u;
    u.id = q.value(0).toLongLong();
    u.username = q.value(1).toString();
    u.role = q.value(2).toString();
    u.vaultId = q.value(3).toLongLong();
    u.disabled = q.value(4).toBool();
    u.createdAt = q.value(5).toLongLong();
    return u;
}

const char kUserColumns[] = "id, username, role, COALESCE(vault_id, 0), disabled, created_at";

} // namespace

QJsonObject UserRecord::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("id"), id);
    o.insert(QStringLiteral("username"), username);
    o.insert(QStringLiteral("role"), role);
    o.insert(QStringLiteral("vault_id"), vaultId ? QJsonValue(vaultId) : QJsonValue(QJsonValue::Null));
    o.insert(QStringLiteral("disabled"), disabled);
    o.insert(QStringLiteral("created_at"), isoUtcMillis(createdAt));
    return o;
}

UserStore::UserStore(QString dbPath, int sessionHours, int idleMinutes)
    : m_path(std::move(dbPath))
    , m_sessionLifetime(PacketTime(sessionHours) * 60 * kMinute)
    , m_idleTimeout(PacketTime(idleMinutes) * kMinute)
    , m_dummyHash(hashPassword(QStringLiteral("timing-equaliser")))
{}

bool UserStore::createUser(UserRecord *user, const QString &password, PacketTime now, QString *error)
{
    const QString hash = hashPassword(password);
    if (hash.isEmpty()) {
        *error = QStringLiteral("cannot hash the password (out of memory?)");
        return false;
    }
    QSqlQuery q(threadDatabase(m_path));
    q.prepare(QStringLiteral("INSERT INTO users(username, password_hash, role, vault_id, disabled, created_at, "
                             "password_changed_at) VALUES(?,?,?,?,0,?,?)"));
    q.addBindValue(user->username);
    q.addBindValue(hash);
    q.addBindValue(user->role);
    q.addBindValue(user->vaultId ? QVariant(user->vaultId) : QVariant(QMetaType(QMetaType::LongLong)));
    q.addBindValue(now);
    q.addBindValue(now);
    if (!q.exec()) {
        *error = q.lastError().text().contains(QStringLiteral("UNIQUE"))
                     ? QStringLiteral("a user named %1 already exists").arg(user->username)
                     : q.lastError().text();
        return false;
    }
    user->id = q.lastInsertId().toLongLong();
    user->createdAt = now;
    return true;
}

std::optional<UserRecord> UserStore::userById(qint64 id)
{
    QSqlQuery q(threadDatabase(m_path));
    q.prepare(QStringLiteral("SELECT %1 FROM users WHERE id=?").arg(QLatin1String(kUserColumns)));
    q.addBindValue(id);
    if (q.exec() && q.next())
        return userFrom(q);
    return std::nullopt;
}

std::optional<UserRecord> UserStore::userByName(const QString &username)
{
    QSqlQuery q(threadDatabase(m_path));
    q.prepare(QStringLiteral("SELECT %1 FROM users WHERE username=?").arg(QLatin1String(kUserColumns)));
    q.addBindValue(username);
    if (q.exec() && q.next())
        return userFrom(q);
    return std::nullopt;
}

std::vector<UserRecord> UserStore::users(qint64 vaultId)
{
    std::vector<UserRecord> out;
    QSqlQuery q(threadDatabase(m_path));
    q.prepare(
        QStringLiteral("SELECT %1 FROM users WHERE vault_id=? ORDER BY username").arg(QLatin1String(kUserColumns)));
    q.addBindValue(vaultId);
    q.exec();
    while (q.next())
        out.push_back(userFrom(q));
    return out;
}

std::optional<UserRecord> UserStore::authenticate(const QString &username, const QString &password)
{
    QSqlQuery q(threadDatabase(m_path));
    q.prepare(QStringLiteral("SELECT %1, password_hash FROM users WHERE username=?").arg(QLatin1String(kUserColumns)));
    q.addBindValue(username);
    if (!q.exec() || !q.next()) {
        verifyPassword(m_dummyHash, password); // same cost: no user enumeration by timing
        return std::nullopt;
    }
    UserRecord u = userFrom(q);
    const QString hash = q.value(6).toString();
    if (!verifyPassword(hash, password) || u.disabled)
        return std::nullopt;
    return u;
}

QString UserStore::createSession(const UserRecord &user, const QString &address, PacketTime now, PacketTime *expiresAt)
{
    const QString token = newToken();
    *expiresAt = now + m_sessionLifetime;
    QSqlQuery q(threadDatabase(m_path));
    q.prepare(QStringLiteral("INSERT INTO sessions(token_hash, user_id, created_at, last_used_at, expires_at, address) "
                             "VALUES(?,?,?,?,?,?)"));
    q.addBindValue(tokenHash(token));
    q.addBindValue(user.id);
    q.addBindValue(now);
    q.addBindValue(now);
    q.addBindValue(*expiresAt);
    q.addBindValue(address);
    if (!q.exec()) {
        qCCritical(lcPipeline).noquote() << "cannot store a session:" << q.lastError().text();
        return {};
    }
    return token;
}

std::optional<UserRecord> UserStore::resolveToken(const QString &token, PacketTime now)
{
    if (token.size() < 20 || token.size() > 128)
        return std::nullopt;
    const QString hash = tokenHash(token);
    QSqlDatabase db = threadDatabase(m_path);
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT s.user_id, s.last_used_at, s.expires_at, u.disabled FROM sessions s JOIN users u "
                             "ON u.id = s.user_id WHERE s.token_hash=?"));
    q.addBindValue(hash);
    if (!q.exec() || !q.next())
        return std::nullopt;
    const qint64 userId = q.value(0).toLongLong();
    const PacketTime lastUsed = q.value(1).toLongLong();
    const PacketTime expires = q.value(2).toLongLong();
    const bool disabled = q.value(3).toBool();
    q.finish();
    if (disabled || now >= expires || now - lastUsed > m_idleTimeout) {
        QSqlQuery d(db);
        d.prepare(QStringLiteral("DELETE FROM sessions WHERE token_hash=?"));
        d.addBindValue(hash);
        d.exec();
        return std::nullopt;
    }
    if (now - lastUsed > kMinute) { // touch at most once a minute: reads stay reads
        QSqlQuery u(db);
        u.prepare(QStringLiteral("UPDATE sessions SET last_used_at=? WHERE token_hash=?"));
        u.addBindValue(now);
        u.addBindValue(hash);
        u.exec();
    }
    return userById(userId);
}

void UserStore::revokeToken(const QString &token)
{
    QSqlQuery q(threadDatabase(m_path));
    q.prepare(QStringLiteral("DELETE FROM sessions WHERE token_hash=?"));
    q.addBindValue(tokenHash(token));
    q.exec();
}

void UserStore::revokeUserTokens(qint64 userId)
{
    QSqlQuery q(threadDatabase(m_path));
    q.prepare(QStringLiteral("DELETE FROM sessions WHERE user_id=?"));
    q.addBindValue(userId);
    q.exec();
}

bool UserStore::setPassword(qint64 userId, const QString &password, PacketTime now, QString *error)
{
    const QString hash = hashPassword(password);
    QSqlQuery q(threadDatabase(m_path));
    q.prepare(QStringLiteral("UPDATE users SET password_hash=?, password_changed_at=? WHERE id=?"));
    q.addBindValue(hash);
    q.addBindValue(now);
    q.addBindValue(userId);
    if (hash.isEmpty() || !q.exec()) {
        *error = QStringLiteral("cannot change the password");
        return false;
    }
    revokeUserTokens(userId);
    return true;
}

bool UserStore::setDisabled(qint64 userId, bool disabled, QString *error)
{
    QSqlQuery q(threadDatabase(m_path));
    q.prepare(QStringLiteral("UPDATE users SET disabled=? WHERE id=?"));
    q.addBindValue(disabled ? 1 : 0);
    q.addBindValue(userId);
    if (!q.exec()) {
        *error = q.lastError().text();
        return false;
    }
    if (disabled)
        revokeUserTokens(userId);
    return true;
}

bool UserStore::deleteUser(qint64 userId, QString *error)
{
    revokeUserTokens(userId);
    QSqlQuery q(threadDatabase(m_path));
    q.prepare(QStringLiteral("DELETE FROM users WHERE id=?"));
    q.addBindValue(userId);
    if (!q.exec()) {
        *error = q.lastError().text();
        return false;
    }
    return true;
}

void UserStore::audit(const AuditEntry &e)
{
    QSqlQuery q(threadDatabase(m_path));
    q.prepare(
        QStringLiteral("INSERT INTO audit(at, user_id, username, address, action, vault_id, recording_id, detail) "
                       "VALUES(?,?,?,?,?,?,?,?)"));
    q.addBindValue(e.at);
    q.addBindValue(e.user ? QVariant(e.user->id) : QVariant(QMetaType(QMetaType::LongLong)));
    q.addBindValue(e.user ? e.user->username : e.username.left(128));
    q.addBindValue(e.address);
    q.addBindValue(e.action);
    q.addBindValue(e.vaultId ? QVariant(e.vaultId) : QVariant(QMetaType(QMetaType::LongLong)));
    q.addBindValue(e.recordingId ? QVariant(e.recordingId) : QVariant(QMetaType(QMetaType::LongLong)));
    q.addBindValue(QString::fromUtf8(QJsonDocument(e.detail).toJson(QJsonDocument::Compact)));
    if (!q.exec())
        qCCritical(lcPipeline).noquote() << "audit log write failed:" << q.lastError().text();
}

std::vector<QJsonObject> UserStore::auditEntries(const AuditFilter &f)
{
    QString sql = QStringLiteral("SELECT id, at, username, address, action, vault_id, recording_id, detail FROM audit "
                                 "WHERE 1=1");
    QVariantList binds;
    if (f.from) {
        sql += QStringLiteral(" AND at >= ?");
        binds << f.from;
    }
    if (f.to) {
        sql += QStringLiteral(" AND at < ?");
        binds << f.to;
    }
    if (!f.username.isEmpty()) {
        sql += QStringLiteral(" AND username = ?");
        binds << f.username;
    }
    if (!f.action.isEmpty()) {
        sql += QStringLiteral(" AND action = ?");
        binds << f.action;
    }
    if (f.vaultId) {
        sql += QStringLiteral(" AND vault_id = ?");
        binds << f.vaultId;
    }
    if (f.beforeId) {
        sql += QStringLiteral(" AND id < ?");
        binds << f.beforeId;
    }
    sql += QStringLiteral(" ORDER BY id DESC LIMIT ?");
    binds << f.limit;
    QSqlQuery q(threadDatabase(m_path));
    q.prepare(sql);
    for (const QVariant &b : binds)
        q.addBindValue(b);
    std::vector<QJsonObject> out;
    if (!q.exec())
        return out;
    while (q.next()) {
        QJsonObject o;
        o.insert(QStringLiteral("id"), q.value(0).toLongLong());
        o.insert(QStringLiteral("at"), isoUtcMillis(q.value(1).toLongLong()));
        o.insert(QStringLiteral("user"),
                 q.value(2).isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(q.value(2).toString()));
        o.insert(QStringLiteral("address"), q.value(3).toString());
        o.insert(QStringLiteral("action"), q.value(4).toString());
        o.insert(QStringLiteral("vault_id"),
                 q.value(5).isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(q.value(5).toLongLong()));
        o.insert(QStringLiteral("recording_id"),
                 q.value(6).isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(q.value(6).toLongLong()));
        o.insert(QStringLiteral("detail"), QJsonDocument::fromJson(q.value(7).toString().toUtf8()).object());
        out.push_back(o);
    }
    return out;
}
