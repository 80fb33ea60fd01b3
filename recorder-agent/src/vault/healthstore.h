#pragma once
// The catalogue's record of the agent's health and of who is told about it
// (schema 6): an append-only health log (each event opened, perhaps
// acknowledged, resolved), the subscriptions (webhooks, e-mail), the queue of
// deliveries to them (it survives restarts and kill -9), and the assurance
// ledger: per vault and day, the calls the policy said to record and how each
// ended (recorded, degraded, missed).
#include "common/timeformat.h"

#include <QJsonObject>
#include <QSqlDatabase>
#include <QString>
#include <optional>
#include <vector>

namespace vv::agent {

namespace Severity {
inline const QString Info = QStringLiteral("info");
inline const QString Warning = QStringLiteral("warning");
inline const QString Critical = QStringLiteral("critical");
} // namespace Severity

// One line of the health log.
struct HealthEntry
{
    PacketTime at = 0;
    QString key;  // what the event is about, stable while it lasts: "capture_down:eth0", "missed_call:812"
    QString kind; // "capture_down", "missed_call", ...
    qint64 vaultId = 0;
    QString action;   // "open", "resolve", "ack"
    QString severity; // Severity::*
    QString detail;   // for people: what happened and what to do
    QString byUser;   // who acknowledged
};

// An event as people see it: opened, maybe acknowledged, maybe resolved.
struct HealthEvent
{
    qint64 id = 0; // the seq of its "open" line
    QString key;
    QString kind;
    qint64 vaultId = 0;
    QString severity;
    QString detail;
    PacketTime openedAt = 0;
    PacketTime acknowledgedAt = 0;
    QString acknowledgedBy;
    PacketTime resolvedAt = 0;
    QString resolution; // the resolve line's detail
    bool open() const { return resolvedAt == 0; }
    QJsonObject toJson() const;
};

struct HealthFilter
{
    std::optional<qint64> vaultId; // this vault's events, and the agent-wide ones when agentWide
    bool agentWide = true;
    bool openOnly = false;
    int limit = 200;
};

struct Subscription
{
    qint64 id = 0;
    QString kind;        // "webhook" or "email"
    QString target;      // https URL or e-mail address
    QString secret;      // webhook HMAC key (never shown again after creation)
    qint64 vaultId = 0;  // 0: every vault and the agent itself
    bool alerts = true;  // health events
    bool digest = false; // the daily digest (e-mail)
    QString createdBy;
    PacketTime createdAt = 0;
    QJsonObject toJson() const; // without the secret
};

struct Delivery
{
    qint64 id = 0;
    qint64 subscriptionId = 0;
    QString kind;    // "event", "digest", "test"
    QString payload; // JSON (webhook) or the message text (e-mail)
    QString subject; // e-mail subject
    int attempts = 0;
    PacketTime nextAttemptAt = 0;
    PacketTime createdAt = 0;
};

struct AssuranceDay
{
    QString day; // YYYY-MM-DD, UTC
    qint64 shouldRecord = 0;
    qint64 recorded = 0;
    qint64 degraded = 0;
    qint64 missed = 0;
    QJsonObject toJson() const;
};

struct MissedRow
{
    qint64 id = 0;
    PacketTime startedAt = 0;
    QString caller;
    QString callee;
    QString reason;
};

class HealthStore
{
public:
    explicit HealthStore(QSqlDatabase db)
        : m_db(std::move(db))
    {}

    bool append(const HealthEntry &e, qint64 *seq, QString *error);
    std::vector<HealthEvent> events(const HealthFilter &filter);
    std::optional<HealthEvent> event(qint64 id);
    // Keys whose last line is "open": what a restarted agent still has open.
    std::vector<HealthEvent> openEvents();

    bool addSubscription(Subscription *s, QString *error);
    bool removeSubscription(qint64 id, QString *error);
    std::vector<Subscription> subscriptions(std::optional<qint64> vaultId = std::nullopt);
    std::optional<Subscription> subscription(qint64 id);

    // Queues one delivery to each subscription interested in an event of this vault (0: agent-wide).
    bool queueForEvent(const HealthEvent &e, PacketTime now, QString *error);
    bool queue(const Delivery &d, QString *error);
    std::vector<Delivery> dueDeliveries(PacketTime now, int limit);
    bool delivered(qint64 id, PacketTime at, QString *error);
    bool retryLater(qint64 id, int attempts, PacketTime next, const QString &why, QString *error);
    bool abandon(qint64 id, const QString &why, QString *error);
    qint64 pendingDeliveries();
    std::vector<QJsonObject> deliveriesOf(qint64 subscriptionId, int limit); // newest first, for people
    PacketTime nextAttemptAt();                                              // 0 when nothing is pending

    std::optional<HealthEvent> currentEvent(const QString &key); // the latest opened under this key
    // Calls of a vault that should have been recorded and were not, in [from, to), newest first.
    std::vector<MissedRow> missedCalls(qint64 vaultId, PacketTime from, PacketTime to, int limit);
    // Whether a delivery of this kind to this subscription was queued since `since` (one digest a day).
    bool queuedSince(qint64 subscriptionId, const QString &kind, PacketTime since);

    // Calls the policy said to record, per UTC day, from `fromDay` (inclusive) for `days` days.
    std::vector<AssuranceDay> assurance(qint64 vaultId, PacketTime fromDay, int days);

private:
    QSqlDatabase m_db;
};

} // namespace vv::agent
