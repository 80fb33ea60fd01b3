#include "api/routehelpers.h"

#include "api/threaddb.h"
#include "common/logging.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

namespace vv::agent {

namespace {

QJsonValue timeOrNull(PacketTime t)
{
    return t ? QJsonValue(isoUtcMillis(t)) : QJsonValue(QJsonValue::Null);
}

QJsonValue stringOrNull(const QString &s)
{
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}

} // namespace

std::optional<PacketTime> parseTime(const QString &text)
{
    QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(text, Qt::ISODate);
    if (!t.isValid())
        return std::nullopt;
    return t.toMSecsSinceEpoch() * 1000;
}

std::optional<VaultRecord> findVault(ApiExchange &r, qint64 id)
{
    for (const VaultRecord &v : threadCatalogue(r.ctx.cataloguePath)->loadVaults())
        if (v.id == id)
            return v;
    return std::nullopt;
}

std::optional<VaultRecord> vaultParam(ApiExchange &r, int i)
{
    const std::optional<qint64> id = r.idParam(i);
    std::optional<VaultRecord> v;
    if (id && (r.isReseller() || r.user->vaultId == *id))
        v = findVault(r, *id);
    if (!v)
        r.problem(404, QStringLiteral("Not found"), QStringLiteral("no such vault"));
    return v;
}

std::optional<CallRow> recordingParam(ApiExchange &r, int i)
{
    const std::optional<qint64> id = r.idParam(i);
    std::optional<CallRow> row;
    if (id)
        row = threadCatalogue(r.ctx.cataloguePath)->call(*id);
    if (row && !r.isReseller() && row->vaultId != r.user->vaultId)
        row.reset();
    if (row && row->vaultId == 0 && !r.isReseller())
        row.reset();
    if (!row)
        r.problem(404, QStringLiteral("Not found"), QStringLiteral("no such recording"));
    return row;
}

bool onRecorder(ApiExchange &r, const std::function<void()> &fn)
{
    if (r.ctx.bridge->call(fn))
        return true;
    qCWarning(lcApi).noquote() << r.req.method.c_str() << r.req.path.c_str()
                               << ": the recorder thread did not take the request within 15 s";
    r.ctx.metrics.countFailure(QStringLiteral("recorder"));
    r.res.setHeader("Retry-After", "5");
    r.problem(503, QStringLiteral("Recorder busy"),
              QStringLiteral("the recorder did not take this request in time; nothing was changed, try again"));
    return false;
}

bool requireReseller(ApiExchange &r)
{
    if (r.isReseller())
        return true;
    r.problem(403, QStringLiteral("Forbidden"), QStringLiteral("only the reseller can do this"));
    return false;
}

QJsonObject recordingJson(const CallRow &row, const Annotation *note)
{
    QJsonObject o;
    o.insert(QStringLiteral("id"), row.id);
    o.insert(QStringLiteral("vault_id"), row.vaultId ? QJsonValue(row.vaultId) : QJsonValue(QJsonValue::Null));
    o.insert(QStringLiteral("sip_call_id"), row.sipCallId);
    o.insert(QStringLiteral("caller"), row.caller);
    o.insert(QStringLiteral("callee"), row.callee);
    o.insert(QStringLiteral("extension"), stringOrNull(row.extension));
    o.insert(QStringLiteral("direction"), stringOrNull(row.direction));
    o.insert(QStringLiteral("recorded"), row.recorded);
    o.insert(QStringLiteral("reason"), row.reason);
    o.insert(QStringLiteral("state"), row.state);
    o.insert(QStringLiteral("started_at"), timeOrNull(row.startedAt));
    o.insert(QStringLiteral("answered_at"), timeOrNull(row.answeredAt));
    o.insert(QStringLiteral("ended_at"), timeOrNull(row.endedAt));
    o.insert(QStringLiteral("duration_ms"), row.durationMs);
    o.insert(QStringLiteral("codec"), stringOrNull(row.codec));
    o.insert(QStringLiteral("bytes"), row.state == u"complete" ? row.bytes : 0);
    o.insert(QStringLiteral("protected"), row.isProtected);
    o.insert(QStringLiteral("removed_at"), timeOrNull(row.removedAt));
    o.insert(QStringLiteral("removed_reason"), stringOrNull(row.removedReason));
    o.insert(QStringLiteral("note"), stringOrNull(row.note));
    o.insert(QStringLiteral("dialled"), stringOrNull(row.dialled));
    o.insert(QStringLiteral("related_id"), row.relatedId ? QJsonValue(row.relatedId) : QJsonValue(QJsonValue::Null));
    o.insert(QStringLiteral("outcome"), stringOrNull(row.outcome));
    const QJsonDocument q = QJsonDocument::fromJson(row.quality.toUtf8());
    o.insert(QStringLiteral("quality"), q.isObject() ? QJsonValue(q.object()) : QJsonValue(QJsonValue::Null));
    QJsonValue annotation(QJsonValue::Null);
    if (note)
        annotation = QJsonObject{{QStringLiteral("text"), note->text},
                                 {QStringLiteral("updated_at"), timeOrNull(note->updatedAt)},
                                 {QStringLiteral("updated_by"), note->updatedBy}};
    o.insert(QStringLiteral("annotation"), annotation);
    return o;
}

QJsonObject settingsJson(const VaultRecord &v)
{
    QJsonObject o;
    o.insert(QStringLiteral("enabled"), v.enabled);
    o.insert(QStringLiteral("storage"), v.capBytes ? QStringLiteral("cap") : QStringLiteral("unlimited"));
    o.insert(QStringLiteral("cap_bytes"), v.capBytes ? QJsonValue(*v.capBytes) : QJsonValue(QJsonValue::Null));
    o.insert(QStringLiteral("extensions"), v.extensions);
    o.insert(QStringLiteral("extension_pattern"), v.extensionPattern);
    o.insert(QStringLiteral("excluded"), QJsonArray::fromStringList(v.excluded));
    o.insert(QStringLiteral("retention_months"),
             v.retentionMonths ? QJsonValue(*v.retentionMonths) : QJsonValue(QJsonValue::Null));
    o.insert(QStringLiteral("price_per_gb_month"), v.pricePencePerGbMonth / 100.0);
    return o;
}

} // namespace vv::agent
