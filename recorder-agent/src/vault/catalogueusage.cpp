// The catalogue's running usage totals and hourly samples: what usage and
// billing questions read, kept apart from the call rows' storage.
#include "vault/catalogue.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace vv::agent {

UsageTotals Catalogue::usageTotals(qint64 vaultId)
{
    UsageTotals t;
    QSqlQuery q(database());
    q.prepare(QStringLiteral("SELECT stored_bytes, stored_recordings, stored_duration_ms, written_bytes, "
                             "written_recordings, written_duration_ms FROM vault_usage WHERE vault_id=?"));
    q.addBindValue(vaultId);
    execRead(q, "usage totals");
    if (q.next()) {
        t.storedBytes = q.value(0).toLongLong();
        t.storedRecordings = q.value(1).toLongLong();
        t.storedDurationMs = q.value(2).toLongLong();
        t.writtenBytes = q.value(3).toLongLong();
        t.writtenRecordings = q.value(4).toLongLong();
        t.writtenDurationMs = q.value(5).toLongLong();
    }
    return t;
}

UsageTotals Catalogue::agentUsageTotals()
{
    UsageTotals t;
    QSqlQuery q(database());
    q.prepare(QStringLiteral("SELECT COALESCE(SUM(written_bytes), 0), COALESCE(SUM(written_duration_ms), 0) FROM "
                             "vault_usage"));
    execRead(q, "usage totals of every vault");
    if (q.next()) {
        t.writtenBytes = q.value(0).toLongLong();
        t.writtenDurationMs = q.value(1).toLongLong();
    }
    return t;
}

bool Catalogue::adjustUsage(qint64 vaultId, const UsageTotals &d, QString *error)
{
    QSqlQuery q(database());
    q.prepare(QStringLiteral("INSERT INTO vault_usage(vault_id, stored_bytes, stored_recordings, stored_duration_ms, "
                             "written_bytes, written_recordings, written_duration_ms) VALUES(?,?,?,?,?,?,?) "
                             "ON CONFLICT(vault_id) DO UPDATE SET stored_bytes=stored_bytes+excluded.stored_bytes, "
                             "stored_recordings=stored_recordings+excluded.stored_recordings, "
                             "stored_duration_ms=stored_duration_ms+excluded.stored_duration_ms, "
                             "written_bytes=written_bytes+excluded.written_bytes, "
                             "written_recordings=written_recordings+excluded.written_recordings, "
                             "written_duration_ms=written_duration_ms+excluded.written_duration_ms"));
    q.addBindValue(vaultId);
    q.addBindValue(d.storedBytes);
    q.addBindValue(d.storedRecordings);
    q.addBindValue(d.storedDurationMs);
    q.addBindValue(d.writtenBytes);
    q.addBindValue(d.writtenRecordings);
    q.addBindValue(d.writtenDurationMs);
    if (!q.exec()) {
        *error = q.lastError().text();
        return false;
    }
    return true;
}

bool Catalogue::recomputeStoredUsage(qint64 vaultId, UsageTotals *before, UsageTotals *after, QString *error)
{
    *before = usageTotals(vaultId);
    QSqlQuery q(database());
    q.prepare(QStringLiteral("SELECT COALESCE(SUM(bytes),0), COUNT(*), COALESCE(SUM(duration_ms),0) FROM calls "
                             "WHERE vault_id=? AND state IN ('complete','recording','evicting')"));
    q.addBindValue(vaultId);
    if (!q.exec() || !q.next()) {
        *error = q.lastError().text();
        return false;
    }
    *after = *before;
    after->storedBytes = q.value(0).toLongLong();
    after->storedRecordings = q.value(1).toLongLong();
    after->storedDurationMs = q.value(2).toLongLong();
    UsageTotals delta;
    delta.storedBytes = after->storedBytes - before->storedBytes;
    delta.storedRecordings = after->storedRecordings - before->storedRecordings;
    delta.storedDurationMs = after->storedDurationMs - before->storedDurationMs;
    return adjustUsage(vaultId, delta, error);
}

bool Catalogue::addUsageSample(qint64 vaultId, PacketTime at, const UsageTotals &t, QString *error)
{
    QSqlQuery q(database());
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO usage_samples(vault_id, sampled_at, stored_bytes, written_bytes) "
                             "VALUES(?,?,?,?)"));
    q.addBindValue(vaultId);
    q.addBindValue(at);
    q.addBindValue(t.storedBytes);
    q.addBindValue(t.writtenBytes);
    if (!q.exec()) {
        *error = q.lastError().text();
        return false;
    }
    return true;
}

std::vector<UsageSample> Catalogue::usageSamples(qint64 vaultId, PacketTime from, PacketTime to)
{
    std::vector<UsageSample> out;
    QSqlQuery q(database());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT sampled_at, stored_bytes, written_bytes FROM usage_samples WHERE vault_id=? "
                             "AND sampled_at >= ? AND sampled_at < ? ORDER BY sampled_at"));
    q.addBindValue(vaultId);
    q.addBindValue(from);
    q.addBindValue(to);
    execRead(q, "usage samples");
    while (q.next())
        out.push_back({q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toLongLong()});
    checkRead(q, "usage samples");
    return out;
}

std::optional<UsageSample> Catalogue::lastSampleBefore(qint64 vaultId, PacketTime t)
{
    QSqlQuery q(database());
    q.prepare(QStringLiteral("SELECT sampled_at, stored_bytes, written_bytes FROM usage_samples WHERE vault_id=? "
                             "AND sampled_at < ? ORDER BY sampled_at DESC LIMIT 1"));
    q.addBindValue(vaultId);
    q.addBindValue(t);
    execRead(q, "the last usage sample");
    if (q.next())
        return UsageSample{q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toLongLong()};
    return std::nullopt;
}

std::pair<PacketTime, PacketTime> Catalogue::storedTimeRange(qint64 vaultId)
{
    // Oldest and newest start among held recordings; both ends come from indexes.
    PacketTime oldest = 0;
    PacketTime newest = 0;
    QSqlQuery q(database());
    q.prepare(
        QStringLiteral("SELECT MIN(started_at) FROM calls WHERE vault_id=? AND state='complete' AND protected=0"));
    q.addBindValue(vaultId);
    execRead(q, "oldest recording");
    if (q.next())
        oldest = q.value(0).toLongLong();
    q.prepare(
        QStringLiteral("SELECT MIN(started_at) FROM calls WHERE vault_id=? AND state='complete' AND protected=1"));
    q.addBindValue(vaultId);
    execRead(q, "oldest protected recording");
    if (q.next() && !q.value(0).isNull() && (!oldest || q.value(0).toLongLong() < oldest))
        oldest = q.value(0).toLongLong();
    q.prepare(QStringLiteral("SELECT started_at FROM calls WHERE vault_id=? AND state IN ('complete','recording') "
                             "ORDER BY started_at DESC LIMIT 1"));
    q.addBindValue(vaultId);
    execRead(q, "newest recording");
    if (q.next())
        newest = q.value(0).toLongLong();
    return {oldest, newest};
}

} // namespace vv::agent
