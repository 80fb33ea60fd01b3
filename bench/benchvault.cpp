#include "benchvault.h"

#include "vault/catalogue.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QSqlQuery>

using namespace vv::agent;

BenchVault buildBenchVault(const QString &data, const QString &name, qint64 n, std::optional<qint64> cap)
{
    BenchVault out;
    const PacketTime epoch = QDateTime(QDate(2026, 6, 1), QTime(0, 0), Qt::UTC).toMSecsSinceEpoch() * 1000;
    Catalogue cat(QStringLiteral("build-") + name);
    QString error;
    if (!cat.open(data + QStringLiteral("/catalogue.sqlite"), &error))
        qFatal("%s", qPrintable(error));
    VaultRecord v;
    v.name = name;
    v.extensions = QStringLiteral("200-299");
    v.capBytes = cap;
    // Matches what the benchmark's config file says, so start-up applies nothing.
    v.configApplied = QStringLiteral("{\"extensions\":\"200-299\"}");
    cat.saveVault(&v, epoch, &error);
    out.vaultId = v.id;
    cat.begin();
    QSqlQuery q(cat.database());
    q.prepare(QStringLiteral("INSERT INTO calls(vault_id, sip_call_id, caller, callee, extension, direction, "
                             "recorded, reason, started_at, answered_at, ended_at, duration_ms, end_cause, codec, "
                             "state, file, bytes) VALUES(?,?,?,?,?,?,1,'recorded',?,?,?,?,'bye','PCMU',"
                             "'complete',?,?)"));
    qint64 totalBytes = 0;
    qint64 totalMs = 0;
    QString lastDir;
    for (qint64 i = 0; i < n; ++i) {
        const PacketTime t = epoch + i * 13'000'000;
        const QDateTime dt = QDateTime::fromMSecsSinceEpoch(t / 1000, Qt::UTC);
        const QString ext = QString::number(200 + i % 100);
        // Far ends drawn from a million numbers, so a 7-digit search is selective.
        const QString other = QStringLiteral("07700%1").arg((i * 7919) % 1000000, 6, 10, QLatin1Char('0'));
        const bool outbound = i % 2 == 0;
        // Lengths from 10 s to 10 min, so sorting by duration has something to sort. Every row says 1,000 bytes
        // (bench_catalogue's cap is exactly n x 1,000).
        const qint64 durationMs = 10'000 + (i * 104'729) % 590 * 1000;
        const qint64 bytes = 1000;
        totalBytes += bytes;
        totalMs += durationMs;
        const QString rel = QStringLiteral("vaults/%1/%2/%3_%4_%5_%6.opus")
                                .arg(name, dt.toString(QStringLiteral("yyyy/MM/dd")),
                                     dt.toString(QStringLiteral("yyyyMMdd'T'HHmmsszzz'Z'")), ext, other)
                                .arg(i + 1);
        q.addBindValue(v.id);
        q.addBindValue(QStringLiteral("bench-%1").arg(i));
        q.addBindValue(outbound ? ext : other);
        q.addBindValue(outbound ? other : ext);
        q.addBindValue(ext);
        q.addBindValue(outbound ? QStringLiteral("outbound") : QStringLiteral("inbound"));
        q.addBindValue(t);
        q.addBindValue(t);
        q.addBindValue(t + durationMs * 1000);
        q.addBindValue(durationMs);
        q.addBindValue(rel);
        q.addBindValue(bytes);
        if (!q.exec())
            qFatal("insert failed");
        const QString folder = data + QLatin1Char('/') + rel.section(QLatin1Char('/'), 0, -2);
        if (folder != lastDir) {
            QDir().mkpath(folder);
            lastDir = folder;
        }
        QFile f(data + QLatin1Char('/') + rel);
        f.open(QIODevice::WriteOnly);
    }
    UsageTotals d;
    d.storedBytes = d.writtenBytes = totalBytes;
    d.storedRecordings = d.writtenRecordings = n;
    d.storedDurationMs = d.writtenDurationMs = totalMs;
    cat.adjustUsage(v.id, d, &error);
    cat.commit();
    out.firstStart = epoch;
    out.lastStart = epoch + (n - 1) * 13'000'000;
    return out;
}
