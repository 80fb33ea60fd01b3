#include "vault/rowstamp.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace vv::agent {

QByteArray rowStamp(const CallRow &row)
{
    QJsonObject o;
    o.insert(QStringLiteral("id"), row.id);
    o.insert(QStringLiteral("vault_id"), row.vaultId);
    o.insert(QStringLiteral("sip_call_id"), row.sipCallId);
    o.insert(QStringLiteral("caller"), row.caller);
    o.insert(QStringLiteral("callee"), row.callee);
    o.insert(QStringLiteral("extension"), row.extension);
    o.insert(QStringLiteral("direction"), row.direction);
    o.insert(QStringLiteral("dialled"), row.dialled);
    o.insert(QStringLiteral("related_id"), row.relatedId);
    o.insert(QStringLiteral("codec"), row.codec);
    o.insert(QStringLiteral("outcome"), row.outcome);
    // Microsecond stamps exceed a double's exact range only after the year 2255.
    o.insert(QStringLiteral("started_at"), double(row.startedAt));
    o.insert(QStringLiteral("answered_at"), double(row.answeredAt));
    o.insert(QStringLiteral("file"), row.file);
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

std::optional<CallRow> rowFromStamp(const QByteArray &stamp)
{
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(stamp, &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject())
        return std::nullopt;
    const QJsonObject o = doc.object();
    CallRow row;
    row.id = o.value(QStringLiteral("id")).toInteger();
    row.vaultId = o.value(QStringLiteral("vault_id")).toInteger();
    row.sipCallId = o.value(QStringLiteral("sip_call_id")).toString();
    if (row.id <= 0 || row.vaultId <= 0 || row.sipCallId.isEmpty())
        return std::nullopt;
    row.caller = o.value(QStringLiteral("caller")).toString();
    row.callee = o.value(QStringLiteral("callee")).toString();
    row.extension = o.value(QStringLiteral("extension")).toString();
    row.direction = o.value(QStringLiteral("direction")).toString();
    row.dialled = o.value(QStringLiteral("dialled")).toString();
    row.relatedId = o.value(QStringLiteral("related_id")).toInteger();
    row.codec = o.value(QStringLiteral("codec")).toString();
    row.outcome = o.value(QStringLiteral("outcome")).toString();
    row.startedAt = static_cast<PacketTime>(o.value(QStringLiteral("started_at")).toDouble());
    row.answeredAt = static_cast<PacketTime>(o.value(QStringLiteral("answered_at")).toDouble());
    row.file = o.value(QStringLiteral("file")).toString();
    return row;
}

} // namespace vv::agent
