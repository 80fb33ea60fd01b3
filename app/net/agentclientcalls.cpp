// The typed calls of AgentClient: paths, bodies and queries of recorder-agent/api/openapi.json, one place each.
#include "agentclient.h"

#include <QJsonObject>

namespace vv::net {

namespace {

QString vaultPath(qint64 vaultId, const char *tail = "")
{
    return QStringLiteral("/api/v1/vaults/%1%2").arg(vaultId).arg(QLatin1String(tail));
}

QString recordingPath(qint64 recordingId, const char *tail = "")
{
    return QStringLiteral("/api/v1/recordings/%1%2").arg(recordingId).arg(QLatin1String(tail));
}

} // namespace

ApiCall *AgentClient::signIn(const QString &username, const QString &password, QObject *context, ResultHandler handler)
{
    ApiRequest r;
    r.method = "POST";
    r.path = QStringLiteral("/api/v1/session");
    r.authenticate = false; // credentials never travel together with an older token
    r.body = QJsonDocument(QJsonObject{{QStringLiteral("username"), username}, {QStringLiteral("password"), password}})
                 .toJson(QJsonDocument::Compact);
    QPointer<AgentClient> self(this);
    return send(r, context, [self, handler = std::move(handler)](const ApiResult &result) {
        const QString token = result.json.object().value(QStringLiteral("token")).toString();
        if (self && result.ok() && !token.isEmpty())
            self->setToken(token.toUtf8());
        if (handler)
            handler(result);
    });
}

ApiCall *AgentClient::signOut(QObject *context, ResultHandler handler)
{
    ApiCall *call = request("DELETE", QStringLiteral("/api/v1/session"), {}, {}, context, std::move(handler));
    clearToken(); // the request already carries it; locally the session ends now whatever the agent says
    return call;
}

ApiCall *AgentClient::me(QObject *context, ResultHandler handler)
{
    return request("GET", QStringLiteral("/api/v1/me"), {}, {}, context, std::move(handler));
}

ApiCall *AgentClient::changePassword(const QString &currentPassword, const QString &newPassword, QObject *context,
                                     ResultHandler handler)
{
    const QJsonObject body{{QStringLiteral("current_password"), currentPassword},
                           {QStringLiteral("new_password"), newPassword}};
    QPointer<AgentClient> self(this);
    return json("PUT", QStringLiteral("/api/v1/me/password"), body, context,
                [self, handler = std::move(handler)](const ApiResult &result) {
                    if (self && result.ok())
                        self->clearToken(); // revoked by the agent together with every other token of the user
                    if (handler)
                        handler(result);
                });
}

ApiCall *AgentClient::health(QObject *context, ResultHandler handler)
{
    ApiRequest r;
    r.path = QStringLiteral("/healthz");
    r.authenticate = false;
    return send(r, context, std::move(handler));
}

ApiCall *AgentClient::status(QObject *context, ResultHandler handler)
{
    return request("GET", QStringLiteral("/api/v1/status"), {}, {}, context, std::move(handler));
}

ApiCall *AgentClient::listVaults(QObject *context, ResultHandler handler)
{
    return request("GET", QStringLiteral("/api/v1/vaults"), {}, {}, context, std::move(handler));
}

ApiCall *AgentClient::createVault(const QJsonObject &vault, QObject *context, ResultHandler handler)
{
    return json("POST", QStringLiteral("/api/v1/vaults"), vault, context, std::move(handler));
}

ApiCall *AgentClient::vault(qint64 vaultId, QObject *context, ResultHandler handler)
{
    return request("GET", vaultPath(vaultId), {}, {}, context, std::move(handler));
}

ApiCall *AgentClient::settings(qint64 vaultId, QObject *context, ResultHandler handler)
{
    return request("GET", vaultPath(vaultId, "/settings"), {}, {}, context, std::move(handler));
}

ApiCall *AgentClient::createVault(const QString &name, const QString &extensions, QObject *context,
                                  ResultHandler handler)
{
    QJsonObject body{{QStringLiteral("name"), name}};
    if (!extensions.isEmpty())
        body.insert(QStringLiteral("extensions"), extensions);
    return createVault(body, context, std::move(handler));
}

ApiCall *AgentClient::putSettings(qint64 vaultId, const QJsonObject &settings, bool dryRun, QObject *context,
                                  ResultHandler handler)
{
    QUrlQuery query;
    if (dryRun)
        query.addQueryItem(QStringLiteral("dry_run"), QStringLiteral("true"));
    return json("PUT", vaultPath(vaultId, "/settings"), settings, context, std::move(handler), query);
}

ApiCall *AgentClient::extensions(qint64 vaultId, QObject *context, ResultHandler handler)
{
    return request("GET", vaultPath(vaultId, "/extensions"), {}, {}, context, std::move(handler));
}

ApiCall *AgentClient::usage(qint64 vaultId, const QString &month, QObject *context, ResultHandler handler)
{
    QUrlQuery query;
    if (!month.isEmpty())
        query.addQueryItem(QStringLiteral("month"), month);
    return request("GET", vaultPath(vaultId, "/usage"), query, {}, context, std::move(handler));
}

ApiCall *AgentClient::healthEvents(bool openOnly, QObject *context, ResultHandler handler)
{
    QUrlQuery query;
    if (openOnly)
        query.addQueryItem(QStringLiteral("open"), QStringLiteral("true"));
    return request("GET", QStringLiteral("/api/v1/health/events"), query, {}, context, std::move(handler));
}

ApiCall *AgentClient::acknowledgeEvent(qint64 eventId, QObject *context, ResultHandler handler)
{
    return request("POST", QStringLiteral("/api/v1/health/events/%1/acknowledge").arg(eventId), {}, {}, context,
                   std::move(handler));
}

ApiCall *AgentClient::assurance(qint64 vaultId, int days, QObject *context, ResultHandler handler)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("days"), QString::number(days));
    return request("GET", vaultPath(vaultId, "/assurance"), query, {}, context, std::move(handler));
}

ApiCall *AgentClient::usageSamples(qint64 vaultId, int days, QObject *context, ResultHandler handler)
{
    QUrlQuery query;
    query.addQueryItem(QStringLiteral("days"), QString::number(days));
    return request("GET", vaultPath(vaultId, "/usage/samples"), query, {}, context, std::move(handler));
}

ApiCall *AgentClient::subscriptions(QObject *context, ResultHandler handler)
{
    return request("GET", QStringLiteral("/api/v1/subscriptions"), {}, {}, context, std::move(handler));
}

ApiCall *AgentClient::subscribe(const QJsonObject &subscription, QObject *context, ResultHandler handler)
{
    return json("POST", QStringLiteral("/api/v1/subscriptions"), subscription, context, std::move(handler));
}

ApiCall *AgentClient::unsubscribe(qint64 subscriptionId, QObject *context, ResultHandler handler)
{
    return request("DELETE", QStringLiteral("/api/v1/subscriptions/%1").arg(subscriptionId), {}, {}, context,
                   std::move(handler));
}

ApiCall *AgentClient::testSubscription(qint64 subscriptionId, QObject *context, ResultHandler handler)
{
    return request("POST", QStringLiteral("/api/v1/subscriptions/%1/test").arg(subscriptionId), {}, {}, context,
                   std::move(handler));
}

ApiCall *AgentClient::listUsers(qint64 vaultId, QObject *context, ResultHandler handler)
{
    return request("GET", vaultPath(vaultId, "/users"), {}, {}, context, std::move(handler));
}

ApiCall *AgentClient::createUser(qint64 vaultId, const QString &username, const QString &password, bool oneTime,
                                 QObject *context, ResultHandler handler)
{
    QJsonObject body{{QStringLiteral("username"), username}};
    if (!password.isEmpty())
        body.insert(QStringLiteral("password"), password);
    if (oneTime)
        body.insert(QStringLiteral("one_time"), true);
    return json("POST", vaultPath(vaultId, "/users"), body, context, std::move(handler));
}

ApiCall *AgentClient::patchUser(qint64 userId, const QJsonObject &patch, QObject *context, ResultHandler handler)
{
    return json("PATCH", QStringLiteral("/api/v1/users/%1").arg(userId), patch, context, std::move(handler));
}

ApiCall *AgentClient::deleteUser(qint64 userId, QObject *context, ResultHandler handler)
{
    return request("DELETE", QStringLiteral("/api/v1/users/%1").arg(userId), {}, {}, context, std::move(handler));
}

ApiCall *AgentClient::listRecordings(qint64 vaultId, const RecordingFilter &filter, QObject *context,
                                     ResultHandler handler)
{
    return request("GET", vaultPath(vaultId, "/recordings"), filter.toQuery(), {}, context, std::move(handler));
}

ApiCall *AgentClient::recording(qint64 recordingId, QObject *context, ResultHandler handler)
{
    return request("GET", recordingPath(recordingId), {}, {}, context, std::move(handler));
}

ApiCall *AgentClient::downloadAudio(qint64 recordingId, const AudioRequest &audio, QObject *context,
                                    ResultHandler handler, ProgressHandler progress)
{
    ApiRequest r;
    r.path = recordingPath(recordingId, "/audio");
    if (!audio.format.isEmpty())
        r.query.addQueryItem(QStringLiteral("format"), audio.format);
    if (audio.download)
        r.query.addQueryItem(QStringLiteral("download"), QStringLiteral("true"));
    r.headers.append({QByteArray("Accept"), QByteArray("audio/ogg, audio/wav, application/problem+json")});
    // Byte ranges must address the stored bytes, never a compressed transfer encoding of them.
    r.headers.append({QByteArray("Accept-Encoding"), QByteArray("identity")});
    if (!audio.range.isEmpty())
        r.headers.append({QByteArray("Range"), audio.range});
    r.sink = audio.sink;
    r.timeoutMs = 60000;
    return send(r, context, std::move(handler), std::move(progress));
}

ApiCall *AgentClient::deleteRecording(qint64 recordingId, QObject *context, ResultHandler handler)
{
    return request("DELETE", recordingPath(recordingId), {}, {}, context, std::move(handler));
}

ApiCall *AgentClient::setProtected(qint64 recordingId, bool isProtected, QObject *context, ResultHandler handler)
{
    return json("PUT", recordingPath(recordingId, "/protection"),
                QJsonObject{{QStringLiteral("protected"), isProtected}}, context, std::move(handler));
}

ApiCall *AgentClient::erasure(qint64 vaultId, const QString &number, const QString &plan, QObject *context,
                              ResultHandler handler)
{
    QJsonObject body{{QStringLiteral("number"), number}};
    if (plan.isEmpty())
        body.insert(QStringLiteral("dry_run"), true);
    else
        body.insert(QStringLiteral("plan"), plan);
    return json("POST", QStringLiteral("/api/v1/vaults/%1/erasure").arg(vaultId), body, context, std::move(handler));
}

ApiCall *AgentClient::subjectExport(qint64 vaultId, const QString &number, QIODevice *sink, QObject *context,
                                    ResultHandler handler)
{
    ApiRequest r;
    r.path = QStringLiteral("/api/v1/vaults/%1/subject-export").arg(vaultId);
    r.query.addQueryItem(QStringLiteral("number"), number);
    r.sink = sink;
    r.timeoutMs = 120000;
    return send(r, context, std::move(handler), {});
}

ApiCall *AgentClient::verification(qint64 recordingId, QObject *context, ResultHandler handler)
{
    return request("GET", recordingPath(recordingId, "/verification"), {}, {}, context, std::move(handler));
}

ApiCall *AgentClient::setNote(qint64 recordingId, const QString &text, QObject *context, ResultHandler handler)
{
    return json("PUT", recordingPath(recordingId, "/annotation"), QJsonObject{{QStringLiteral("text"), text}}, context,
                std::move(handler));
}

ApiCall *AgentClient::audit(const AuditFilter &filter, QObject *context, ResultHandler handler)
{
    return request("GET", QStringLiteral("/api/v1/audit"), filter.toQuery(), {}, context, std::move(handler));
}

ApiCall *AgentClient::encryption(qint64 vaultId, QObject *context, ResultHandler handler)
{
    return request("GET", QStringLiteral("/api/v1/vaults/%1/encryption").arg(vaultId), {}, {}, context,
                   std::move(handler));
}

ApiCall *AgentClient::setEncryptionMode(qint64 vaultId, const QString &mode, QObject *context, ResultHandler handler)
{
    return json("PUT", QStringLiteral("/api/v1/vaults/%1/encryption").arg(vaultId),
                QJsonObject{{QStringLiteral("mode"), mode}}, context, std::move(handler));
}

ApiCall *AgentClient::setCustomerKey(qint64 vaultId, const QByteArray &publicKey, const QJsonObject &recovery,
                                     QObject *context, ResultHandler handler)
{
    return json("PUT", QStringLiteral("/api/v1/vaults/%1/encryption/customer-key").arg(vaultId),
                QJsonObject{{QStringLiteral("public_key"), QString::fromLatin1(publicKey.toBase64())},
                            {QStringLiteral("recovery"), recovery}},
                context, std::move(handler));
}

ApiCall *AgentClient::keyBackup(qint64 vaultId, QObject *context, ResultHandler handler)
{
    return request("GET", QStringLiteral("/api/v1/vaults/%1/encryption/recovery").arg(vaultId), {}, {}, context,
                   std::move(handler));
}

} // namespace vv::net
