#include "vault/accounts.h"

#include "vault/catalogue.h"
#include "vault/hashchain.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace vv::agent {

namespace {

const char kUserColumns[] = "id, username, role, COALESCE(vault_id, 0), disabled, created_at, must_change_password";

UserRecord userFrom(const QSqlQuery &q)
{
    UserRecord u;
    u.id = q.value(0).toLongLong();
    u.username = q.value(1).toString();
    u.role = q.value(2).toString();
    u.vaultId = q.value(3).toLongLong();
    u.disabled = q.value(4).toBool();
    u.createdAt = q.value(5).toLongLong();
    u.mustChangePassword = q.value(6).toBool();
    return u;
}

QVariant idOrNull(qint64 v)
{
    return v ? QVariant(v) : QVariant(QMetaType(QMetaType::LongLong));
}

bool run(QSqlQuery &q, QString *error)
{
    if (q.exec())
        return true;
    if (error)
        *error = q.lastError().text();
    return false;
}

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
    o.insert(QStringLiteral("must_change_password"), mustChangePassword);
    return o;
}

bool Accounts::insertUser(UserRecord *user, const QString &passwordHash, PacketTime now, QString *error)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO users(username, password_hash, role, vault_id, disabled, created_at, "
                             "password_changed_at, must_change_password) VALUES(?,?,?,?,0,?,?,?)"));
    q.addBindValue(user->username);
    q.addBindValue(passwordHash);
    q.addBindValue(user->role);
    q.addBindValue(idOrNull(user->vaultId));
    q.addBindValue(now);
    q.addBindValue(now);
    q.addBindValue(user->mustChangePassword ? 1 : 0);
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

std::optional<UserRecord> Accounts::userById(qint64 id)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT %1 FROM users WHERE id=?").arg(QLatin1String(kUserColumns)));
    q.addBindValue(id);
    execRead(q, "a user");
    if (q.next())
        return userFrom(q);
    return std::nullopt;
}

std::optional<UserRecord> Accounts::userByName(const QString &username, QString *passwordHash)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT %1, password_hash FROM users WHERE username=?").arg(QLatin1String(kUserColumns)));
    q.addBindValue(username);
    execRead(q, "a user"); // an unreadable catalogue is not a wrong password
    if (!q.next())
        return std::nullopt;
    if (passwordHash)
        *passwordHash = q.value(7).toString();
    return userFrom(q);
}

std::vector<UserRecord> Accounts::usersOfVault(qint64 vaultId)
{
    std::vector<UserRecord> out;
    QSqlQuery q(m_db);
    q.prepare(
        QStringLiteral("SELECT %1 FROM users WHERE vault_id=? ORDER BY username").arg(QLatin1String(kUserColumns)));
    q.addBindValue(vaultId);
    execRead(q, "users of a vault");
    while (q.next())
        out.push_back(userFrom(q));
    checkRead(q, "users of a vault");
    return out;
}

bool Accounts::setPasswordHash(qint64 userId, const QString &hash, PacketTime now, bool mustChange, QString *error)
{
    QSqlQuery q(m_db);
    q.prepare(
        QStringLiteral("UPDATE users SET password_hash=?, password_changed_at=?, must_change_password=? WHERE id=?"));
    q.addBindValue(hash);
    q.addBindValue(now);
    q.addBindValue(mustChange ? 1 : 0);
    q.addBindValue(userId);
    return run(q, error);
}

bool Accounts::setDisabled(qint64 userId, bool disabled, QString *error)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE users SET disabled=? WHERE id=?"));
    q.addBindValue(disabled ? 1 : 0);
    q.addBindValue(userId);
    return run(q, error);
}

bool Accounts::deleteUser(qint64 userId, QString *error)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM users WHERE id=?"));
    q.addBindValue(userId);
    return run(q, error);
}

bool Accounts::insertSession(const QString &tokenHash, qint64 userId, const QString &address, PacketTime now,
                             PacketTime expiresAt, QString *error)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO sessions(token_hash, user_id, created_at, last_used_at, expires_at, address) "
                             "VALUES(?,?,?,?,?,?)"));
    q.addBindValue(tokenHash);
    q.addBindValue(userId);
    q.addBindValue(now);
    q.addBindValue(now);
    q.addBindValue(expiresAt);
    q.addBindValue(address);
    return run(q, error);
}

std::optional<SessionRecord> Accounts::session(const QString &tokenHash)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT s.user_id, s.last_used_at, s.expires_at, u.disabled FROM sessions s JOIN users u "
                             "ON u.id = s.user_id WHERE s.token_hash=?"));
    q.addBindValue(tokenHash);
    execRead(q, "a session"); // an unreadable catalogue must not sign people out
    if (!q.next())
        return std::nullopt;
    return SessionRecord{q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toLongLong(),
                         q.value(3).toBool()};
}

bool Accounts::touchSession(const QString &tokenHash, PacketTime now)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE sessions SET last_used_at=? WHERE token_hash=?"));
    q.addBindValue(now);
    q.addBindValue(tokenHash);
    return q.exec();
}

bool Accounts::deleteSession(const QString &tokenHash)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM sessions WHERE token_hash=?"));
    q.addBindValue(tokenHash);
    return q.exec();
}

bool Accounts::deleteUserSessions(qint64 userId, QString *error)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM sessions WHERE user_id=?"));
    q.addBindValue(userId);
    return run(q, error);
}

bool Accounts::insertAudit(const AuditEntry &e, QString *error)
{
    // Chained (vault/hashchain.h): the previous row's hash is read and the new row written under one write lock,
    // so two API threads can never both extend the same row. Rows from before schema 9 have no hash (prev = 0s).
    // BEGIN IMMEDIATE takes the write lock before the read (a deferred transaction could read a row another
    // thread is about to follow, and then fail to write).
    QSqlQuery begin(m_db);
    if (!begin.exec(QStringLiteral("BEGIN IMMEDIATE"))) {
        *error = begin.lastError().text();
        return false;
    }
    auto fail = [&](const QString &why) {
        *error = why;
        QSqlQuery(m_db).exec(QStringLiteral("ROLLBACK"));
        return false;
    };
    QSqlQuery last(m_db);
    if (!last.exec(QStringLiteral("SELECT hash FROM audit ORDER BY id DESC LIMIT 1")))
        return fail(last.lastError().text());
    QByteArray prev = last.next() ? last.value(0).toByteArray() : QByteArray();
    if (prev.isEmpty())
        prev = QByteArray(32, '\0');
    const QString username = e.user ? e.user->username : e.username.left(128);
    const QString detail = QString::fromUtf8(QJsonDocument(e.detail).toJson(QJsonDocument::Compact));
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO audit(at, user_id, username, address, action, vault_id, recording_id, "
                             "detail, prev, hash) VALUES(?,?,?,?,?,?,?,?,?,?)"));
    q.addBindValue(e.at);
    q.addBindValue(idOrNull(e.user ? e.user->id : 0));
    q.addBindValue(username);
    q.addBindValue(e.address);
    q.addBindValue(e.action);
    q.addBindValue(idOrNull(e.vaultId));
    q.addBindValue(idOrNull(e.recordingId));
    q.addBindValue(detail);
    q.addBindValue(prev);
    q.addBindValue(chain::auditHash(prev, e.at, username, e.address, e.action, e.vaultId, e.recordingId, detail));
    if (!q.exec())
        return fail(q.lastError().text());
    QSqlQuery commit(m_db);
    if (!commit.exec(QStringLiteral("COMMIT")))
        return fail(commit.lastError().text());
    return true;
}

std::vector<QJsonObject> Accounts::auditEntries(const AuditFilter &f, QString *error)
{
    QString sql = QStringLiteral("SELECT id, at, username, address, action, vault_id, recording_id, detail FROM audit "
                                 "WHERE 1=1");
    QVariantList binds;
    auto add = [&](const char *condition, const QVariant &v) {
        sql += QLatin1String(condition);
        binds << v;
    };
    if (f.from)
        add(" AND at >= ?", f.from);
    if (f.to)
        add(" AND at < ?", f.to);
    if (!f.username.isEmpty())
        add(" AND username = ?", f.username);
    if (!f.action.isEmpty())
        add(" AND action = ?", f.action);
    if (f.vaultId)
        add(" AND vault_id = ?", f.vaultId);
    if (f.recordingId)
        add(" AND recording_id = ?", f.recordingId);
    if (f.beforeId)
        add(" AND id < ?", f.beforeId);
    add(" ORDER BY id DESC LIMIT ?", f.limit);
    QSqlQuery q(m_db);
    q.prepare(sql);
    for (const QVariant &b : binds)
        q.addBindValue(b);
    std::vector<QJsonObject> out;
    if (!run(q, error))
        return out;
    auto idOrJsonNull = [](const QVariant &v) {
        return v.isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(v.toLongLong());
    };
    while (q.next()) {
        QJsonObject o;
        o.insert(QStringLiteral("id"), q.value(0).toLongLong());
        o.insert(QStringLiteral("at"), isoUtcMillis(q.value(1).toLongLong()));
        o.insert(QStringLiteral("user"),
                 q.value(2).isNull() ? QJsonValue(QJsonValue::Null) : QJsonValue(q.value(2).toString()));
        o.insert(QStringLiteral("address"), q.value(3).toString());
        o.insert(QStringLiteral("action"), q.value(4).toString());
        o.insert(QStringLiteral("vault_id"), idOrJsonNull(q.value(5)));
        o.insert(QStringLiteral("recording_id"), idOrJsonNull(q.value(6)));
        o.insert(QStringLiteral("detail"), QJsonDocument::fromJson(q.value(7).toString().toUtf8()).object());
        out.push_back(o);
    }
    return out;
}

} // namespace vv::agent
