#include "apimodel.h"

#include "netlogging.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <cmath>

namespace vv::net {

namespace {

// Reads the fields of one JSON object as the contract says they are; the first problem sticks, and reads after it
// return defaults, so a parser reads every field and checks once at the end.
class Reader
{
public:
    Reader(const QJsonObject &o, const char *type, QString *error)
        : m_o(o)
        , m_type(type)
        , m_error(error)
    {}

    bool ok() const { return m_ok; }

    QString string(const char *key) { return get(key, Kind::String, false).toString(); }
    QString optString(const char *key) { return get(key, Kind::String, true).toString(); }
    bool boolean(const char *key) { return get(key, Kind::Bool, false).toBool(); }
    qint64 integer(const char *key) { return get(key, Kind::Integer, false).toInteger(); }
    std::optional<qint64> optInteger(const char *key)
    {
        const QJsonValue v = get(key, Kind::Integer, true);
        return v.isDouble() ? std::optional<qint64>(v.toInteger()) : std::nullopt;
    }
    double number(const char *key) { return get(key, Kind::Number, false).toDouble(); }
    std::optional<double> optNumber(const char *key)
    {
        const QJsonValue v = get(key, Kind::Number, true);
        return v.isDouble() ? std::optional<double>(v.toDouble()) : std::nullopt;
    }
    QDateTime time(const char *key) { return toTime(key, get(key, Kind::String, false)); }
    QDateTime optTime(const char *key) { return toTime(key, get(key, Kind::String, true)); }
    QJsonObject object(const char *key) { return get(key, Kind::Object, false).toObject(); }
    std::optional<QJsonObject> optObject(const char *key)
    {
        const QJsonValue v = get(key, Kind::Object, true);
        return v.isObject() ? std::optional<QJsonObject>(v.toObject()) : std::nullopt;
    }
    QStringList strings(const char *key)
    {
        QStringList out;
        for (const QJsonValue &v : get(key, Kind::Array, false).toArray()) {
            if (!v.isString())
                return fail(key, "holds something that is not a string"), QStringList();
            out << v.toString();
        }
        return out;
    }
    // A nested object parsed with its own parser.
    template<typename T> T nested(const char *key)
    {
        T value;
        const QJsonValue v = get(key, Kind::Object, false);
        if (m_ok && !parse(v.toObject(), &value, m_error))
            m_ok = false;
        return value;
    }
    template<typename T> std::optional<T> optNested(const char *key)
    {
        const QJsonValue v = get(key, Kind::Object, true);
        if (!v.isObject())
            return std::nullopt;
        T value;
        if (m_ok && !parse(v.toObject(), &value, m_error))
            m_ok = false;
        return value;
    }
    // A member the agent leaves out for some callers (not null: absent).
    template<typename T> std::optional<T> ifPresent(const char *key)
    {
        if (!m_o.contains(QString::fromLatin1(key)))
            return std::nullopt;
        return nested<T>(key);
    }
    template<typename T> QList<T> list(const char *key)
    {
        QList<T> out;
        for (const QJsonValue &v : get(key, Kind::Array, false).toArray()) {
            T item;
            if (!v.isObject())
                return fail(key, "holds something that is not an object"), QList<T>();
            if (m_ok && !parse(v.toObject(), &item, m_error)) {
                m_ok = false;
                return {};
            }
            out << item;
        }
        return out;
    }

private:
    enum class Kind { String, Bool, Integer, Number, Object, Array };

    QJsonValue get(const char *key, Kind kind, bool nullable)
    {
        if (!m_ok)
            return {};
        const QString name = QString::fromLatin1(key);
        if (!m_o.contains(name))
            return fail(key, "missing"), QJsonValue();
        const QJsonValue v = m_o.value(name);
        if (v.isNull() && nullable)
            return v;
        bool right = false;
        switch (kind) {
        case Kind::String:
            right = v.isString();
            break;
        case Kind::Bool:
            right = v.isBool();
            break;
        case Kind::Integer:
            right = v.isDouble() && v.toDouble() == std::floor(v.toDouble());
            break;
        case Kind::Number:
            right = v.isDouble();
            break;
        case Kind::Object:
            right = v.isObject();
            break;
        case Kind::Array:
            right = v.isArray();
            break;
        }
        if (!right)
            return fail(key, nullable ? "is of the wrong type" : "is of the wrong type (or null)"), QJsonValue();
        return v;
    }

    QDateTime toTime(const char *key, const QJsonValue &v)
    {
        if (!v.isString())
            return {};
        QDateTime t = QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
        if (!t.isValid())
            fail(key, "is not an ISO 8601 time");
        return t;
    }

    void fail(const char *key, const char *what)
    {
        if (!m_ok)
            return;
        m_ok = false;
        *m_error =
            QStringLiteral("%1: field \"%2\" %3").arg(QLatin1String(m_type), QLatin1String(key), QLatin1String(what));
    }

    const QJsonObject &m_o;
    const char *m_type;
    QString *m_error;
    bool m_ok = true;
};

} // namespace

QString contractError(const QString &parseError)
{
    qCWarning(lcNet).noquote() << "answer does not follow the API contract:" << parseError;
    return QCoreApplication::translate("vv::net::ApiModel",
                                       "the server answered in a form this app does not understand (%1); the "
                                       "server and the app may be of different versions")
        .arg(parseError);
}

bool parse(const QJsonObject &o, User *out, QString *error)
{
    Reader r(o, "User", error);
    out->id = r.integer("id");
    out->username = r.string("username");
    out->role = r.string("role");
    out->vaultId = r.optInteger("vault_id");
    out->disabled = r.boolean("disabled");
    out->createdAt = r.time("created_at");
    if (o.contains(QStringLiteral("must_change_password"))) // not sent by agents before 0.3
        out->mustChangePassword = r.boolean("must_change_password");
    return r.ok();
}

bool parse(const QJsonObject &o, Session *out, QString *error)
{
    Reader r(o, "Session", error);
    out->token = r.string("token");
    out->expiresAt = r.time("expires_at");
    out->user = r.nested<User>("user");
    return r.ok();
}

bool parse(const QJsonObject &o, UserCreated *out, QString *error)
{
    Reader r(o, "UserCreated", error);
    out->user = r.nested<User>("user");
    out->password = r.optString("password");
    return r.ok();
}

bool parse(const QJsonObject &o, ServerStatus *out, QString *error)
{
    Reader r(o, "Status", error);
    out->version = r.string("version");
    out->captureRunning = r.boolean("capture_running");
    out->interface = r.string("interface");
    out->packetsCaptured = r.integer("packets_captured");
    out->packetsDropped = r.integer("packets_dropped");
    out->callsInProgress = r.integer("calls_in_progress");
    out->diskLow = r.boolean("disk_low");
    out->diskFreeBytes = r.integer("disk_free_bytes");
    out->certificateSha256 = r.string("certificate_sha256");
    out->startedAt = r.time("started_at");
    out->captureError = r.optString("capture_error");
    out->lastRecordingAt = r.optTime("last_recording_at");
    out->openHealthEvents = int(r.integer("open_health_events"));
    return r.ok();
}

bool parse(const QJsonObject &o, VaultSettings *out, QString *error)
{
    Reader r(o, "VaultSettings", error);
    out->enabled = r.boolean("enabled");
    const QString storage = r.string("storage");
    out->capBytes = r.optInteger("cap_bytes");
    out->extensions = r.string("extensions");
    out->extensionPattern = r.string("extension_pattern");
    out->excluded = r.strings("excluded");
    const std::optional<qint64> months = r.optInteger("retention_months");
    out->retentionMonths = months ? std::optional<int>(int(*months)) : std::nullopt;
    out->pricePerGbMonth = r.number("price_per_gb_month");
    if (r.ok() && (storage == u"cap") != out->capBytes.has_value()) {
        *error = QStringLiteral("VaultSettings: field \"storage\" (%1) disagrees with \"cap_bytes\"").arg(storage);
        return false;
    }
    return r.ok();
}

QJsonObject VaultSettingsChange::toJson() const
{
    QJsonObject o;
    if (enabled)
        o.insert(QStringLiteral("enabled"), *enabled);
    if (cap) {
        o.insert(QStringLiteral("storage"), cap->has_value() ? QStringLiteral("cap") : QStringLiteral("unlimited"));
        if (cap->has_value())
            o.insert(QStringLiteral("cap_bytes"), **cap);
    }
    if (excluded)
        o.insert(QStringLiteral("excluded"), QJsonArray::fromStringList(*excluded));
    if (retentionMonths)
        o.insert(QStringLiteral("retention_months"),
                 retentionMonths->has_value() ? QJsonValue(**retentionMonths) : QJsonValue(QJsonValue::Null));
    if (pricePerGbMonth)
        o.insert(QStringLiteral("price_per_gb_month"), *pricePerGbMonth);
    if (!plan.isEmpty())
        o.insert(QStringLiteral("plan"), plan);
    return o;
}

QJsonObject UserPatch::toJson() const
{
    QJsonObject o;
    if (disabled)
        o.insert(QStringLiteral("disabled"), *disabled);
    if (resetPassword)
        o.insert(QStringLiteral("reset_password"), true);
    if (resetPassword && oneTime)
        o.insert(QStringLiteral("one_time"), true);
    return o;
}

bool parse(const QJsonObject &o, Vault *out, QString *error)
{
    Reader r(o, "Vault", error);
    out->id = r.integer("id");
    out->name = r.string("name");
    out->settings = r.ifPresent<VaultSettings>("settings");
    out->bytesUsed = r.integer("bytes_used");
    out->recordings = r.integer("recordings");
    return r.ok();
}

bool parse(const QJsonObject &o, EvictionPlan *out, QString *error)
{
    Reader r(o, "EvictionPlan", error);
    r.boolean("dry_run");
    out->recordingsEvicted = r.integer("recordings_evicted");
    out->bytesEvicted = r.integer("bytes_evicted");
    out->recordingsExpired = r.integer("recordings_expired");
    out->bytesExpired = r.integer("bytes_expired");
    out->plan = r.string("plan");
    out->reachable = r.boolean("reachable");
    out->bytesUsed = r.integer("bytes_used");
    return r.ok();
}

bool parse(const QJsonObject &o, Extension *out, QString *error)
{
    Reader r(o, "Extension", error);
    out->extension = r.string("extension");
    out->sources = r.strings("sources");
    out->lastSeen = r.optTime("last_seen");
    out->excluded = r.boolean("excluded");
    return r.ok();
}

bool parse(const QJsonObject &o, HealthEvent *out, QString *error)
{
    Reader r(o, "HealthEvent", error);
    out->id = r.integer("id");
    out->kind = r.string("kind");
    out->subject = r.string("subject");
    out->vaultId = r.optInteger("vault_id");
    out->severity = r.string("severity");
    out->detail = r.string("detail");
    out->openedAt = r.time("opened_at");
    out->acknowledgedAt = r.optTime("acknowledged_at");
    out->acknowledgedBy = r.optString("acknowledged_by");
    out->resolvedAt = r.optTime("resolved_at");
    out->resolution = r.optString("resolution");
    out->open = r.boolean("open");
    return r.ok();
}

bool parse(const QJsonObject &o, AssuranceDay *out, QString *error)
{
    Reader r(o, "AssuranceDay", error);
    // The totals have the same counts and no day.
    if (o.value(QStringLiteral("day")) != QJsonValue(QStringLiteral("total"))) {
        out->day = QDate::fromString(r.string("day"), Qt::ISODate);
        if (r.ok() && !out->day.isValid())
            return *error = QStringLiteral("AssuranceDay: field \"day\" is not YYYY-MM-DD"), false;
    }
    out->shouldRecord = r.integer("should_record");
    out->recorded = r.integer("recorded");
    out->degraded = r.integer("degraded");
    out->missed = r.integer("missed");
    return r.ok();
}

bool parse(const QJsonObject &o, Assurance *out, QString *error)
{
    Reader r(o, "Assurance", error);
    out->vaultId = r.integer("vault_id");
    out->days = r.list<AssuranceDay>("days");
    QJsonObject total = r.object("total");
    total.insert(QStringLiteral("day"), QStringLiteral("total"));
    if (r.ok() && !parse(total, &out->total, error))
        return false;
    return r.ok();
}

bool parse(const QJsonObject &o, UsageSample *out, QString *error)
{
    Reader r(o, "UsageSample", error);
    out->at = r.time("at");
    out->bytes = r.integer("bytes");
    return r.ok();
}

bool parse(const QJsonObject &o, UsageSamples *out, QString *error)
{
    Reader r(o, "UsageSamples", error);
    out->vaultId = r.integer("vault_id");
    out->capBytes = r.optInteger("cap_bytes");
    out->items = r.list<UsageSample>("items");
    return r.ok();
}

bool parse(const QJsonObject &o, Subscription *out, QString *error)
{
    Reader r(o, "Subscription", error);
    out->id = r.integer("id");
    out->kind = r.string("kind");
    out->target = r.string("target");
    out->vaultId = r.optInteger("vault_id");
    out->alerts = r.boolean("alerts");
    out->digest = r.boolean("digest");
    out->createdBy = r.string("created_by");
    out->createdAt = r.time("created_at");
    return r.ok();
}

bool parse(const QJsonObject &o, Statement *out, QString *error)
{
    Reader r(o, "Statement", error);
    out->month = r.string("month");
    out->from = r.time("from");
    out->to = r.time("to");
    out->complete = r.boolean("complete");
    out->averageBytesHeld = r.number("average_bytes_held");
    out->gbMonths = r.number("gb_months");
    out->pricePerGbMonth = r.number("price_per_gb_month_gbp");
    out->amountGbp = r.number("amount_gbp");
    out->pricingNote = r.string("pricing_note");
    return r.ok();
}

bool parse(const QJsonObject &o, VaultUsage *out, QString *error)
{
    Reader r(o, "Usage", error);
    out->vault = r.string("vault");
    r.string("storage");
    out->capBytes = r.optInteger("cap_bytes");
    out->bytesUsed = r.integer("bytes_used");
    out->recordings = r.integer("recordings");
    out->oldest = r.optTime("oldest");
    out->newest = r.optTime("newest");
    out->recordedMinutes = r.number("recorded_minutes");
    out->bytesPerRecordedMinute = r.optNumber("bytes_per_recorded_minute");
    if (o.contains(QStringLiteral("agent_bytes_per_recorded_minute"))) // not sent by agents before 0.3
        out->agentBytesPerRecordedMinute = r.optNumber("agent_bytes_per_recorded_minute");
    out->minutesPerGb = r.optNumber("minutes_per_gb");
    out->dailyGrowthBytes = r.optNumber("daily_growth_bytes");
    out->capReachedAt = r.optTime("cap_reached_at");
    out->thisMonth = r.nested<Statement>("this_month");
    if (o.contains(QStringLiteral("statement")))
        out->statement = r.optNested<Statement>("statement");
    return r.ok();
}

bool parse(const QJsonObject &o, DirectionQuality *out, QString *error)
{
    Reader r(o, "DirectionQuality", error);
    out->packetsExpected = r.integer("packets_expected");
    out->packetsReceived = r.integer("packets_received");
    out->packetsLost = r.integer("packets_lost");
    r.integer("packets_duplicated");
    r.integer("packets_late");
    out->lossPercent = r.number("loss_percent");
    out->maxJitterMs = r.number("max_jitter_ms");
    r.integer("ssrc_streams");
    out->longestGapMs = r.integer("longest_gap_ms");
    out->levelDbfs = r.number("level_dbfs");
    r.optNumber("r_factor");
    out->mos = r.optNumber("mos");
    return r.ok();
}

bool parse(const QJsonObject &o, Quality *out, QString *error)
{
    Reader r(o, "Quality", error);
    out->extension = r.nested<DirectionQuality>("extension");
    out->farEnd = r.nested<DirectionQuality>("far_end");
    out->missingLeg = r.boolean("missing_leg");
    out->noiseLike = r.boolean("noise_like");
    out->oneWayAudio = r.boolean("one_way_audio");
    out->silentSide = r.string("silent_side");
    out->flags = r.strings("flags");
    out->captureDrops = r.integer("capture_drops");
    return r.ok();
}

bool parse(const QJsonObject &o, Recording *out, QString *error)
{
    Reader r(o, "Recording", error);
    out->id = r.integer("id");
    out->vaultId = r.optInteger("vault_id").value_or(0);
    out->sipCallId = r.string("sip_call_id");
    out->caller = r.string("caller");
    out->callee = r.string("callee");
    out->extension = r.optString("extension");
    out->direction = r.optString("direction");
    out->recorded = r.boolean("recorded");
    out->reason = r.string("reason");
    out->state = r.string("state");
    out->startedAt = r.time("started_at");
    out->answeredAt = r.optTime("answered_at");
    out->endedAt = r.optTime("ended_at");
    out->durationMs = r.integer("duration_ms");
    out->codec = r.optString("codec");
    out->bytes = r.integer("bytes");
    out->isProtected = r.boolean("protected");
    out->removedAt = r.optTime("removed_at");
    out->removedReason = r.optString("removed_reason");
    out->note = r.optString("note");
    out->quality = r.optNested<Quality>("quality");
    out->dialled = r.optString("dialled");
    out->relatedId = r.optInteger("related_id").value_or(0);
    out->outcome = r.optString("outcome");
    // Agents before notes do not send the field.
    if (o.contains(QStringLiteral("annotation")))
        out->annotation = r.optNested<Annotation>("annotation");
    return r.ok();
}

bool parse(const QJsonObject &o, Annotation *out, QString *error)
{
    Reader r(o, "Annotation", error);
    out->text = r.string("text");
    out->updatedAt = r.time("updated_at");
    out->updatedBy = r.string("updated_by");
    return r.ok();
}

bool parse(const QJsonObject &o, RecordingPage *out, QString *error)
{
    Reader r(o, "RecordingPage", error);
    out->items = r.list<Recording>("items");
    out->nextCursor = r.optString("next_cursor");
    out->total = r.integer("total");
    return r.ok();
}

bool parse(const QJsonObject &o, AuditEntry *out, QString *error)
{
    Reader r(o, "AuditEntry", error);
    out->id = r.integer("id");
    out->at = r.time("at");
    out->user = r.optString("user");
    out->address = r.string("address");
    out->action = r.string("action");
    out->vaultId = r.optInteger("vault_id");
    out->recordingId = r.optInteger("recording_id");
    out->detail = r.object("detail");
    return r.ok();
}

bool parse(const QJsonObject &o, AuditPage *out, QString *error)
{
    Reader r(o, "AuditPage", error);
    out->items = r.list<AuditEntry>("items");
    out->nextCursor = r.optString("next_cursor");
    return r.ok();
}

} // namespace vv::net
