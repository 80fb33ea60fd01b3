// Customer logins of a vault: the reseller creates, resets, disables, deletes.
#include "api/apiserver.h"
#include "api/routehelpers.h"
#include "api/secrets.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace vv::agent {

namespace {

bool invalid(ApiExchange &r, const QString &field, const QString &detail)
{
    r.problem(422, QStringLiteral("Invalid field"), detail, field);
    return false;
}

bool checkKeys(ApiExchange &r, const QJsonObject &o, const QStringList &allowed)
{
    for (auto it = o.begin(); it != o.end(); ++it)
        if (!allowed.contains(it.key()))
            return invalid(r, it.key().left(64), QStringLiteral("unknown field \"%1\"").arg(it.key().left(64)));
    return true;
}

// A customer user of a vault the caller may manage; 404 otherwise.
std::optional<UserRecord> customerParam(ApiExchange &r, int i)
{
    const std::optional<qint64> id = r.idParam(i);
    std::optional<UserRecord> u;
    if (id)
        u = r.ctx.users->userById(*id);
    if (u && (u->role != u"customer" || (!r.isReseller() && u->vaultId != r.user->vaultId)))
        u.reset();
    if (!u)
        r.problem(404, QStringLiteral("Not found"), QStringLiteral("no such customer user"));
    return u;
}

void listUsers(ApiExchange &r)
{
    const auto v = vaultParam(r, 1);
    if (!v || !requireReseller(r))
        return;
    QJsonArray items;
    for (const UserRecord &u : r.ctx.users->users(v->id))
        items.append(u.toJson());
    QJsonObject o;
    o.insert(QStringLiteral("items"), items);
    r.json(o);
}

void createUser(ApiExchange &r)
{
    const auto v = vaultParam(r, 1);
    if (!v || !requireReseller(r))
        return;
    QJsonObject body;
    if (!r.body(&body) ||
        !checkKeys(r, body, {QStringLiteral("username"), QStringLiteral("password"), QStringLiteral("one_time")}))
        return;
    if (body.contains(QStringLiteral("one_time")) && !body.value(QStringLiteral("one_time")).isBool()) {
        invalid(r, QStringLiteral("one_time"), QStringLiteral("one_time must be true or false"));
        return;
    }
    static const QRegularExpression valid(QStringLiteral("\\A[A-Za-z0-9._@-]{3,64}\\z"));
    const QJsonValue name = body.value(QStringLiteral("username"));
    if (!name.isString() || !valid.match(name.toString()).hasMatch()) {
        invalid(r, QStringLiteral("username"), QStringLiteral("username must be 3-64 letters, digits, . _ @ -"));
        return;
    }
    QString password;
    bool generated = false;
    if (body.contains(QStringLiteral("password"))) {
        const QJsonValue p = body.value(QStringLiteral("password"));
        if (!p.isString() || p.toString().size() < 10 || p.toString().size() > 1024) {
            invalid(r, QStringLiteral("password"), QStringLiteral("password needs 10-1024 characters"));
            return;
        }
        password = p.toString();
    } else {
        password = generatePassword();
        generated = true;
    }
    UserRecord u;
    u.username = name.toString();
    u.role = QStringLiteral("customer");
    u.vaultId = v->id;
    u.mustChangePassword = body.value(QStringLiteral("one_time")).toBool();
    QString error;
    if (!r.ctx.users->createUser(&u, password, &error)) {
        r.problem(409, QStringLiteral("Conflict"), error, QStringLiteral("username"));
        return;
    }
    QJsonObject detail;
    detail.insert(QStringLiteral("username"), u.username);
    r.audit(QStringLiteral("user_created"), v->id, 0, detail);
    QJsonObject o;
    o.insert(QStringLiteral("user"), u.toJson());
    o.insert(QStringLiteral("password"), generated ? QJsonValue(password) : QJsonValue(QJsonValue::Null));
    r.json(o, 201);
}

void patchUser(ApiExchange &r)
{
    const auto u = customerParam(r, 1);
    if (!u || !requireReseller(r))
        return;
    QJsonObject body;
    if (!r.body(&body) || !checkKeys(r, body,
                                     {QStringLiteral("disabled"), QStringLiteral("reset_password"),
                                      QStringLiteral("password"), QStringLiteral("one_time")}))
        return;
    if (body.contains(QStringLiteral("one_time")) && !body.value(QStringLiteral("one_time")).isBool()) {
        invalid(r, QStringLiteral("one_time"), QStringLiteral("one_time must be true or false"));
        return;
    }
    QString error;
    QJsonObject detail;
    detail.insert(QStringLiteral("username"), u->username);
    QString shownPassword;
    if (body.contains(QStringLiteral("disabled"))) {
        if (!body.value(QStringLiteral("disabled")).isBool()) {
            invalid(r, QStringLiteral("disabled"), QStringLiteral("disabled must be true or false"));
            return;
        }
    }
    if (body.contains(QStringLiteral("reset_password")) && !body.value(QStringLiteral("reset_password")).isBool()) {
        invalid(r, QStringLiteral("reset_password"), QStringLiteral("reset_password must be true or false"));
        return;
    }
    if (body.contains(QStringLiteral("password"))) {
        const QJsonValue p = body.value(QStringLiteral("password"));
        if (!p.isString() || p.toString().size() < 10 || p.toString().size() > 1024) {
            invalid(r, QStringLiteral("password"), QStringLiteral("password needs 10-1024 characters"));
            return;
        }
    }
    if (body.contains(QStringLiteral("disabled"))) {
        const bool disabled = body.value(QStringLiteral("disabled")).toBool();
        if (!r.ctx.users->setDisabled(u->id, disabled, &error))
            return r.problem(503, QStringLiteral("Not saved"), error);
        detail.insert(QStringLiteral("disabled"), disabled);
    }
    if (body.value(QStringLiteral("reset_password")).toBool() || body.contains(QStringLiteral("password"))) {
        const bool generate = !body.contains(QStringLiteral("password"));
        const QString password = generate ? generatePassword() : body.value(QStringLiteral("password")).toString();
        if (!r.ctx.users->setPassword(u->id, password, body.value(QStringLiteral("one_time")).toBool(), &error))
            return r.problem(503, QStringLiteral("Not saved"), error);
        if (generate)
            shownPassword = password;
        detail.insert(QStringLiteral("password_reset"), true);
    }
    r.audit(QStringLiteral("user_changed"), u->vaultId, 0, detail);
    QJsonObject o;
    o.insert(QStringLiteral("user"), r.ctx.users->userById(u->id)->toJson());
    o.insert(QStringLiteral("password"),
             shownPassword.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(shownPassword));
    r.json(o);
}

void deleteUser(ApiExchange &r)
{
    const auto u = customerParam(r, 1);
    if (!u || !requireReseller(r))
        return;
    QString error;
    if (!r.ctx.users->deleteUser(u->id, &error))
        return r.problem(503, QStringLiteral("Not deleted"), error);
    QJsonObject detail;
    detail.insert(QStringLiteral("username"), u->username);
    r.audit(QStringLiteral("user_deleted"), u->vaultId, 0, detail);
    r.noContent();
}

} // namespace

std::vector<Route> userRoutes()
{
    return {
        {QStringLiteral("GET"), QStringLiteral("/api/v1/vaults/{vaultId}/users"), Access::Signed, listUsers},
        {QStringLiteral("POST"), QStringLiteral("/api/v1/vaults/{vaultId}/users"), Access::Signed, createUser},
        {QStringLiteral("PATCH"), QStringLiteral("/api/v1/users/{userId}"), Access::Signed, patchUser},
        {QStringLiteral("DELETE"), QStringLiteral("/api/v1/users/{userId}"), Access::Signed, deleteUser},
    };
}

} // namespace vv::agent
