// Health, metrics, status, the OpenAPI document and the audit log.
#include "api/apiserver.h"
#include "api/routehelpers.h"
#include "api/threaddb.h"
#include "common/logging.h"
#include "vault/catalogue.h"
#include "vault/healthstore.h"

#include <QFile>
#include <QJsonArray>

namespace vv::agent {

namespace {

void health(ApiExchange &r)
{
    r.res.status = 200;
    r.res.setContent("ok\n", "text/plain");
}

void openapi(ApiExchange &r)
{
    QFile f(QStringLiteral(":/vipvault/openapi.json"));
    f.open(QIODevice::ReadOnly);
    r.res.status = 200;
    r.res.setContent(f.readAll().toStdString(), "application/json");
}

void status(ApiExchange &r)
{
    if (!requireReseller(r))
        return;
    const AgentStatus s = r.ctx.statusSnapshot();
    QJsonObject o;
    o.insert(QStringLiteral("version"), QStringLiteral(VIPVAULT_VERSION));
    o.insert(QStringLiteral("capture_running"), s.captureRunning);
    o.insert(QStringLiteral("interface"), s.interface);
    o.insert(QStringLiteral("packets_captured"), static_cast<qint64>(s.packetsCaptured));
    o.insert(QStringLiteral("packets_dropped"), static_cast<qint64>(s.packetsDropped));
    o.insert(QStringLiteral("calls_in_progress"), static_cast<qint64>(s.callsInProgress));
    o.insert(QStringLiteral("disk_low"), s.diskLow);
    o.insert(QStringLiteral("disk_free_bytes"), s.diskFreeBytes);
    o.insert(QStringLiteral("certificate_sha256"), r.ctx.certificateSha256);
    o.insert(QStringLiteral("started_at"), isoUtcMillis(s.startedAt));
    o.insert(QStringLiteral("capture_error"),
             s.captureError.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(s.captureError));
    o.insert(QStringLiteral("last_recording_at"),
             s.lastRecordingAt ? QJsonValue(isoUtcMillis(s.lastRecordingAt)) : QJsonValue(QJsonValue::Null));
    o.insert(QStringLiteral("open_health_events"), s.openHealthEvents);
    r.json(o);
}

void metrics(ApiExchange &r)
{
    if (!requireReseller(r))
        return;
    const AgentStatus s = r.ctx.statusSnapshot();
    QString out = r.ctx.metrics.render();
    auto gauge = [&](const char *name, const char *help, const char *type, double v) {
        out += QStringLiteral("# HELP %1 %2\n# TYPE %1 %3\n%1 %4\n")
                   .arg(QLatin1String(name), QLatin1String(help), QLatin1String(type))
                   .arg(v, 0, 'f', 0);
    };
    gauge("vipvault_packets_captured_total", "Packets captured.", "counter", double(s.packetsCaptured));
    gauge("vipvault_packets_dropped_total", "Packets dropped by the kernel or the capture queue.", "counter",
          double(s.packetsDropped));
    gauge("vipvault_calls_in_progress", "Calls being tracked now.", "gauge", double(s.callsInProgress));
    gauge("vipvault_encrypted_calls_missed_total",
          "Calls to record whose media was encrypted without keys the agent could use (not recorded).", "counter",
          double(s.encryptedCallsMissed));
    gauge("vipvault_srtp_packets_failed_total", "SRTP packets that no key authenticated (never decoded).", "counter",
          double(s.srtpPacketsFailed));
    gauge("vipvault_sip_tls_segments_total", "TCP segments of SIP over TLS (port 5061): calls a recorder cannot see.",
          "counter", double(s.sipTlsSegments));
    gauge("vipvault_catalogue_write_backlog", "Catalogue writes queued behind the recorder (a slow disk shows here).",
          "gauge", double(s.catalogueBacklog));
    gauge("vipvault_catalogue_write_waits_total",
          "Times the recorder had to wait because catalogue writes were too far behind (packets may have been "
          "dropped).",
          "counter", double(s.catalogueWriteWaits));
    gauge("vipvault_capture_running", "1 while live capture runs.", "gauge", s.captureRunning ? 1 : 0);
    gauge("vipvault_disk_low", "1 when free space is at the configured reserve (recording refused).", "gauge",
          s.diskLow ? 1 : 0);
    gauge("vipvault_disk_free_bytes", "Free bytes on the data filesystem.", "gauge", double(s.diskFreeBytes));
    if (const http::ServerStats *h = r.ctx.httpStats) {
        gauge("vipvault_api_connections", "API connections open now.", "gauge", double(h->open));
        gauge("vipvault_api_connections_accepted_total", "API connections accepted.", "counter", double(h->accepted));
        gauge("vipvault_api_connections_refused_total",
              "API connections refused: over the total or per-address connection cap.", "counter",
              double(h->capRefused));
        gauge("vipvault_api_connections_timed_out_total",
              "API connections closed by a deadline (TLS handshake, request head, body, idle, slow reader).", "counter",
              double(h->timedOut));
        gauge("vipvault_api_malformed_requests_total",
              "Requests refused for their framing (malformed or oversized heads, chunked or ambiguous bodies).",
              "counter", double(h->framingRefused));
        gauge("vipvault_api_busy_total", "Requests answered 503 because every handler thread was busy.", "counter",
              double(h->busyRefused));
    }
    gauge("vipvault_health_open_events", "Health events open now (see GET /api/v1/health/events).", "gauge",
          double(s.openHealthEvents));
    gauge("vipvault_notifications_failed_total", "Notification attempts (webhook, e-mail) that failed; retried.",
          "counter", double(s.deliveriesFailed));
    gauge("vipvault_notifications_abandoned_total", "Notifications given up after two days of failures.", "counter",
          double(s.deliveriesAbandoned));
    out += QStringLiteral(
        "# HELP vipvault_vault_recordings Recordings held per vault.\n# TYPE vipvault_vault_recordings gauge\n");
    QString bytes =
        QStringLiteral("# HELP vipvault_vault_bytes Audio bytes held per vault.\n# TYPE vipvault_vault_bytes gauge\n");
    Catalogue *catalogue = threadCatalogue(r.ctx.cataloguePath);
    QString today = QStringLiteral("# HELP vipvault_calls_today Calls the policy said to record, today (UTC), by "
                                   "outcome.\n# TYPE vipvault_calls_today gauge\n");
    HealthStore health(threadDatabase(r.ctx.cataloguePath));
    const PacketTime now = nowMicros();
    bool todayFailed = false;
    for (const VaultRecord &v : catalogue->loadVaults()) {
        const UsageTotals t = catalogue->usageTotals(v.id);
        const QString name = promEscape(v.name);
        // The calls table may be unreadable while the vault totals are not: the other figures still go out, and
        // the missing family is itself a catalogue failure (counted, logged), never a zero.
        try {
            const AssuranceDay d = health.assurance(v.id, now, 1).front();
            for (const auto &[outcome, n] :
                 {std::pair{"recorded", d.recorded}, {"degraded", d.degraded}, {"missed", d.missed}})
                today += QStringLiteral("vipvault_calls_today{vault=\"%1\",outcome=\"%2\"} %3\n")
                             .arg(name, QLatin1String(outcome))
                             .arg(n);
        } catch (const CatalogueError &e) {
            if (!todayFailed) {
                qCCritical(lcVault).noquote() << "metrics: today's calls could not be read:" << e.what();
                r.ctx.metrics.countFailure(QStringLiteral("catalogue"));
            }
            todayFailed = true;
        }
        out += QStringLiteral("vipvault_vault_recordings{vault=\"%1\"} %2\n").arg(name).arg(t.storedRecordings);
        bytes += QStringLiteral("vipvault_vault_bytes{vault=\"%1\"} %2\n").arg(name).arg(t.storedBytes);
    }
    out += bytes;
    out += today;
    r.res.status = 200;
    r.res.setContent(out.toStdString(), "text/plain; version=0.0.4");
}

void audit(ApiExchange &r)
{
    if (!requireReseller(r))
        return;
    AuditFilter f;
    if (r.hasQuery("from")) {
        const auto t = parseTime(r.query("from"));
        if (!t)
            return r.problem(422, QStringLiteral("Invalid parameter"), QStringLiteral("from must be an ISO 8601 time"),
                             QStringLiteral("from"));
        f.from = *t;
    }
    if (r.hasQuery("to")) {
        const auto t = parseTime(r.query("to"));
        if (!t)
            return r.problem(422, QStringLiteral("Invalid parameter"), QStringLiteral("to must be an ISO 8601 time"),
                             QStringLiteral("to"));
        f.to = *t;
    }
    f.username = r.query("user");
    f.action = r.query("action");
    bool ok = true;
    if (r.hasQuery("vault_id")) {
        f.vaultId = r.query("vault_id").toLongLong(&ok);
        if (!ok || f.vaultId <= 0)
            return r.problem(422, QStringLiteral("Invalid parameter"), QStringLiteral("vault_id must be a positive id"),
                             QStringLiteral("vault_id"));
    }
    if (r.hasQuery("recording_id")) {
        f.recordingId = r.query("recording_id").toLongLong(&ok);
        if (!ok || f.recordingId <= 0)
            return r.problem(422, QStringLiteral("Invalid parameter"),
                             QStringLiteral("recording_id must be a positive id"), QStringLiteral("recording_id"));
    }
    if (r.hasQuery("cursor")) {
        f.beforeId = r.query("cursor").toLongLong(&ok);
        if (!ok || f.beforeId <= 0)
            return r.problem(422, QStringLiteral("Invalid parameter"), QStringLiteral("cursor is not one we gave out"),
                             QStringLiteral("cursor"));
    }
    if (r.hasQuery("limit")) {
        f.limit = r.query("limit").toInt(&ok);
        if (!ok || f.limit < 1 || f.limit > 500)
            return r.problem(422, QStringLiteral("Invalid parameter"), QStringLiteral("limit is 1-500"),
                             QStringLiteral("limit"));
    }
    const int limit = f.limit;
    f.limit = limit + 1; // one more than asked tells whether another page exists
    std::vector<QJsonObject> entries = r.ctx.users->auditEntries(f);
    const bool more = static_cast<int>(entries.size()) > limit;
    if (more)
        entries.resize(static_cast<std::size_t>(limit));
    QJsonArray items;
    for (const QJsonObject &e : entries)
        items.append(e);
    QJsonObject o;
    o.insert(QStringLiteral("items"), items);
    o.insert(QStringLiteral("next_cursor"),
             more ? QJsonValue(QString::number(entries.back().value(QStringLiteral("id")).toInteger()))
                  : QJsonValue(QJsonValue::Null));
    r.json(o);
}

} // namespace

std::vector<Route> statusRoutes()
{
    return {
        {QStringLiteral("GET"), QStringLiteral("/healthz"), Access::Public, health},
        {QStringLiteral("GET"), QStringLiteral("/metrics"), Access::Signed, metrics},
        {QStringLiteral("GET"), QStringLiteral("/api/v1/openapi.json"), Access::Public, openapi},
        {QStringLiteral("GET"), QStringLiteral("/api/v1/status"), Access::Signed, status},
        {QStringLiteral("GET"), QStringLiteral("/api/v1/audit"), Access::Signed, audit},
    };
}

} // namespace vv::agent
