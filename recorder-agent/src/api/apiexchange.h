#pragma once
// One API request as the route handlers see it: the HTTP request and response,
// the signed-in user, and helpers that answer in JSON or with RFC 9457
// problem details (never internals).
#include "api/apicontext.h"
#include "api/http.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <optional>

namespace vv::agent {

struct ApiExchange
{
    const http::Request &req;
    http::Response &res;
    ApiContext &ctx;
    std::optional<UserRecord> user;
    QString token;

    QString address() const { return QString::fromStdString(req.remoteAddress); }
    QString query(const char *name) const { return QString::fromStdString(req.param(name)); }
    bool hasQuery(const char *name) const { return req.hasParam(name); }
    QString pathParam(int i) const;             // i-th {param}, 1-based
    std::optional<qint64> idParam(int i) const; // positive id, else nullopt

    void json(const QJsonObject &o, int status = 200);
    void noContent() { res.status = 204; }
    void problem(int status, const QString &title, const QString &detail, const QString &field = QString());
    // Parses a JSON object body; on failure answers 400 and returns false.
    bool body(QJsonObject *out);
    void audit(const QString &action, qint64 vaultId = 0, qint64 recordingId = 0, const QJsonObject &detail = {});
    bool isReseller() const { return user && user->isReseller(); }
};

qint64 nowMicros(); // wall clock: sessions and audit are about people, not packets

} // namespace vv::agent
