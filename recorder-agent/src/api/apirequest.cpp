#include "api/apirequest.h"

#include <QDateTime>
#include <QRegularExpression>

qint64 nowMicros()
{
    return QDateTime::currentMSecsSinceEpoch() * 1000;
}

QString ApiRequest::query(const char *name) const
{
    return QString::fromStdString(req.get_param_value(name));
}

QString ApiRequest::pathParam(int i) const
{
    if (i < 0 || static_cast<std::size_t>(i) >= req.matches.size())
        return {};
    return QString::fromStdString(req.matches[static_cast<std::size_t>(i)].str());
}

std::optional<qint64> ApiRequest::idParam(int i) const
{
    // Plain positive decimal only: "1%00", "+1", "01", "1e3" name nothing.
    static const QRegularExpression digits(QStringLiteral("\\A[1-9][0-9]{0,17}\\z"));
    const QString s = pathParam(i);
    if (!digits.match(s).hasMatch())
        return std::nullopt;
    return s.toLongLong();
}

void ApiRequest::json(const QJsonObject &o, int status)
{
    res.status = status;
    res.set_content(QJsonDocument(o).toJson(QJsonDocument::Compact).toStdString(), "application/json");
}

void ApiRequest::problem(int status, const QString &title, const QString &detail, const QString &field)
{
    QJsonObject o;
    o.insert(QStringLiteral("type"), QStringLiteral("about:blank"));
    o.insert(QStringLiteral("title"), title);
    o.insert(QStringLiteral("status"), status);
    o.insert(QStringLiteral("detail"), detail);
    if (!field.isEmpty())
        o.insert(QStringLiteral("field"), field);
    res.status = status;
    res.set_content(QJsonDocument(o).toJson(QJsonDocument::Compact).toStdString(), "application/problem+json");
}

bool ApiRequest::body(QJsonObject *out)
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

void ApiRequest::audit(const QString &action, qint64 vaultId, qint64 recordingId, const QJsonObject &detail)
{
    AuditEntry e;
    e.at = nowMicros();
    e.user = user ? &*user : nullptr;
    e.address = address();
    e.action = action;
    e.vaultId = vaultId;
    e.recordingId = recordingId;
    e.detail = detail;
    ctx.users->audit(e);
}
