// Recording assurance through the API: health events (and acknowledging them),
// the per-day ledger of each vault, the storage samples the app charts, and
// who is told (webhooks, e-mail), with a "send a test" and the delivery record.
#include "api/apiserver.h"
#include "api/routehelpers.h"
#include "api/secrets.h"
#include "api/threaddb.h"
#include "vault/healthstore.h"

#include <QHostAddress>
#include <QJsonArray>
#include <QRegularExpression>
#include <QUrl>

namespace vv::agent {

namespace {

constexpr PacketTime kDay = 86'400'000'000LL;

// Agent-wide events a customer sees too: they stop their calls being recorded.
bool customerVisible(const HealthEvent &e, qint64 vaultId)
{
    if (e.vaultId)
        return e.vaultId == vaultId;
    static const QStringList kinds{QStringLiteral("capture_down"), QStringLiteral("no_sip"),
                                   QStringLiteral("disk_reserve"), QStringLiteral("catalogue_errors")};
    return kinds.contains(e.kind);
}

HealthStore health(ApiExchange &r)
{
    return HealthStore(threadDatabase(r.ctx.cataloguePath));
}

void listEvents(ApiExchange &r)
{
    HealthFilter f;
    f.openOnly = r.query("open") == u"true" || r.query("open") == u"1";
    bool ok = true;
    if (r.hasQuery("limit")) {
        f.limit = r.query("limit").toInt(&ok);
        if (!ok || f.limit < 1 || f.limit > 1000)
            return r.problem(422, QStringLiteral("Invalid parameter"), QStringLiteral("limit is 1-1000"),
                             QStringLiteral("limit"));
    }
    if (r.hasQuery("vault")) {
        const qint64 id = r.query("vault").toLongLong(&ok);
        if (!ok || id <= 0)
            return r.problem(422, QStringLiteral("Invalid parameter"), QStringLiteral("vault is a vault id"),
                             QStringLiteral("vault"));
        f.vaultId = id;
    }
    if (!r.isReseller())
        f.vaultId = r.user->vaultId;
    QJsonArray items;
    for (const HealthEvent &e : health(r).events(f))
        if (r.isReseller() || customerVisible(e, r.user->vaultId))
            items.append(e.toJson());
    r.json(QJsonObject{{QStringLiteral("items"), items}});
}

void acknowledge(ApiExchange &r)
{
    const std::optional<qint64> id = r.idParam(1);
    HealthStore store = health(r);
    const std::optional<HealthEvent> e = id ? store.event(*id) : std::nullopt;
    // A customer learns nothing of events they may not see: 404 as for none, 403 only for their own.
    if (!e || (!r.isReseller() && !customerVisible(*e, r.user->vaultId)))
        return r.problem(404, QStringLiteral("Not found"), QStringLiteral("no such health event"));
    if (!requireReseller(r))
        return;
    if (e->acknowledgedAt)
        return r.json(e->toJson());
    HealthEntry ack{nowMicros(),
                    e->key,
                    e->kind,
                    e->vaultId,
                    QStringLiteral("ack"),
                    e->severity,
                    QStringLiteral("acknowledged"),
                    r.user->username};
    QString error;
    bool ok = store.append(ack, nullptr, &error);
    // A moment (a missed call, a restart) has no condition to clear: seeing it is what ends it.
    if (ok && e->open() && (e->kind == u"missed_call" || e->kind == u"agent_restarted" || e->kind == u"cdr_missed")) {
        HealthEntry resolve = ack;
        resolve.action = QStringLiteral("resolve");
        resolve.detail = QStringLiteral("acknowledged by %1").arg(r.user->username);
        ok = store.append(resolve, nullptr, &error);
    }
    if (!ok)
        return r.problem(503, QStringLiteral("Not saved"), error);
    r.audit(QStringLiteral("health_acknowledged"), e->vaultId, 0,
            QJsonObject{{QStringLiteral("event"), e->id}, {QStringLiteral("kind"), e->kind}});
    r.json(store.event(e->id)->toJson());
}

void assurance(ApiExchange &r)
{
    const auto v = vaultParam(r, 1);
    if (!v)
        return;
    int days = 7;
    if (r.hasQuery("days")) {
        bool ok = false;
        days = r.query("days").toInt(&ok);
        if (!ok || days < 1 || days > 366)
            return r.problem(422, QStringLiteral("Invalid parameter"), QStringLiteral("days is 1-366"),
                             QStringLiteral("days"));
    }
    const PacketTime now = nowMicros();
    const PacketTime today = now - now % kDay;
    QJsonArray items;
    AssuranceDay total;
    for (const AssuranceDay &d : health(r).assurance(v->id, today - (days - 1) * kDay, days)) {
        items.append(d.toJson());
        total.shouldRecord += d.shouldRecord;
        total.recorded += d.recorded;
        total.degraded += d.degraded;
        total.missed += d.missed;
    }
    QJsonObject totals = total.toJson();
    totals.remove(QStringLiteral("day"));
    r.json(QJsonObject{
        {QStringLiteral("vault_id"), v->id}, {QStringLiteral("days"), items}, {QStringLiteral("total"), totals}});
}

void usageSamples(ApiExchange &r)
{
    const auto v = vaultParam(r, 1);
    if (!v)
        return;
    int days = 30;
    if (r.hasQuery("days")) {
        bool ok = false;
        days = r.query("days").toInt(&ok);
        if (!ok || days < 1 || days > 400)
            return r.problem(422, QStringLiteral("Invalid parameter"), QStringLiteral("days is 1-400"),
                             QStringLiteral("days"));
    }
    const PacketTime now = nowMicros();
    QJsonArray items;
    for (const UsageSample &s : threadCatalogue(r.ctx.cataloguePath)->usageSamples(v->id, now - days * kDay, now + 1))
        items.append(QJsonObject{{QStringLiteral("at"), isoUtcMillis(s.at)}, {QStringLiteral("bytes"), s.storedBytes}});
    r.json(QJsonObject{{QStringLiteral("vault_id"), v->id},
                       {QStringLiteral("cap_bytes"),
                        v->capBytes && r.isReseller() ? QJsonValue(*v->capBytes) : QJsonValue(QJsonValue::Null)},
                       {QStringLiteral("items"), items}});
}

bool mayManage(ApiExchange &r, const Subscription &s)
{
    return r.isReseller() || (s.vaultId && s.vaultId == r.user->vaultId);
}

void listSubscriptions(ApiExchange &r)
{
    QJsonArray items;
    for (const Subscription &s : health(r).subscriptions())
        if (mayManage(r, s))
            items.append(s.toJson());
    r.json(QJsonObject{{QStringLiteral("items"), items}});
}

// Webhooks go to HTTPS (plain HTTP only to a loopback receiver); e-mail to one plain address.
QString checkTarget(const QString &kind, const QString &target)
{
    if (kind == u"webhook") {
        const QUrl url(target, QUrl::StrictMode);
        const QHostAddress host(url.host());
        const bool loopback = url.host() == u"localhost" || (!host.isNull() && host.isLoopback());
        if (!url.isValid() || url.host().isEmpty() || !url.userInfo().isEmpty() ||
            (url.scheme() != u"https" && !(url.scheme() == u"http" && loopback)))
            return QStringLiteral("target must be an https:// URL (http:// only to a receiver on this host)");
        return {};
    }
    static const QRegularExpression email(QStringLiteral("\\A[^@\\s<>\"(),;:]{1,64}@[A-Za-z0-9.-]{1,253}\\z"));
    if (!email.match(target).hasMatch())
        return QStringLiteral("target must be one e-mail address, e.g. ops@example.com");
    return {};
}

void createSubscription(ApiExchange &r)
{
    QJsonObject body;
    if (!r.body(&body))
        return;
    for (auto it = body.begin(); it != body.end(); ++it)
        if (!QStringList{QStringLiteral("kind"), QStringLiteral("target"), QStringLiteral("vault_id"),
                         QStringLiteral("alerts"), QStringLiteral("digest")}
                 .contains(it.key()))
            return r.problem(422, QStringLiteral("Invalid field"),
                             QStringLiteral("unknown field \"%1\"").arg(it.key().left(64)), it.key().left(64));
    Subscription s;
    s.kind = body.value(QStringLiteral("kind")).toString();
    s.target = body.value(QStringLiteral("target")).toString().trimmed();
    if (s.kind != u"webhook" && s.kind != u"email")
        return r.problem(422, QStringLiteral("Invalid field"), QStringLiteral("kind is webhook or email"),
                         QStringLiteral("kind"));
    if (const QString why = checkTarget(s.kind, s.target); !why.isEmpty())
        return r.problem(422, QStringLiteral("Invalid field"), why, QStringLiteral("target"));
    if (s.kind == u"email" && !r.ctx.smtpConfigured)
        return r.problem(422, QStringLiteral("No e-mail"),
                         QStringLiteral("this agent has no [smtp] server configured, so it cannot send e-mail"),
                         QStringLiteral("kind"));
    for (const char *flag : {"alerts", "digest"})
        if (body.contains(QLatin1String(flag)) && !body.value(QLatin1String(flag)).isBool())
            return r.problem(422, QStringLiteral("Invalid field"), QStringLiteral("%1 is true or false").arg(flag),
                             QLatin1String(flag));
    s.alerts = body.value(QStringLiteral("alerts")).toBool(true);
    s.digest = body.value(QStringLiteral("digest")).toBool(false);
    if (!s.alerts && !s.digest)
        return r.problem(422, QStringLiteral("Invalid field"),
                         QStringLiteral("subscribe to alerts, the digest or both"), QStringLiteral("alerts"));
    const QJsonValue vault = body.value(QStringLiteral("vault_id"));
    if (!vault.isUndefined() && !vault.isNull()) {
        s.vaultId = vault.toInteger(0);
        if (s.vaultId <= 0 || !findVault(r, s.vaultId))
            return r.problem(422, QStringLiteral("Invalid field"), QStringLiteral("no such vault"),
                             QStringLiteral("vault_id"));
    }
    if (!r.isReseller()) {
        // Customers hear about their own vault, by e-mail.
        if (s.kind != u"email")
            return r.problem(403, QStringLiteral("Forbidden"), QStringLiteral("customers subscribe by e-mail"));
        s.vaultId = r.user->vaultId;
    }
    s.createdBy = r.user->username;
    s.createdAt = nowMicros();
    if (s.kind == u"webhook")
        s.secret = newToken();
    QString error;
    if (!health(r).addSubscription(&s, &error))
        return r.problem(503, QStringLiteral("Not saved"), error);
    r.audit(QStringLiteral("subscription_created"), s.vaultId, 0, s.toJson());
    QJsonObject o = s.toJson();
    if (s.kind == u"webhook")
        o.insert(QStringLiteral("secret"), s.secret); // shown this once: the receiver checks signatures with it
    r.json(o, 201);
}

std::optional<Subscription> subscriptionParam(ApiExchange &r)
{
    const std::optional<qint64> id = r.idParam(1);
    std::optional<Subscription> s = id ? health(r).subscription(*id) : std::nullopt;
    if (s && !mayManage(r, *s))
        s.reset();
    if (!s)
        r.problem(404, QStringLiteral("Not found"), QStringLiteral("no such subscription"));
    return s;
}

void deleteSubscription(ApiExchange &r)
{
    const auto s = subscriptionParam(r);
    if (!s)
        return;
    QString error;
    if (!health(r).removeSubscription(s->id, &error))
        return r.problem(503, QStringLiteral("Not saved"), error);
    r.audit(QStringLiteral("subscription_removed"), s->vaultId, 0, s->toJson());
    r.noContent();
}

void testSubscription(ApiExchange &r)
{
    const auto s = subscriptionParam(r);
    if (!s)
        return;
    const PacketTime now = nowMicros();
    Delivery d;
    d.subscriptionId = s->id;
    d.kind = QStringLiteral("test");
    d.createdAt = now;
    d.nextAttemptAt = now;
    d.subject = QStringLiteral("[VIP Vault] test message");
    const QJsonObject payload{{QStringLiteral("event"), QStringLiteral("test")},
                              {QStringLiteral("subscription_id"), s->id},
                              {QStringLiteral("sent_by"), r.user->username},
                              {QStringLiteral("at"), isoUtcMillis(now)}};
    d.payload = s->kind == u"email"
                    ? QStringLiteral("This is a test from your VIP Vault agent, sent by %1. Alerts and digests for "
                                     "this address will arrive like this.\n")
                          .arg(r.user->username)
                    : QString::fromUtf8(QJsonDocument(payload).toJson(QJsonDocument::Compact));
    QString error;
    if (!health(r).queue(d, &error))
        return r.problem(503, QStringLiteral("Not saved"), error);
    if (r.ctx.wakeNotifier)
        r.ctx.wakeNotifier();
    r.json(
        QJsonObject{{QStringLiteral("queued"), true},
                    {QStringLiteral("detail"), QStringLiteral("sent in a moment; see its deliveries for the result")}},
        202);
}

void subscriptionDeliveries(ApiExchange &r)
{
    const auto s = subscriptionParam(r);
    if (!s)
        return;
    QJsonArray items;
    for (const QJsonObject &o : health(r).deliveriesOf(s->id, 20))
        items.append(o);
    r.json(QJsonObject{{QStringLiteral("items"), items}});
}

} // namespace

std::vector<Route> healthRoutes()
{
    return {
        {QStringLiteral("GET"), QStringLiteral("/api/v1/health/events"), Access::Signed, listEvents},
        {QStringLiteral("POST"), QStringLiteral("/api/v1/health/events/{eventId}/acknowledge"), Access::Signed,
         acknowledge},
        {QStringLiteral("GET"), QStringLiteral("/api/v1/vaults/{vaultId}/assurance"), Access::Signed, assurance},
        {QStringLiteral("GET"), QStringLiteral("/api/v1/vaults/{vaultId}/usage/samples"), Access::Signed, usageSamples},
        {QStringLiteral("GET"), QStringLiteral("/api/v1/subscriptions"), Access::Signed, listSubscriptions},
        {QStringLiteral("POST"), QStringLiteral("/api/v1/subscriptions"), Access::Signed, createSubscription},
        {QStringLiteral("DELETE"), QStringLiteral("/api/v1/subscriptions/{subscriptionId}"), Access::Signed,
         deleteSubscription},
        {QStringLiteral("POST"), QStringLiteral("/api/v1/subscriptions/{subscriptionId}/test"), Access::Signed,
         testSubscription},
        {QStringLiteral("GET"), QStringLiteral("/api/v1/subscriptions/{subscriptionId}/deliveries"), Access::Signed,
         subscriptionDeliveries},
    };
}

} // namespace vv::agent
