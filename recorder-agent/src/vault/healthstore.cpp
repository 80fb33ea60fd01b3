#include "vault/healthstore.h"

#include "vault/catalogue.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace vv::agent {

namespace {

// A null QString binds as SQL NULL; the text columns are NOT NULL (empty means "none").
QVariant text(const QString &s)
{
    return s.isNull() ? QVariant(QStringLiteral("")) : QVariant(s);
}

QVariant idOrNull(qint64 v)
{
    return v ? QVariant(v) : QVariant(QMetaType(QMetaType::LongLong));
}

bool run(QSqlQuery &q, QString *error)
{
    if (q.exec())
        return true;
    *error = q.lastError().text();
    return false;
}

constexpr const char *kEventSelect =
    "SELECT o.seq, o.event_key, o.kind, COALESCE(o.vault_id, 0), o.severity, o.detail, o.at, "
    "(SELECT a.at FROM health_log a WHERE a.event_key = o.event_key AND a.action = 'ack' AND a.seq > o.seq "
    " ORDER BY a.seq LIMIT 1), "
    "(SELECT a.by_user FROM health_log a WHERE a.event_key = o.event_key AND a.action = 'ack' AND a.seq > o.seq "
    " ORDER BY a.seq LIMIT 1), "
    "(SELECT r.at FROM health_log r WHERE r.event_key = o.event_key AND r.action = 'resolve' AND r.seq > o.seq "
    " ORDER BY r.seq LIMIT 1), "
    "(SELECT r.detail FROM health_log r WHERE r.event_key = o.event_key AND r.action = 'resolve' AND r.seq > o.seq "
    " ORDER BY r.seq LIMIT 1) "
    "FROM health_log o WHERE o.action = 'open'";

HealthEvent eventFrom(const QSqlQuery &q)
{
    HealthEvent e;
    e.id = q.value(0).toLongLong();
    e.key = q.value(1).toString();
    e.kind = q.value(2).toString();
    e.vaultId = q.value(3).toLongLong();
    e.severity = q.value(4).toString();
    e.detail = q.value(5).toString();
    e.openedAt = q.value(6).toLongLong();
    e.acknowledgedAt = q.value(7).toLongLong();
    e.acknowledgedBy = q.value(8).toString();
    e.resolvedAt = q.value(9).toLongLong();
    e.resolution = q.value(10).toString();
    return e;
}

Subscription subscriptionFrom(const QSqlQuery &q)
{
    Subscription s;
    s.id = q.value(0).toLongLong();
    s.kind = q.value(1).toString();
    s.target = q.value(2).toString();
    s.secret = q.value(3).toString();
    s.vaultId = q.value(4).toLongLong();
    s.alerts = q.value(5).toBool();
    s.digest = q.value(6).toBool();
    s.createdBy = q.value(7).toString();
    s.createdAt = q.value(8).toLongLong();
    return s;
}

constexpr const char *kSubscriptionColumns =
    "id, kind, target, secret, COALESCE(vault_id, 0), alerts, digest, created_by, created_at";

QJsonValue timeOrNull(PacketTime t)
{
    return t ? QJsonValue(isoUtcMillis(t)) : QJsonValue(QJsonValue::Null);
}

} // namespace

QJsonObject HealthEvent::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("id"), id);
    o.insert(QStringLiteral("kind"), kind);
    o.insert(QStringLiteral("subject"), key.section(u':', 1));
    o.insert(QStringLiteral("vault_id"), vaultId ? QJsonValue(vaultId) : QJsonValue(QJsonValue::Null));
    o.insert(QStringLiteral("severity"), severity);
    o.insert(QStringLiteral("detail"), detail);
    o.insert(QStringLiteral("opened_at"), isoUtcMillis(openedAt));
    o.insert(QStringLiteral("acknowledged_at"), timeOrNull(acknowledgedAt));
    o.insert(QStringLiteral("acknowledged_by"),
             acknowledgedBy.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(acknowledgedBy));
    o.insert(QStringLiteral("resolved_at"), timeOrNull(resolvedAt));
    o.insert(QStringLiteral("resolution"),
             resolution.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(resolution));
    o.insert(QStringLiteral("open"), open());
    return o;
}

QJsonObject Subscription::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("id"), id);
    o.insert(QStringLiteral("kind"), kind);
    o.insert(QStringLiteral("target"), target);
    o.insert(QStringLiteral("vault_id"), vaultId ? QJsonValue(vaultId) : QJsonValue(QJsonValue::Null));
    o.insert(QStringLiteral("alerts"), alerts);
    o.insert(QStringLiteral("digest"), digest);
    o.insert(QStringLiteral("created_by"), createdBy);
    o.insert(QStringLiteral("created_at"), isoUtcMillis(createdAt));
    return o;
}

QJsonObject AssuranceDay::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("day"), day);
    o.insert(QStringLiteral("should_record"), shouldRecord);
    o.insert(QStringLiteral("recorded"), recorded);
    o.insert(QStringLiteral("degraded"), degraded);
    o.insert(QStringLiteral("missed"), missed);
    return o;
}

bool HealthStore::append(const HealthEntry &e, qint64 *seq, QString *error)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO health_log(at, event_key, kind, vault_id, action, severity, detail, by_user) "
                             "VALUES(?,?,?,?,?,?,?,?)"));
    for (const QVariant &v : {QVariant(e.at), text(e.key), text(e.kind), idOrNull(e.vaultId), text(e.action),
                              text(e.severity), text(e.detail), text(e.byUser)})
        q.addBindValue(v);
    if (!run(q, error))
        return false;
    if (seq)
        *seq = q.lastInsertId().toLongLong();
    return true;
}

std::vector<HealthEvent> HealthStore::events(const HealthFilter &f)
{
    QString sql = QString::fromLatin1(kEventSelect);
    if (f.vaultId)
        sql += f.agentWide ? QStringLiteral(" AND (o.vault_id = ? OR o.vault_id IS NULL)")
                           : QStringLiteral(" AND o.vault_id = ?");
    if (f.openOnly)
        sql += QStringLiteral(" AND NOT EXISTS (SELECT 1 FROM health_log r WHERE r.event_key = o.event_key AND "
                              "r.action = 'resolve' AND r.seq > o.seq)");
    sql += QStringLiteral(" ORDER BY o.seq DESC LIMIT ?");
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(sql);
    if (f.vaultId)
        q.addBindValue(*f.vaultId);
    q.addBindValue(f.limit);
    execRead(q, "health events");
    std::vector<HealthEvent> out;
    while (q.next())
        out.push_back(eventFrom(q));
    checkRead(q, "health events");
    return out;
}

std::optional<HealthEvent> HealthStore::event(qint64 id)
{
    QSqlQuery q(m_db);
    q.prepare(QString::fromLatin1(kEventSelect) + QStringLiteral(" AND o.seq = ?"));
    q.addBindValue(id);
    execRead(q, "a health event");
    if (q.next())
        return eventFrom(q);
    return std::nullopt;
}

std::optional<HealthEvent> HealthStore::currentEvent(const QString &key)
{
    QSqlQuery q(m_db);
    q.prepare(QString::fromLatin1(kEventSelect) + QStringLiteral(" AND o.event_key = ? ORDER BY o.seq DESC LIMIT 1"));
    q.addBindValue(key);
    execRead(q, "a health event");
    if (q.next())
        return eventFrom(q);
    return std::nullopt;
}

std::vector<MissedRow> HealthStore::missedCalls(qint64 vaultId, PacketTime from, PacketTime to, int limit)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT id, started_at, caller, callee, reason FROM calls WHERE vault_id = ? AND "
                             "started_at >= ? AND started_at < ? AND outcome = 'missed' ORDER BY started_at DESC "
                             "LIMIT ?"));
    q.addBindValue(vaultId);
    q.addBindValue(from);
    q.addBindValue(to);
    q.addBindValue(limit);
    execRead(q, "missed calls");
    std::vector<MissedRow> out;
    while (q.next())
        out.push_back({q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toString(), q.value(3).toString(),
                       q.value(4).toString()});
    checkRead(q, "missed calls");
    return out;
}

bool HealthStore::queuedSince(qint64 subscriptionId, const QString &kind, PacketTime since)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT 1 FROM deliveries WHERE subscription_id = ? AND kind = ? AND created_at >= ? "
                             "LIMIT 1"));
    q.addBindValue(subscriptionId);
    q.addBindValue(kind);
    q.addBindValue(since);
    execRead(q, "queued deliveries");
    return q.next();
}

std::vector<HealthEvent> HealthStore::openEvents()
{
    HealthFilter f;
    f.openOnly = true;
    f.limit = 100000;
    return events(f);
}

bool HealthStore::addSubscription(Subscription *s, QString *error)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO subscriptions(kind, target, secret, vault_id, alerts, digest, created_by, "
                             "created_at) VALUES(?,?,?,?,?,?,?,?)"));
    for (const QVariant &v :
         {text(s->kind), text(s->target), text(s->secret), idOrNull(s->vaultId), QVariant(s->alerts ? 1 : 0),
          QVariant(s->digest ? 1 : 0), text(s->createdBy), QVariant(s->createdAt)})
        q.addBindValue(v);
    if (!run(q, error))
        return false;
    s->id = q.lastInsertId().toLongLong();
    return true;
}

bool HealthStore::removeSubscription(qint64 id, QString *error)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM deliveries WHERE subscription_id = ? AND state = 'pending'"));
    q.addBindValue(id);
    if (!run(q, error))
        return false;
    q.prepare(QStringLiteral("DELETE FROM subscriptions WHERE id = ?"));
    q.addBindValue(id);
    return run(q, error);
}

std::vector<Subscription> HealthStore::subscriptions(std::optional<qint64> vaultId)
{
    QSqlQuery q(m_db);
    q.prepare(
        QStringLiteral("SELECT %1 FROM subscriptions %2 ORDER BY id")
            .arg(QLatin1String(kSubscriptionColumns), vaultId ? QStringLiteral("WHERE vault_id = ?") : QString()));
    if (vaultId)
        q.addBindValue(*vaultId);
    execRead(q, "subscriptions");
    std::vector<Subscription> out;
    while (q.next())
        out.push_back(subscriptionFrom(q));
    checkRead(q, "subscriptions");
    return out;
}

std::optional<Subscription> HealthStore::subscription(qint64 id)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT %1 FROM subscriptions WHERE id = ?").arg(QLatin1String(kSubscriptionColumns)));
    q.addBindValue(id);
    execRead(q, "a subscription");
    if (q.next())
        return subscriptionFrom(q);
    return std::nullopt;
}

bool HealthStore::queueForEvent(const HealthEvent &e, PacketTime now, QString *error)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT %1 FROM subscriptions WHERE alerts = 1 AND (vault_id IS NULL OR vault_id = ?)")
                  .arg(QLatin1String(kSubscriptionColumns)));
    q.addBindValue(e.vaultId);
    if (!run(q, error))
        return false;
    std::vector<Subscription> subs;
    while (q.next())
        subs.push_back(subscriptionFrom(q));
    // A customer's subscription (vault set) hears only its own vault's events, never the agent's own.
    QJsonObject body;
    body.insert(QStringLiteral("event"), e.open() ? QStringLiteral("opened") : QStringLiteral("resolved"));
    body.insert(QStringLiteral("health"), e.toJson());
    const QString json = QString::fromUtf8(QJsonDocument(body).toJson(QJsonDocument::Compact));
    for (const Subscription &s : subs) {
        if (s.vaultId && s.vaultId != e.vaultId)
            continue;
        Delivery d;
        d.subscriptionId = s.id;
        d.kind = QStringLiteral("event");
        d.createdAt = now;
        d.nextAttemptAt = now;
        if (s.kind == u"email") {
            d.subject = QStringLiteral("[VIP Vault] %1%2")
                            .arg(e.open() ? QString() : QStringLiteral("resolved: "), e.detail.left(120));
            d.payload =
                QStringLiteral("%1\n\nWhat: %2 (%3)\nSince: %4%5\n")
                    .arg(e.detail, e.kind, e.severity, isoUtcMillis(e.openedAt),
                         e.open()
                             ? QString()
                             : QStringLiteral("\nResolved: %1 (%2)").arg(isoUtcMillis(e.resolvedAt), e.resolution));
        } else {
            d.payload = json;
        }
        if (!queue(d, error))
            return false;
    }
    return true;
}

bool HealthStore::queue(const Delivery &d, QString *error)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO deliveries(subscription_id, created_at, kind, subject, payload, attempts, "
                             "next_attempt_at, state) VALUES(?,?,?,?,?,0,?,'pending')"));
    for (const QVariant &v : {QVariant(d.subscriptionId), QVariant(d.createdAt), text(d.kind), text(d.subject),
                              text(d.payload), QVariant(d.nextAttemptAt)})
        q.addBindValue(v);
    return run(q, error);
}

std::vector<Delivery> HealthStore::dueDeliveries(PacketTime now, int limit)
{
    QSqlQuery q(m_db);
    q.prepare(
        QStringLiteral("SELECT id, subscription_id, kind, payload, subject, attempts, next_attempt_at, created_at "
                       "FROM deliveries WHERE state = 'pending' AND next_attempt_at <= ? "
                       "ORDER BY next_attempt_at, id LIMIT ?"));
    q.addBindValue(now);
    q.addBindValue(limit);
    execRead(q, "due deliveries");
    std::vector<Delivery> out;
    while (q.next()) {
        Delivery d;
        d.id = q.value(0).toLongLong();
        d.subscriptionId = q.value(1).toLongLong();
        d.kind = q.value(2).toString();
        d.payload = q.value(3).toString();
        d.subject = q.value(4).toString();
        d.attempts = q.value(5).toInt();
        d.nextAttemptAt = q.value(6).toLongLong();
        d.createdAt = q.value(7).toLongLong();
        out.push_back(d);
    }
    checkRead(q, "due deliveries");
    return out;
}

bool HealthStore::delivered(qint64 id, PacketTime at, QString *error)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE deliveries SET state = 'delivered', delivered_at = ?, attempts = attempts + 1 "
                             "WHERE id = ?"));
    q.addBindValue(at);
    q.addBindValue(id);
    return run(q, error);
}

bool HealthStore::retryLater(qint64 id, int attempts, PacketTime next, const QString &why, QString *error)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE deliveries SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?"));
    q.addBindValue(attempts);
    q.addBindValue(next);
    q.addBindValue(text(why.left(500)));
    q.addBindValue(id);
    return run(q, error);
}

bool HealthStore::abandon(qint64 id, const QString &why, QString *error)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE deliveries SET state = 'failed', last_error = ? WHERE id = ?"));
    q.addBindValue(text(why.left(500)));
    q.addBindValue(id);
    return run(q, error);
}

std::vector<QJsonObject> HealthStore::deliveriesOf(qint64 subscriptionId, int limit)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT id, kind, created_at, state, attempts, next_attempt_at, last_error, delivered_at "
                             "FROM deliveries WHERE subscription_id = ? ORDER BY id DESC LIMIT ?"));
    q.addBindValue(subscriptionId);
    q.addBindValue(limit);
    execRead(q, "deliveries");
    std::vector<QJsonObject> out;
    while (q.next()) {
        const QString state = q.value(3).toString();
        out.push_back(QJsonObject{
            {QStringLiteral("id"), q.value(0).toLongLong()},
            {QStringLiteral("kind"), q.value(1).toString()},
            {QStringLiteral("created_at"), isoUtcMillis(q.value(2).toLongLong())},
            {QStringLiteral("state"), state},
            {QStringLiteral("attempts"), q.value(4).toLongLong()},
            {QStringLiteral("next_attempt_at"),
             state == u"pending" ? QJsonValue(isoUtcMillis(q.value(5).toLongLong())) : QJsonValue(QJsonValue::Null)},
            {QStringLiteral("last_error"),
             q.value(6).toString().isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(q.value(6).toString())},
            {QStringLiteral("delivered_at"), timeOrNull(q.value(7).toLongLong())}});
    }
    checkRead(q, "deliveries");
    return out;
}

qint64 HealthStore::pendingDeliveries()
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM deliveries WHERE state = 'pending'"));
    execRead(q, "pending deliveries");
    return q.next() ? q.value(0).toLongLong() : 0;
}

PacketTime HealthStore::nextAttemptAt()
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT MIN(next_attempt_at) FROM deliveries WHERE state = 'pending'"));
    execRead(q, "the next delivery");
    return q.next() ? q.value(0).toLongLong() : 0;
}

std::vector<AssuranceDay> HealthStore::assurance(qint64 vaultId, PacketTime fromDay, int days)
{
    constexpr PacketTime kDay = 86'400'000'000LL;
    const PacketTime from = fromDay - fromDay % kDay;
    std::vector<AssuranceDay> out(static_cast<std::size_t>(std::max(0, days)));
    for (int i = 0; i < days; ++i)
        out[static_cast<std::size_t>(i)].day =
            QDateTime::fromMSecsSinceEpoch((from + i * kDay) / 1000, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd"));
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    // Calls with an outcome are exactly those the policy said to record (others have '').
    q.prepare(QStringLiteral("SELECT (started_at - ?) / ?, outcome, COUNT(*) FROM calls WHERE vault_id = ? AND "
                             "started_at >= ? AND started_at < ? AND outcome != '' GROUP BY 1, 2"));
    q.addBindValue(from);
    q.addBindValue(kDay);
    q.addBindValue(vaultId);
    q.addBindValue(from);
    q.addBindValue(from + days * kDay);
    execRead(q, "assurance");
    while (q.next()) {
        const qint64 i = q.value(0).toLongLong();
        if (i < 0 || i >= days)
            continue;
        AssuranceDay &d = out[static_cast<std::size_t>(i)];
        const qint64 n = q.value(2).toLongLong();
        const QString outcome = q.value(1).toString();
        d.shouldRecord += n;
        if (outcome == CallOutcome::Recorded)
            d.recorded += n;
        else if (outcome == CallOutcome::Degraded)
            d.degraded += n;
        else if (outcome == CallOutcome::Missed)
            d.missed += n;
    }
    checkRead(q, "assurance");
    return out;
}

} // namespace vv::agent
