// Shared by the API tests: synchronous use of the asynchronous AgentClient, checks that return a readable
// failure text ("" = as expected, so one QVERIFY2 shows the whole answer), the routes of the OpenAPI document,
// and a raw HTTPS exchange for requests QNetworkAccessManager would tidy up (exact paths, oversized headers,
// chunked bodies) and for telling a dropped connection from an answer.
#pragma once

#include "agentclient.h"
#include "agentserver.h"

#include <QHostAddress>
#include <QJsonArray>
#include <QJsonObject>
#include <QTest>
#include <functional>
#include <memory>

namespace vv::apitest {

using net::AgentClient;
using net::ApiCall;
using net::ApiRequest;
using net::ApiResult;
using net::ResultHandler;

#define API_CHECK(expr)                                                                                                \
    do {                                                                                                               \
        const QString why_ = (expr);                                                                                   \
        QVERIFY2(why_.isEmpty(), qPrintable(why_));                                                                    \
    } while (false)

// ---- calls ----------------------------------------------------------------------------------------------------

ApiResult await(const std::function<ApiCall *(QObject *context, ResultHandler handler)> &start, int timeoutMs = 60000);
// A client of the server, pinned to the certificate its ready line announced, optionally holding a token.
std::unique_ptr<AgentClient> makeClient(const AgentServer &server, const QByteArray &token = {});
ApiResult send(AgentClient &client, const ApiRequest &request, int timeoutMs = 60000);
ApiResult get(AgentClient &client, const QString &path, const QUrlQuery &query = {});
ApiResult sendJson(AgentClient &client, const QByteArray &method, const QString &path, const QJsonValue &body,
                   const QUrlQuery &query = {});
ApiResult sendBytes(AgentClient &client, const QByteArray &method, const QString &path, const QByteArray &body,
                    const QUrlQuery &query = {});
// Signs in and returns the token, or an empty token with *failure describing the answer.
QByteArray signIn(const AgentServer &server, const QString &username, const QString &password,
                  QString *failure = nullptr, ApiResult *answer = nullptr);

// What most API tests start from: the agent started, admin, alice and bob signed in, the two vaults' ids.
struct SignedInAgent
{
    QByteArray admin;
    QByteArray alice;
    QByteArray bob;
    qint64 acme = 0;
    qint64 beta = 0;
};
// "" when the agent started, the three users signed in and both vaults were found; else what went wrong.
QString startSignedIn(AgentServer &server, SignedInAgent *out);
// For cleanupTestCase: stops the agent if it still runs; "" when it stopped cleanly.
QString stopIfRunning(AgentServer &server);

// ---- checks ---------------------------------------------------------------------------------------------------

QString describe(const ApiResult &r);
QString expectStatus(const ApiResult &r, int status);
// A JSON object answer with this status.
QString expectJson(const ApiResult &r, int status);
// An RFC 9457 problem: this status, application/problem+json, a non-empty detail, "status" equal to the HTTP
// status when present, and `field` when given.
QString expectProblem(const ApiResult &r, int status, const QString &field = {});
QString expectProblemIn(const ApiResult &r, const QList<int> &statuses);
QList<QJsonObject> items(const ApiResult &r);
// Every page of a cursor-paginated list, following next_cursor; "" = all pages fine.
QString collectPages(AgentClient &client, const QString &path, QUrlQuery query, QList<QJsonObject> *out,
                     int *pages = nullptr);

// ---- recordings ------------------------------------------------------------------------------------------------

// ISO 8601 -> ms since the epoch; -1 when it does not parse.
qint64 msOf(const QJsonValue &iso);
// Complete recordings of a vault from the catalogue, newest first.
QList<CatalogueCall> completeCalls(const AgentServer &server, const QString &vault);
// The bytes of a recording's file on disk (empty when it has none).
QByteArray audioFile(const AgentServer &server, qint64 recordingId);
// A file's whole content; empty when it cannot be read.
QByteArray readWholeFile(const QString &path);
// GET .../audio with identity encoding, an optional Range and query.
ApiResult audio(const AgentServer &server, const QByteArray &token, qint64 recordingId, const QByteArray &range = {},
                const QUrlQuery &query = {});
// "" when the audit log holds an `action` entry by `user` for the recording: in the vault, from 127.0.0.1, at a
// time between `since` and now.
QString expectAuditEntry(const AgentServer &server, const QByteArray &adminToken, const QString &action,
                         const QString &user, qint64 recordingId, qint64 vaultId, const QDateTime &since);

// ---- the contract ---------------------------------------------------------------------------------------------

struct Route
{
    QByteArray method; // upper case
    QString path;      // "/api/v1/vaults/{vaultId}"
    QString operationId;
    QStringList roles; // x-roles; empty = public
    bool hasBody = false;
    QStringList pathParams;
    QJsonObject operation;

    bool isPublic() const { return roles.isEmpty(); }
    bool customerMay() const { return roles.contains(QStringLiteral("customer")); }
    QString key() const { return QString::fromLatin1(method) + QLatin1Char(' ') + path; }
};

QString openApiPath();
QJsonObject openApiDocument(QString *error = nullptr);
QList<Route> documentedRoutes(QString *error = nullptr);
// A component schema of the document ("Recording" -> components/schemas/Recording).
QJsonObject schemaNamed(const QJsonObject &document, const QString &name);
// What in `value` disagrees with `schema` (the subset of JSON Schema the document uses: type, including
// ["integer", "null"] unions, properties, required, additional properties refused, items, $ref, enum); "" = none.
// `where` prefixes each problem ("Recording.items[0].quality").
QString schemaProblems(const QJsonValue &value, const QJsonObject &schema, const QJsonObject &document,
                       const QString &where);
// "/api/v1/vaults/{vaultId}" with {vaultId: "2"} -> "/api/v1/vaults/2"; unknown parameters stay as they are.
QString fillPath(const QString &path, const QMap<QString, QString> &params);

// ---- raw HTTPS ------------------------------------------------------------------------------------------------

struct RawResponse
{
    bool connected = false; // TLS handshake done with the pinned certificate
    bool answered = false;  // a complete HTTP response arrived
    int status = 0;
    QMap<QByteArray, QByteArray> headers; // lower-case names
    QByteArray body;
    QString error;

    QByteArray mediaType() const;
    QJsonObject json() const;
    QString describe() const;
};

using HeaderList = QList<QPair<QByteArray, QByteArray>>;
// An HTTP/1.1 request with Host and Connection: close; Content-Length unless chunked is true (then the body is
// sent as chunks of at most 64 KiB).
QByteArray rawRequest(const QByteArray &method, const QByteArray &target, const HeaderList &headers = {},
                      const QByteArray &body = {}, bool chunked = false);
RawResponse rawExchange(const AgentServer &server, const QByteArray &request, const QHostAddress &bindTo = {},
                        int timeoutMs = 30000);
// A problem answer with one of these statuses ("" = fine).
QString expectRawProblem(const RawResponse &r, const QList<int> &statuses);
QByteArray bearer(const QByteArray &token);

} // namespace vv::apitest
