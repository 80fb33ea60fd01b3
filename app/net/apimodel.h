#pragma once
// What the agent's API answers, as types: every wire field name is spelled here
// and in apimodel.cpp only (recorder-agent/api/openapi.json is the contract).
// Parsing is strict: a field the schema requires that is missing or of another
// type fails the parse with the field's name, so a renamed field is an error at
// the first answer (and in tests/app/tst_apimodel), never a "—" in a widget.
#include "apitypes.h"

#include <QDate>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace vv::net {

struct User
{
    qint64 id = 0;
    QString username;
    QString role; // "reseller" or "customer"
    std::optional<qint64> vaultId;
    bool disabled = false;
    QDateTime createdAt;
    bool mustChangePassword = false; // a one-time password: change it before anything else

    bool isReseller() const { return role == u"reseller"; }
};

struct Session
{
    QString token;
    QDateTime expiresAt;
    User user;
};

struct UserCreated
{
    User user;
    QString password; // only when the agent generated one; shown once
};

struct ServerStatus
{
    QString version;
    bool captureRunning = false;
    QString interface;
    qint64 packetsCaptured = 0;
    qint64 packetsDropped = 0;
    qint64 callsInProgress = 0;
    bool diskLow = false;
    qint64 diskFreeBytes = 0;
    QString certificateSha256;
    QDateTime startedAt;
    QString captureError;      // why capture is not running (it is retried)
    QDateTime lastRecordingAt; // invalid: none since the agent started
    int openHealthEvents = 0;
};

struct VaultSettings
{
    bool enabled = true;
    std::optional<qint64> capBytes; // nullopt: grow indefinitely
    QString extensions;             // "200-299, 1000"
    QString extensionPattern;
    QStringList excluded;
    std::optional<int> retentionMonths;
    double pricePerGbMonth = 1.0; // pounds

    bool capped() const { return capBytes.has_value(); }
};

// The body of PUT .../settings: only what is set is sent, so a save changes what the user changed.
struct VaultSettingsChange
{
    std::optional<bool> enabled;
    std::optional<std::optional<qint64>> cap; // set to nullopt: grow indefinitely
    std::optional<QStringList> excluded;
    std::optional<std::optional<int>> retentionMonths;
    std::optional<double> pricePerGbMonth;
    QString plan; // a dry run's plan: required when the change removes recordings

    QJsonObject toJson() const;
};

// The body of PATCH /users/{id}.
struct UserPatch
{
    std::optional<bool> disabled;
    bool resetPassword = false; // the agent generates a new password and returns it once
    bool oneTime = false;       // with resetPassword: the customer must change it at the next sign-in

    QJsonObject toJson() const;
};

struct Vault
{
    qint64 id = 0;
    QString name;
    std::optional<VaultSettings> settings; // for the reseller only
    qint64 bytesUsed = 0;
    qint64 recordings = 0;
};

// What a settings change would remove (a dry run), and the plan token a
// change that removes anything must send back.
struct EvictionPlan
{
    qint64 recordingsEvicted = 0; // over the cap
    qint64 bytesEvicted = 0;
    qint64 recordingsExpired = 0; // past the retention limit
    qint64 bytesExpired = 0;
    bool reachable = true; // false: protected recordings alone exceed the cap
    qint64 bytesUsed = 0;
    QString plan;
    qint64 recordingsRemoved() const { return recordingsEvicted + recordingsExpired; }
};

struct HealthEvent
{
    qint64 id = 0;
    QString kind;
    QString subject;
    std::optional<qint64> vaultId; // none: the agent itself
    QString severity;              // info, warning, critical
    QString detail;
    QDateTime openedAt;
    QDateTime acknowledgedAt; // invalid: not yet
    QString acknowledgedBy;
    QDateTime resolvedAt; // invalid: still open
    QString resolution;
    bool open = true;
};

struct AssuranceDay
{
    QDate day;
    qint64 shouldRecord = 0;
    qint64 recorded = 0;
    qint64 degraded = 0;
    qint64 missed = 0;
};

struct Assurance
{
    qint64 vaultId = 0;
    QList<AssuranceDay> days;
    AssuranceDay total; // day invalid
};

struct UsageSample
{
    QDateTime at;
    qint64 bytes = 0;
};

struct UsageSamples
{
    qint64 vaultId = 0;
    std::optional<qint64> capBytes;
    QList<UsageSample> items;
};

struct Subscription
{
    qint64 id = 0;
    QString kind; // webhook, email
    QString target;
    std::optional<qint64> vaultId;
    bool alerts = true;
    bool digest = false;
    QString createdBy;
    QDateTime createdAt;
};

struct Extension
{
    QString extension;
    QStringList sources; // "configured", "register", "call"
    QDateTime lastSeen;  // invalid when never seen
    bool excluded = false;
};

struct Statement
{
    QString month; // YYYY-MM
    QDateTime from;
    QDateTime to;
    bool complete = false;
    double averageBytesHeld = 0;
    double gbMonths = 0;
    double pricePerGbMonth = 0;
    double amountGbp = 0;
    QString pricingNote;
};

struct VaultUsage
{
    QString vault;
    std::optional<qint64> capBytes;
    qint64 bytesUsed = 0;
    qint64 recordings = 0;
    QDateTime oldest; // invalid when empty
    QDateTime newest;
    double recordedMinutes = 0;
    std::optional<double> bytesPerRecordedMinute;      // measured; nullopt before anything is recorded
    std::optional<double> agentBytesPerRecordedMinute; // over every vault of the agent (older agents: nullopt)
    std::optional<double> minutesPerGb;
    std::optional<double> dailyGrowthBytes;
    QDateTime capReachedAt; // forecast; invalid when not expected
    Statement thisMonth;
    std::optional<Statement> statement; // with ?month=
};

struct DirectionQuality
{
    qint64 packetsExpected = 0;
    qint64 packetsReceived = 0;
    qint64 packetsLost = 0;
    double lossPercent = 0;
    double maxJitterMs = 0;
    qint64 longestGapMs = 0;
    double levelDbfs = 0;
    std::optional<double> mos;
};

struct Quality
{
    DirectionQuality extension;
    DirectionQuality farEnd;
    bool missingLeg = false;
    bool oneWayAudio = false;
    bool noiseLike = false;
    QString silentSide; // "", "extension", "far_end", "both"
    QStringList flags;
    qint64 captureDrops = 0; // packets the capture lost during the call (the call is then degraded)
};

// A person's note on a recording (PUT /api/v1/recordings/{id}/annotation).
struct Annotation
{
    QString text;
    QDateTime updatedAt;
    QString updatedBy;
};

struct Recording
{
    qint64 id = 0;
    qint64 vaultId = 0;
    QString sipCallId;
    QString caller;
    QString callee;
    QString extension;
    QString direction; // inbound, outbound, internal; empty when none
    bool recorded = false;
    QString reason;
    QString state; // complete, recording, overwritten, deleted, missing, not_recorded
    QDateTime startedAt;
    QDateTime answeredAt;
    QDateTime endedAt;
    qint64 durationMs = 0;
    QString codec;
    qint64 bytes = 0; // held now: 0 once overwritten or deleted
    bool isProtected = false;
    QDateTime removedAt;
    QString removedReason;
    QString note;
    std::optional<Quality> quality;
    QString dialled;      // the number the caller dialled, when someone else answered
    qint64 relatedId = 0; // the recording this one continues (transfer, pickup); 0 when none
    QString outcome;      // recorded, degraded, missed; empty for calls not to be recorded
    std::optional<Annotation> annotation;
};

struct RecordingPage
{
    QList<Recording> items;
    QString nextCursor; // empty on the last page
    qint64 total = 0;
};

struct AuditEntry
{
    qint64 id = 0;
    QDateTime at;
    QString user; // empty for entries without one (a failed sign-in by a name that does not exist)
    QString address;
    QString action;
    std::optional<qint64> vaultId;
    std::optional<qint64> recordingId;
    QJsonObject detail;
};

struct AuditPage
{
    QList<AuditEntry> items;
    QString nextCursor;
};

// One parser per answer type: false with *error naming the field (e.g. "Usage: field \"bytes_used\" missing").
bool parse(const QJsonObject &o, User *out, QString *error);
bool parse(const QJsonObject &o, Session *out, QString *error);
bool parse(const QJsonObject &o, UserCreated *out, QString *error);
bool parse(const QJsonObject &o, ServerStatus *out, QString *error);
bool parse(const QJsonObject &o, VaultSettings *out, QString *error);
bool parse(const QJsonObject &o, Vault *out, QString *error);
bool parse(const QJsonObject &o, EvictionPlan *out, QString *error);
bool parse(const QJsonObject &o, Extension *out, QString *error);
bool parse(const QJsonObject &o, Statement *out, QString *error);
bool parse(const QJsonObject &o, VaultUsage *out, QString *error);
bool parse(const QJsonObject &o, DirectionQuality *out, QString *error);
bool parse(const QJsonObject &o, Quality *out, QString *error);
bool parse(const QJsonObject &o, Annotation *out, QString *error);
bool parse(const QJsonObject &o, Recording *out, QString *error);
bool parse(const QJsonObject &o, RecordingPage *out, QString *error);
bool parse(const QJsonObject &o, AuditEntry *out, QString *error);
bool parse(const QJsonObject &o, AuditPage *out, QString *error);
bool parse(const QJsonObject &o, HealthEvent *out, QString *error);
bool parse(const QJsonObject &o, AssuranceDay *out, QString *error);
bool parse(const QJsonObject &o, Assurance *out, QString *error);
bool parse(const QJsonObject &o, UsageSample *out, QString *error);
bool parse(const QJsonObject &o, UsageSamples *out, QString *error);
bool parse(const QJsonObject &o, Subscription *out, QString *error);

// The "items" of a list answer, each parsed as T.
template<typename T> bool parseItems(const QJsonObject &o, QList<T> *out, QString *error)
{
    const QJsonValue items = o.value(QStringLiteral("items"));
    if (!items.isArray()) {
        *error = QStringLiteral("list: field \"items\" missing or not an array");
        return false;
    }
    out->clear();
    for (const QJsonValue &v : items.toArray()) {
        T item;
        if (!v.isObject() || !parse(v.toObject(), &item, error))
            return false;
        out->append(item);
    }
    return true;
}

// The answer of a call, typed: nullopt with *error when the call failed (its errorString) or the answer is not
// what the contract says (then the field is named, and the agent is said to be of another version).
QString contractError(const QString &parseError);

template<typename T> std::optional<T> answerAs(const ApiResult &result, QString *error)
{
    if (!result.ok()) {
        *error = result.errorString;
        return std::nullopt;
    }
    T value;
    QString why;
    if (!parse(result.json.object(), &value, &why)) {
        *error = contractError(why);
        return std::nullopt;
    }
    return value;
}

template<typename T> std::optional<QList<T>> answerItems(const ApiResult &result, QString *error)
{
    if (!result.ok()) {
        *error = result.errorString;
        return std::nullopt;
    }
    QList<T> list;
    QString why;
    if (!parseItems(result.json.object(), &list, &why)) {
        *error = contractError(why);
        return std::nullopt;
    }
    return list;
}

} // namespace vv::net
