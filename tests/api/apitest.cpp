#include "apitest.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QPointer>
#include <QRegularExpression>
#include <QSslSocket>
#include <QTimer>
#include <cmath>

namespace vv::apitest {

ApiResult await(const std::function<ApiCall *(QObject *context, ResultHandler handler)> &start, int timeoutMs)
{
    QObject context;
    QEventLoop loop;
    ApiResult result;
    bool done = false;
    QPointer<ApiCall> call = start(&context, [&](const ApiResult &r) {
        result = r;
        done = true;
        loop.quit();
    });
    if (!done) {
        QTimer::singleShot(timeoutMs, &loop, [&] {
            if (call)
                call->cancel();
            loop.quit();
        });
        loop.exec();
    }
    if (!done) {
        result = ApiResult{};
        result.error = net::ApiError::Cancelled;
        result.errorString = QStringLiteral("no answer within %1 ms").arg(timeoutMs);
    }
    return result;
}

std::unique_ptr<AgentClient> makeClient(const AgentServer &server, const QByteArray &token)
{
    auto client = std::make_unique<AgentClient>();
    client->setBaseUrl(server.baseUrl());
    client->setPinnedSha256(server.certificateSha256());
    if (!token.isEmpty())
        client->setToken(token);
    return client;
}

ApiResult send(AgentClient &client, const ApiRequest &request, int timeoutMs)
{
    return await([&](QObject *ctx, ResultHandler h) { return client.send(request, ctx, std::move(h)); }, timeoutMs);
}

ApiResult get(AgentClient &client, const QString &path, const QUrlQuery &query)
{
    ApiRequest r;
    r.path = path;
    r.query = query;
    return send(client, r);
}

ApiResult sendBytes(AgentClient &client, const QByteArray &method, const QString &path, const QByteArray &body,
                    const QUrlQuery &query)
{
    ApiRequest r;
    r.method = method;
    r.path = path;
    r.query = query;
    r.body = body;
    return send(client, r);
}

ApiResult sendJson(AgentClient &client, const QByteArray &method, const QString &path, const QJsonValue &body,
                   const QUrlQuery &query)
{
    QByteArray bytes;
    if (body.isObject())
        bytes = QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact);
    else if (body.isArray())
        bytes = QJsonDocument(body.toArray()).toJson(QJsonDocument::Compact);
    else // scalars: QJsonDocument cannot hold them, wrap and unwrap an array
        bytes = QJsonDocument(QJsonArray{body}).toJson(QJsonDocument::Compact).mid(1).chopped(1);
    return sendBytes(client, method, path, bytes, query);
}

QByteArray signIn(const AgentServer &server, const QString &username, const QString &password, QString *failure,
                  ApiResult *answer)
{
    auto client = makeClient(server);
    const ApiResult r =
        await([&](QObject *ctx, ResultHandler h) { return client->signIn(username, password, ctx, h); });
    if (answer)
        *answer = r;
    const QByteArray token = r.json.object().value(QStringLiteral("token")).toString().toUtf8();
    if (r.httpStatus != 201 || token.isEmpty()) {
        if (failure)
            *failure = QStringLiteral("sign-in as %1: %2").arg(username, describe(r));
        return {};
    }
    return token;
}

QString describe(const ApiResult &r)
{
    QByteArray body = r.data.left(600);
    if (r.data.size() > 600)
        body += "...";
    if (!r.contentType.startsWith("application/") || r.contentType == "application/octet-stream")
        body = QByteArray::number(r.data.size()) + " bytes";
    return QStringLiteral("HTTP %1 [%2] %3%4")
        .arg(r.httpStatus)
        .arg(QString::fromLatin1(r.contentType))
        .arg(QString::fromUtf8(body))
        .arg(r.httpStatus == 0 ? QStringLiteral(" (%1)").arg(r.errorString) : QString());
}

QString expectStatus(const ApiResult &r, int status)
{
    return r.httpStatus == status ? QString() : QStringLiteral("expected HTTP %1, got %2").arg(status).arg(describe(r));
}

QString expectJson(const ApiResult &r, int status)
{
    if (r.httpStatus != status)
        return QStringLiteral("expected HTTP %1, got %2").arg(status).arg(describe(r));
    if (r.contentType != "application/json" || !r.json.isObject())
        return QStringLiteral("expected a JSON object (application/json), got %1").arg(describe(r));
    return {};
}

QString expectProblemIn(const ApiResult &r, const QList<int> &statuses)
{
    QStringList wanted;
    for (int s : statuses)
        wanted << QString::number(s);
    if (!statuses.contains(r.httpStatus))
        return QStringLiteral("expected HTTP %1, got %2").arg(wanted.join(QLatin1Char('/')), describe(r));
    if (r.contentType != "application/problem+json")
        return QStringLiteral("expected application/problem+json, got %1").arg(describe(r));
    const QJsonObject p = r.json.object();
    if (p.value(QStringLiteral("detail")).toString().trimmed().isEmpty())
        return QStringLiteral("problem without a detail: %1").arg(describe(r));
    if (p.contains(QStringLiteral("status")) && p.value(QStringLiteral("status")).toInt() != r.httpStatus)
        return QStringLiteral("problem status member differs from the HTTP status: %1").arg(describe(r));
    return {};
}

QString expectProblem(const ApiResult &r, int status, const QString &field)
{
    const QString why = expectProblemIn(r, {status});
    if (!why.isEmpty() || field.isEmpty())
        return why;
    const QString got = r.json.object().value(QStringLiteral("field")).toString();
    return got == field ? QString()
                        : QStringLiteral("expected the problem to name field \"%1\", got \"%2\": %3")
                              .arg(field, got, describe(r));
}

QList<QJsonObject> items(const ApiResult &r)
{
    QList<QJsonObject> out;
    for (const QJsonValue &v : r.json.object().value(QStringLiteral("items")).toArray())
        out << v.toObject();
    return out;
}

QString collectPages(AgentClient &client, const QString &path, QUrlQuery query, QList<QJsonObject> *out, int *pages)
{
    QSet<QString> cursors;
    for (int page = 1; page <= 1000; ++page) {
        const ApiResult r = get(client, path, query);
        if (const QString why = expectJson(r, 200); !why.isEmpty())
            return QStringLiteral("page %1: %2").arg(page).arg(why);
        *out += items(r);
        const QJsonValue next = r.json.object().value(QStringLiteral("next_cursor"));
        if (pages)
            *pages = page;
        if (next.isNull() || next.isUndefined() || next.toString().isEmpty())
            return {};
        if (cursors.contains(next.toString()))
            return QStringLiteral("page %1 repeats an earlier cursor %2 (endless pagination)")
                .arg(page)
                .arg(next.toString());
        cursors.insert(next.toString());
        query.removeAllQueryItems(QStringLiteral("cursor"));
        query.addQueryItem(QStringLiteral("cursor"), next.toString());
    }
    return QStringLiteral("more than 1000 pages");
}

qint64 msOf(const QJsonValue &iso)
{
    const QDateTime t = QDateTime::fromString(iso.toString(), Qt::ISODateWithMs);
    return t.isValid() ? t.toMSecsSinceEpoch() : -1;
}

QList<CatalogueCall> completeCalls(const AgentServer &server, const QString &vault)
{
    QList<CatalogueCall> out;
    for (const CatalogueCall &c : server.catalogue(vault))
        if (c.state == u"complete")
            out << c;
    return out;
}

QByteArray readWholeFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QByteArray audioFile(const AgentServer &server, qint64 recordingId)
{
    const auto row = server.catalogueCall(recordingId);
    QFile file(row ? server.absolutePath(row->file) : QString());
    return row && !row->file.isEmpty() && file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

ApiResult audio(const AgentServer &server, const QByteArray &token, qint64 recordingId, const QByteArray &range,
                const QUrlQuery &query)
{
    ApiRequest r;
    r.path = QStringLiteral("/api/v1/recordings/%1/audio").arg(recordingId);
    r.query = query;
    r.headers.append({QByteArray("Accept-Encoding"), QByteArray("identity")});
    if (!range.isEmpty())
        r.headers.append({QByteArray("Range"), range});
    return send(*makeClient(server, token), r);
}

QString expectAuditEntry(const AgentServer &server, const QByteArray &adminToken, const QString &action,
                         const QString &user, qint64 recordingId, qint64 vaultId, const QDateTime &since)
{
    const ApiResult r = get(*makeClient(server, adminToken), QStringLiteral("/api/v1/audit"),
                            QUrlQuery{{"action", action}, {"limit", "500"}});
    if (const QString why = expectJson(r, 200); !why.isEmpty())
        return why;
    for (const QJsonObject &e : items(r)) {
        if (e.value("recording_id").toInteger() != recordingId || e.value("user").toString() != user)
            continue;
        if (e.value("action").toString() != action)
            return QStringLiteral("audit filter action=%1 returned a %2 entry")
                .arg(action, e.value("action").toString());
        const qint64 at = msOf(e.value("at"));
        if (at < since.toMSecsSinceEpoch() - 5000 || at > QDateTime::currentMSecsSinceEpoch() + 5000)
            return QStringLiteral("audit entry time %1 is not now").arg(e.value("at").toString());
        if (e.value("address").toString() != u"127.0.0.1")
            return QStringLiteral("audit entry address %1, expected 127.0.0.1").arg(e.value("address").toString());
        if (e.value("vault_id").toInteger() != vaultId)
            return QStringLiteral("audit entry vault_id %1, expected %2")
                .arg(e.value("vault_id").toInteger())
                .arg(vaultId);
        return {};
    }
    return QStringLiteral("no %1 entry by %2 for recording %3 in %4")
        .arg(action, user)
        .arg(recordingId)
        .arg(describe(r));
}

QString startSignedIn(AgentServer &server, SignedInAgent *out)
{
    if (!server.start())
        return QStringLiteral("the agent did not start: ") + server.error();
    QString why;
    for (const auto &[user, token] : {std::pair{"admin", &out->admin}, {"alice", &out->alice}, {"bob", &out->bob}}) {
        *token = signIn(server, QString::fromLatin1(user), server.password(QString::fromLatin1(user)), &why);
        if (token->isEmpty())
            return QStringLiteral("%1 could not sign in: %2").arg(QLatin1String(user), why);
    }
    auto admin = makeClient(server, out->admin);
    const ApiResult vaults = get(*admin, QStringLiteral("/api/v1/vaults"));
    for (const QJsonObject &v : items(vaults))
        (v.value(QStringLiteral("name")).toString() == u"acme" ? out->acme : out->beta) =
            v.value(QStringLiteral("id")).toInteger();
    if (out->acme <= 0 || out->beta <= 0 || out->acme == out->beta)
        return QStringLiteral("vaults acme and beta not both listed: ") + describe(vaults);
    return {};
}

QString stopIfRunning(AgentServer &server)
{
    if (server.isRunning() && !server.stop())
        return QStringLiteral("the agent did not stop cleanly: ") + server.error();
    return {};
}

QString openApiPath()
{
    return QStringLiteral(VIPVAULT_SOURCE_DIR "/recorder-agent/api/openapi.json");
}

QJsonObject openApiDocument(QString *error)
{
    QFile file(openApiPath());
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = file.errorString();
        return {};
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (error && parseError.error != QJsonParseError::NoError)
        *error = parseError.errorString();
    return doc.object();
}

QJsonObject schemaNamed(const QJsonObject &document, const QString &name)
{
    return document.value(QStringLiteral("components"))
        .toObject()
        .value(QStringLiteral("schemas"))
        .toObject()
        .value(name)
        .toObject();
}

namespace {

bool hasType(const QJsonValue &v, const QString &type)
{
    if (type == u"null")
        return v.isNull();
    if (type == u"string")
        return v.isString();
    if (type == u"boolean")
        return v.isBool();
    if (type == u"object")
        return v.isObject();
    if (type == u"array")
        return v.isArray();
    if (type == u"number")
        return v.isDouble();
    if (type == u"integer")
        return v.isDouble() && v.toDouble() == std::floor(v.toDouble());
    return false;
}

void check(const QJsonValue &v, QJsonObject schema, const QJsonObject &doc, const QString &where, QStringList *out)
{
    const QString ref = schema.value(QStringLiteral("$ref")).toString();
    if (!ref.isEmpty()) {
        const QString prefix = QStringLiteral("#/components/schemas/");
        if (!ref.startsWith(prefix)) {
            *out << where + QStringLiteral(": unsupported $ref ") + ref;
            return;
        }
        schema = schemaNamed(doc, ref.mid(prefix.size()));
        if (schema.isEmpty()) {
            *out << where + QStringLiteral(": $ref to a missing schema ") + ref;
            return;
        }
    }
    const QJsonValue type = schema.value(QStringLiteral("type"));
    QStringList types;
    if (type.isString())
        types << type.toString();
    for (const QJsonValue &t : type.toArray())
        types << t.toString();
    if (!types.isEmpty() && std::none_of(types.begin(), types.end(), [&](const QString &t) { return hasType(v, t); })) {
        *out << QStringLiteral("%1: %2 is not of type %3")
                    .arg(where, QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact)),
                         types.join(u'|'));
        return;
    }
    if (schema.contains(QStringLiteral("enum")) && !schema.value(QStringLiteral("enum")).toArray().contains(v))
        *out << where + QStringLiteral(": value not in the enum");
    if (v.isObject() && schema.contains(QStringLiteral("properties"))) {
        const QJsonObject o = v.toObject();
        const QJsonObject props = schema.value(QStringLiteral("properties")).toObject();
        for (const QJsonValue &r : schema.value(QStringLiteral("required")).toArray())
            if (!o.contains(r.toString()))
                *out << QStringLiteral("%1: required field \"%2\" missing").arg(where, r.toString());
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (!props.contains(it.key()))
                *out << QStringLiteral("%1: field \"%2\" is not documented").arg(where, it.key());
            else
                check(it.value(), props.value(it.key()).toObject(), doc, where + u'.' + it.key(), out);
        }
    }
    if (v.isArray() && schema.contains(QStringLiteral("items"))) {
        const QJsonArray a = v.toArray();
        for (qsizetype i = 0; i < a.size(); ++i)
            check(a.at(i), schema.value(QStringLiteral("items")).toObject(), doc,
                  QStringLiteral("%1[%2]").arg(where).arg(i), out);
    }
}

} // namespace

QString schemaProblems(const QJsonValue &value, const QJsonObject &schema, const QJsonObject &document,
                       const QString &where)
{
    QStringList problems;
    check(value, schema, document, where, &problems);
    return problems.join(QLatin1Char('\n'));
}

QList<Route> documentedRoutes(QString *error)
{
    QList<Route> routes;
    const QJsonObject paths = openApiDocument(error).value(QStringLiteral("paths")).toObject();
    static const QStringList methods{"get", "put", "post", "delete", "patch", "head", "options", "trace"};
    static const QRegularExpression param(QStringLiteral("\\{([^}]+)\\}"));
    for (auto p = paths.begin(); p != paths.end(); ++p) {
        const QJsonObject ops = p.value().toObject();
        for (auto o = ops.begin(); o != ops.end(); ++o) {
            if (!methods.contains(o.key()))
                continue;
            Route r;
            r.method = o.key().toUpper().toLatin1();
            r.path = p.key();
            r.operation = o.value().toObject();
            r.operationId = r.operation.value(QStringLiteral("operationId")).toString();
            for (const QJsonValue &role : r.operation.value(QStringLiteral("x-roles")).toArray())
                r.roles << role.toString();
            r.hasBody = r.operation.contains(QStringLiteral("requestBody"));
            for (auto m = param.globalMatch(r.path); m.hasNext();)
                r.pathParams << m.next().captured(1);
            routes << r;
        }
    }
    return routes;
}

QString fillPath(const QString &path, const QMap<QString, QString> &params)
{
    QString out = path;
    for (auto it = params.begin(); it != params.end(); ++it)
        out.replace(QLatin1Char('{') + it.key() + QLatin1Char('}'), it.value());
    return out;
}

QByteArray bearer(const QByteArray &token)
{
    return "Bearer " + token;
}

QByteArray RawResponse::mediaType() const
{
    return net::mediaType(headers.value("content-type"));
}

QJsonObject RawResponse::json() const
{
    return QJsonDocument::fromJson(body).object();
}

QString RawResponse::describe() const
{
    if (!connected)
        return QStringLiteral("no TLS connection: %1").arg(error);
    if (!answered)
        return QStringLiteral("connection dropped without a complete answer (%1; %2 bytes of body)")
            .arg(error)
            .arg(body.size());
    return QStringLiteral("HTTP %1 [%2] %3")
        .arg(status)
        .arg(QString::fromLatin1(mediaType()), QString::fromUtf8(body.left(400)));
}

QByteArray rawRequest(const QByteArray &method, const QByteArray &target, const HeaderList &headers,
                      const QByteArray &body, bool chunked)
{
    QByteArray out = method + ' ' + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
    for (const auto &[name, value] : headers)
        out += name + ": " + value + "\r\n";
    if (chunked) {
        out += "Transfer-Encoding: chunked\r\n\r\n";
        for (qsizetype at = 0; at < body.size(); at += 65536) {
            const QByteArray chunk = body.mid(at, 65536);
            out += QByteArray::number(chunk.size(), 16) + "\r\n" + chunk + "\r\n";
        }
        return out + "0\r\n\r\n";
    }
    if (!body.isEmpty() || method == "POST" || method == "PUT" || method == "PATCH")
        out += "Content-Length: " + QByteArray::number(body.size()) + "\r\n";
    return out + "\r\n" + body;
}

namespace {

// Parses what arrived; true once a whole response (headers plus the body they announce) is there.
bool parseResponse(const QByteArray &buffer, RawResponse *r, bool closed)
{
    const qsizetype end = buffer.indexOf("\r\n\r\n");
    if (end < 0)
        return false;
    const QList<QByteArray> lines = buffer.left(end).split('\n');
    const QList<QByteArray> statusLine = lines.first().trimmed().split(' ');
    if (statusLine.size() < 2 || !statusLine.first().startsWith("HTTP/1."))
        return false;
    r->status = statusLine.at(1).toInt();
    r->headers.clear();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines.at(i).indexOf(':');
        if (colon > 0)
            r->headers.insert(lines.at(i).left(colon).trimmed().toLower(), lines.at(i).mid(colon + 1).trimmed());
    }
    const QByteArray rest = buffer.mid(end + 4);
    if (r->headers.value("transfer-encoding").toLower().contains("chunked")) {
        QByteArray body;
        qsizetype at = 0;
        while (true) {
            const qsizetype eol = rest.indexOf("\r\n", at);
            if (eol < 0)
                return false;
            bool ok = false;
            const qsizetype size = rest.mid(at, eol - at).split(';').first().trimmed().toLongLong(&ok, 16);
            if (!ok)
                return false;
            if (size == 0) {
                r->body = body;
                return true;
            }
            if (rest.size() < eol + 2 + size + 2)
                return false;
            body += rest.mid(eol + 2, size);
            at = eol + 2 + size + 2;
        }
    }
    if (r->headers.contains("content-length")) {
        const qsizetype length = r->headers.value("content-length").toLongLong();
        if (rest.size() < length)
            return false;
        r->body = rest.left(length);
        return true;
    }
    r->body = rest;
    return closed || r->status == 204 || r->status == 304 || r->status / 100 == 1;
}

} // namespace

RawResponse rawExchange(const AgentServer &server, const QByteArray &request, const QHostAddress &bindTo, int timeoutMs)
{
    RawResponse r;
    QSslSocket socket;
    // Any address in 127.0.0.0/8 reaches a server on 127.0.0.1; binding lets a test be "another client address".
    if (!bindTo.isNull() && !socket.bind(bindTo, 0)) {
        r.error = QStringLiteral("cannot bind to %1: %2").arg(bindTo.toString(), socket.errorString());
        return r;
    }
    socket.setPeerVerifyMode(QSslSocket::VerifyNone); // trust is decided by the pin just below
    socket.connectToHostEncrypted(server.host(), server.port());
    if (!socket.waitForEncrypted(timeoutMs)) {
        r.error = socket.errorString();
        return r;
    }
    const QString presented =
        QString::fromLatin1(socket.peerCertificate().digest(QCryptographicHash::Sha256).toHex().toUpper());
    if (presented != server.certificateSha256()) {
        r.error = QStringLiteral("certificate %1 is not the announced %2").arg(presented, server.certificateSha256());
        return r;
    }
    r.connected = true;
    QElapsedTimer timer;
    timer.start();
    // Write in slices and keep reading: a server may answer (413, 431) before it has read everything.
    QByteArray buffer;
    for (qsizetype at = 0; at < request.size() && socket.state() == QAbstractSocket::ConnectedState;) {
        const qint64 written = socket.write(request.mid(at, 256 * 1024));
        if (written <= 0)
            break;
        at += written;
        while (socket.bytesToWrite() > 0 && socket.state() == QAbstractSocket::ConnectedState &&
               timer.elapsed() < timeoutMs)
            socket.waitForBytesWritten(100);
        buffer += socket.readAll();
    }
    bool closed = false;
    while (!parseResponse(buffer, &r, closed) && timer.elapsed() < timeoutMs) {
        if (closed)
            break;
        if (!socket.waitForReadyRead(int(qMax<qint64>(1, timeoutMs - timer.elapsed()))))
            closed = socket.state() != QAbstractSocket::ConnectedState;
        buffer += socket.readAll();
    }
    r.answered = parseResponse(buffer, &r, closed || socket.state() != QAbstractSocket::ConnectedState);
    if (!r.answered) {
        r.error =
            socket.state() == QAbstractSocket::ConnectedState ? QStringLiteral("timed out") : socket.errorString();
        r.body = buffer;
    }
    return r;
}

QString expectRawProblem(const RawResponse &r, const QList<int> &statuses)
{
    QStringList wanted;
    for (int s : statuses)
        wanted << QString::number(s);
    if (!r.answered || !statuses.contains(r.status))
        return QStringLiteral("expected HTTP %1, got %2").arg(wanted.join(QLatin1Char('/')), r.describe());
    if (r.mediaType() != "application/problem+json" || r.json().value(QStringLiteral("detail")).toString().isEmpty())
        return QStringLiteral("expected a problem+json answer with a detail, got %1").arg(r.describe());
    return {};
}

} // namespace vv::apitest
