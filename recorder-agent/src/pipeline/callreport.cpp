#include "pipeline/callreport.h"

#include <QJsonValue>

static QJsonValue timeOrNull(PacketTime t)
{
    return t ? QJsonValue(isoUtcMillis(t)) : QJsonValue(QJsonValue::Null);
}

static QJsonValue stringOrNull(const QString &s)
{
    return s.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s);
}

static QJsonObject statsJson(const DirectionStats &s)
{
    QJsonObject o;
    o.insert(QStringLiteral("packets_expected"), static_cast<qint64>(s.expected));
    o.insert(QStringLiteral("packets_received"), static_cast<qint64>(s.received));
    o.insert(QStringLiteral("packets_lost"), static_cast<qint64>(s.lost()));
    o.insert(QStringLiteral("packets_duplicated"), static_cast<qint64>(s.duplicated));
    o.insert(QStringLiteral("packets_late"), static_cast<qint64>(s.late));
    o.insert(QStringLiteral("max_jitter_ms"), qRound(s.maxJitterMs * 10.0) / 10.0);
    o.insert(QStringLiteral("ssrc_streams"), static_cast<qint64>(s.streams));
    return o;
}

QJsonObject CallReport::toJson() const
{
    QJsonObject o;
    if (id)
        o.insert(QStringLiteral("id"), id);
    o.insert(QStringLiteral("sip_call_id"), sipCallId);
    o.insert(QStringLiteral("caller"), caller);
    o.insert(QStringLiteral("callee"), callee);
    o.insert(QStringLiteral("extension"), stringOrNull(extension));
    o.insert(QStringLiteral("vault"), stringOrNull(vault));
    o.insert(QStringLiteral("direction"), stringOrNull(directionName(direction)));
    o.insert(QStringLiteral("recorded"), recorded);
    o.insert(QStringLiteral("reason"), reason);
    o.insert(QStringLiteral("started_at"), timeOrNull(startedAt));
    o.insert(QStringLiteral("answered_at"), timeOrNull(answeredAt));
    o.insert(QStringLiteral("ended_at"), timeOrNull(endedAt));
    o.insert(QStringLiteral("end_cause"), endCause);
    o.insert(QStringLiteral("duration_ms"), durationMs());
    o.insert(QStringLiteral("codec"), stringOrNull(codec));
    o.insert(QStringLiteral("file"), stringOrNull(file));
    o.insert(QStringLiteral("bytes"), bytes);
    if (!note.isEmpty())
        o.insert(QStringLiteral("note"), note);
    QJsonObject q;
    q.insert(QStringLiteral("extension"), statsJson(extensionSide));
    q.insert(QStringLiteral("far_end"), statsJson(farEnd));
    o.insert(QStringLiteral("quality"), q);
    return o;
}
