#include "api/apiexchange.h"

#include <QDateTime>
#include <QRegularExpression>

namespace vv::agent {

qint64 nowMicros()
{
    return QDateTime::currentMSecsSinceEpoch() * 1000;
}

QString ApiExchange::pathParam(int i) const
{
    if (i < 1 || static_cast<std::size_t>(i) > req.pathParams.size())
        return {};
    return QString::fromStdString(req.pathParams[static_cast<std::size_t>(i - 1)]);
}

std::optional<qint64> ApiExchange::idParam(int i) const
{
    // Plain positive decimal only: "1%00", "+1", "01", "1e3" name nothing.
    static const QRegularExpression digits(QStringLiteral("\\A[1-9][0-9]{0,17}\\z"));
    const QString s = pathParam(i);
    if (!digits.match(s).hasMatch())
        return std::nullopt;
    return s.toLongLong();
}

void ApiExchange::json(const QJsonObject &o, int status)
{
    res.status = status;
    res.setContent(QJsonDocument(o).toJson(QJsonDocument::Compact).toStdString(), "application/json");
}

void ApiExchange::problem(int status, const QString &title, const QString &detail, const QString &field)
{
    QJsonObject o;
    o.insert(QStringLiteral("type"), QStringLiteral("about:blank"));
    o.insert(QStringLiteral("title"), title);
    o.insert(QStringLiteral("status"), status);
    o.insert(QStringLiteral("detail"), detail);
    if (!field.isEmpty())
        o.insert(QStringLiteral("field"), field);
    res.status = status;
    res.setContent(QJsonDocument(o).toJson(QJsonDocument::Compact).toStdString(), "application/problem+json");
}

bool ApiExchange::body(QJsonObject *out)
{
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(req.body), &err);
    if (err.error != QJsonParseError::NoError) {
        problem(400, QStringLiteral("Malformed JSON"),
                QStringLiteral("the body is not valid JSON (%1 at offset %2)").arg(err.errorString()).arg(err.offset));
        return false;
    }
    if (!doc.isObject()) {
        problem(400, QStringLiteral("Malformed JSON"), QStringLiteral("the body must be a JSON object"));
        return false;
    }
    *out = doc.object();
    return true;
}

void ApiExchange::audit(const QString &action, qint64 vaultId, qint64 recordingId, const QJsonObject &detail)
{
    AuditEntry e;
    e.at = ctx.users->now();
    e.user = user ? &*user : nullptr;
    e.address = address();
    e.action = action;
    e.vaultId = vaultId;
    e.recordingId = recordingId;
    e.detail = detail;
    ctx.users->audit(e);
}

} // namespace vv::agent
