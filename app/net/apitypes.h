#pragma once
// Plain values exchanged with AgentClient: what to send (ApiRequest and the typed filters) and what came back
// (ApiResult). Kept free of QObject so they copy cheaply into callbacks and tests can build them by hand.
#include <QByteArray>
#include <QDateTime>
#include <QJsonDocument>
#include <QList>
#include <QMap>
#include <QPair>
#include <QString>
#include <QUrlQuery>
#include <functional>
#include <optional>

class QIODevice;

namespace vv::net {

// Why a request did not give a usable answer. Http means the agent answered with a status >= 400: the result
// then carries the agent's problem detail.
enum class ApiError {
    None,
    Http,
    Network,              // connection refused, reset, DNS, timeout...
    UntrustedCertificate, // no pin yet: the user has to confirm certificateSha256
    CertificateChanged,   // a pin is set and the server presented another certificate
    Cancelled,
    InvalidUrl,     // base URL or path refused before anything was sent
    Protocol,       // the agent answered something this client cannot use (bad JSON, oversized body)
    SinkWriteFailed // the download's target device refused the data
};

struct ApiRequest
{
    QByteArray method = "GET";
    QString path;                                 // "/api/v1/vaults/3", percent-encoded as it goes on the wire
    QUrlQuery query;                              // values are encoded strictly ("+" as %2B), so phone numbers survive
    QByteArray body;                              // sent as is
    QByteArray contentType = "application/json";  // only sent with a body or on POST/PUT/PATCH
    QList<QPair<QByteArray, QByteArray>> headers; // extra headers, e.g. Range
    bool authenticate = true;                     // add the bearer token if one is set
    int timeoutMs = 30000;                        // without progress; 0 = Qt's default (none)
    qint64 maxResponseBytes = 64LL * 1024 * 1024; // buffered answers only; a hostile server cannot exhaust memory
    QIODevice *sink = nullptr;                    // set: the body is streamed into it instead of ApiResult::data
};

struct ApiResult
{
    int httpStatus = 0; // 0 when no HTTP answer arrived
    ApiError error = ApiError::None;
    QString errorString;                  // the problem's detail, or what went wrong on the way; human-readable
    QString problemField;                 // "field" of a problem (422, or 409/428 "plan")
    QJsonDocument json;                   // parsed when the answer is JSON (application/json, application/problem+json)
    QByteArray data;                      // the raw body (empty when streamed into a sink)
    QByteArray contentType;               // media type without parameters, lower case ("application/json")
    QMap<QByteArray, QByteArray> headers; // lower-case names
    QString certificateSha256;            // the presented certificate (uppercase hex of SHA-256 over DER), HTTPS only
    qint64 bytesReceived = 0;

    bool ok() const { return error == ApiError::None && httpStatus >= 200 && httpStatus < 300; }
    QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }
};

using ResultHandler = std::function<void(const ApiResult &)>;
using ProgressHandler = std::function<void(qint64 received, qint64 total)>; // total -1 when unknown

// Query of GET /api/v1/vaults/{id}/recordings. Unset members are not sent.
struct RecordingFilter
{
    QDateTime from; // start time >=
    QDateTime to;   // start time <
    QString number; // caller or callee contains
    QString extension;
    QString direction;    // inbound, outbound, internal
    QString noteContains; // a person's note on the recording contains
    std::optional<qint64> minDurationMs;
    std::optional<bool> recorded;
    QString sort; // started_at, duration_ms, bytes or extension, '-' first for descending; "" = newest first
    QString cursor;
    std::optional<int> limit; // 1-500

    QUrlQuery toQuery() const;
};

// Query of GET /api/v1/audit.
struct AuditFilter
{
    QDateTime from;
    QDateTime to;
    QString user;
    QString action;
    std::optional<qint64> vaultId;
    std::optional<qint64> recordingId;
    QString cursor;
    std::optional<int> limit;

    QUrlQuery toQuery() const;
};

struct AudioRequest
{
    QString format;        // empty or "ogg": the stored Ogg Opus file; "wav": transcoded PCM
    QByteArray range;      // raw Range header value ("bytes=4096-"); empty = the whole file
    bool download = false; // audited as a download instead of a play
    QIODevice *sink = nullptr;

    static QByteArray byteRange(qint64 first, qint64 last = -1); // "bytes=first-last" or "bytes=first-"
};

// ISO 8601 UTC with milliseconds, as the API writes times.
QString isoUtc(const QDateTime &time);
// The media type of a Content-Type value: parameters dropped, lower case.
QByteArray mediaType(const QByteArray &contentType);
// Query string with every reserved character percent-encoded, including "+" (servers read a bare "+" as space).
QString encodeQueryStrictly(const QUrlQuery &query);

} // namespace vv::net
