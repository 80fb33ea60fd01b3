// Sign-in, sign-out, the signed-in user and their password.
#include "api/apiserver.h"
#include "api/routehelpers.h"
#include "api/secrets.h"

#include <QJsonArray>

namespace vv::agent {

namespace {

bool onlyKeys(ApiExchange &r, const QJsonObject &o, const QStringList &allowed)
{
    for (auto it = o.begin(); it != o.end(); ++it)
        if (!allowed.contains(it.key())) {
            r.problem(422, QStringLiteral("Unknown field"),
                      QStringLiteral("unknown field \"%1\"").arg(it.key().left(64)), it.key().left(64));
            return false;
        }
    return true;
}

bool stringField(ApiExchange &r, const QJsonObject &o, const QString &key, QString *out, int maxLen = 1024)
{
    const QJsonValue v = o.value(key);
    if (!v.isString() || v.toString().isEmpty() || v.toString().size() > maxLen) {
        r.problem(422, QStringLiteral("Invalid field"),
                  QStringLiteral("\"%1\" must be a non-empty string of at most %2 characters").arg(key).arg(maxLen),
                  key);
        return false;
    }
    *out = v.toString();
    return true;
}

void signIn(ApiExchange &r)
{
    QJsonObject body;
    if (!r.body(&body) || !onlyKeys(r, body, {QStringLiteral("username"), QStringLiteral("password")}))
        return;
    QString username;
    QString password;
    if (!stringField(r, body, QStringLiteral("username"), &username, 128) ||
        !stringField(r, body, QStringLiteral("password"), &password, 1024))
        return;
    // The attempt is counted before the password is checked (see LoginThrottle).
    if (const int wait = r.ctx.throttle.begin(username, r.address())) {
        r.res.setHeader("Retry-After", std::to_string(wait));
        r.problem(429, QStringLiteral("Too many attempts"),
                  QStringLiteral("too many failed sign-ins; try again in %1 seconds").arg(wait));
        return;
    }
    const std::optional<UserRecord> user = r.ctx.users->authenticate(username, password);
    r.ctx.throttle.finished(username, r.address(), user.has_value());
    if (!user) {
        AuditEntry e;
        e.at = r.ctx.users->now();
        // What was typed is kept only when it names an account: people type
        // passwords into the user name field, and those must not be stored.
        e.username = r.ctx.users->userByName(username) ? username : QStringLiteral("(unknown user)");
        e.address = r.address();
        e.action = QStringLiteral("sign_in_failed");
        r.ctx.users->audit(e);
        r.problem(401, QStringLiteral("Sign-in failed"),
                  QStringLiteral("wrong username or password, or the account is disabled"));
        return;
    }
    PacketTime expires = 0;
    const QString token = r.ctx.users->createSession(*user, r.address(), &expires);
    if (token.isEmpty()) {
        r.problem(503, QStringLiteral("Unavailable"), QStringLiteral("the session could not be stored; try again"));
        return;
    }
    r.user = user;
    r.audit(QStringLiteral("sign_in"), user->vaultId);
    QJsonObject o;
    o.insert(QStringLiteral("token"), token);
    o.insert(QStringLiteral("expires_at"), isoUtcMillis(expires));
    o.insert(QStringLiteral("user"), user->toJson());
    r.json(o, 201);
}

void signOut(ApiExchange &r)
{
    r.ctx.users->revokeToken(r.token);
    r.audit(QStringLiteral("sign_out"), r.user->vaultId);
    r.noContent();
}

void me(ApiExchange &r)
{
    r.json(r.user->toJson());
}

void changePassword(ApiExchange &r)
{
    QJsonObject body;
    if (!r.body(&body) || !onlyKeys(r, body, {QStringLiteral("current_password"), QStringLiteral("new_password")}))
        return;
    QString current;
    QString fresh;
    if (!stringField(r, body, QStringLiteral("current_password"), &current) ||
        !stringField(r, body, QStringLiteral("new_password"), &fresh))
        return;
    if (fresh.size() < 10) {
        r.problem(422, QStringLiteral("Invalid field"), QStringLiteral("the new password needs at least 10 characters"),
                  QStringLiteral("new_password"));
        return;
    }
    if (const int wait = r.ctx.throttle.begin(r.user->username, r.address())) {
        r.res.setHeader("Retry-After", std::to_string(wait));
        r.problem(429, QStringLiteral("Too many attempts"), QStringLiteral("try again in %1 seconds").arg(wait));
        return;
    }
    if (fresh == current) {
        r.problem(422, QStringLiteral("Invalid field"),
                  QStringLiteral("the new password must differ from the current one"), QStringLiteral("new_password"));
        return;
    }
    const bool right = r.ctx.users->authenticate(r.user->username, current).has_value();
    r.ctx.throttle.finished(r.user->username, r.address(), right);
    if (!right) {
        r.problem(403, QStringLiteral("Wrong password"), QStringLiteral("the current password is not right"),
                  QStringLiteral("current_password"));
        return;
    }
    QString error;
    if (!r.ctx.users->setPassword(r.user->id, fresh, false, &error)) {
        r.problem(503, QStringLiteral("Unavailable"), error);
        return;
    }
    r.audit(QStringLiteral("password_changed"), r.user->vaultId);
    r.noContent();
}

} // namespace

std::vector<Route> sessionRoutes()
{
    return {
        {QStringLiteral("POST"), QStringLiteral("/api/v1/session"), Access::Public, signIn},
        {QStringLiteral("DELETE"), QStringLiteral("/api/v1/session"), Access::Account, signOut},
        {QStringLiteral("GET"), QStringLiteral("/api/v1/me"), Access::Account, me},
        {QStringLiteral("PUT"), QStringLiteral("/api/v1/me/password"), Access::Account, changePassword},
    };
}

} // namespace vv::agent
