#include "apitypes.h"

#include <QUrl>

namespace vv::net {

namespace {

void addTime(QUrlQuery &q, const char *key, const QDateTime &t)
{
    if (t.isValid())
        q.addQueryItem(QString::fromLatin1(key), isoUtc(t));
}

void addText(QUrlQuery &q, const char *key, const QString &value)
{
    if (!value.isEmpty())
        q.addQueryItem(QString::fromLatin1(key), value);
}

} // namespace

QUrlQuery RecordingFilter::toQuery() const
{
    QUrlQuery q;
    addTime(q, "from", from);
    addTime(q, "to", to);
    addText(q, "number", number);
    addText(q, "extension", extension);
    addText(q, "direction", direction);
    addText(q, "annotation_contains", noteContains);
    if (minDurationMs)
        q.addQueryItem(QStringLiteral("min_duration_ms"), QString::number(*minDurationMs));
    if (recorded)
        q.addQueryItem(QStringLiteral("recorded"), *recorded ? QStringLiteral("true") : QStringLiteral("false"));
    addText(q, "sort", sort);
    addText(q, "cursor", cursor);
    if (limit)
        q.addQueryItem(QStringLiteral("limit"), QString::number(*limit));
    return q;
}

QUrlQuery AuditFilter::toQuery() const
{
    QUrlQuery q;
    addTime(q, "from", from);
    addTime(q, "to", to);
    addText(q, "user", user);
    addText(q, "action", action);
    if (vaultId)
        q.addQueryItem(QStringLiteral("vault_id"), QString::number(*vaultId));
    if (recordingId)
        q.addQueryItem(QStringLiteral("recording_id"), QString::number(*recordingId));
    addText(q, "cursor", cursor);
    if (limit)
        q.addQueryItem(QStringLiteral("limit"), QString::number(*limit));
    return q;
}

QByteArray AudioRequest::byteRange(qint64 first, qint64 last)
{
    QByteArray r = "bytes=" + QByteArray::number(first) + '-';
    if (last >= 0)
        r += QByteArray::number(last);
    return r;
}

QString isoUtc(const QDateTime &time)
{
    return time.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"));
}

QByteArray mediaType(const QByteArray &contentType)
{
    const qsizetype semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.left(semicolon)).trimmed().toLower();
}

QString encodeQueryStrictly(const QUrlQuery &query)
{
    QStringList parts;
    // FullyDecoded gives the values as the caller wrote them; encode them ourselves, "+" included.
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded))
        parts << QString::fromLatin1(QUrl::toPercentEncoding(key) + '=' + QUrl::toPercentEncoding(value));
    return parts.join(QLatin1Char('&'));
}

} // namespace vv::net
