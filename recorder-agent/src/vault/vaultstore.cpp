#include "vault/vaultstore.h"

#include "common/crashpoint.h"
#include "common/logging.h"
#include "vault/reconcile.h"
#include "vault/vaultconfigmerge.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <sys/statvfs.h>

namespace vv::agent {

namespace {

QString gb(qint64 bytes)
{
    return QStringLiteral("%1 GB").arg(double(bytes) / 1e9, 0, 'f', 3);
}

} // namespace

VaultStore::VaultStore(Catalogue *catalogue, QString dataDir, qint64 reserveFreeBytes)
    : m_catalogue(catalogue)
    , m_dataDir(std::move(dataDir))
    , m_reserveFree(reserveFreeBytes)
{}

bool VaultStore::open(const AgentConfig &config, PacketTime now, QString *error)
{
    m_now = now;
    if (!mergeConfigIntoCatalogue(m_catalogue, config, now, error))
        return false;
    m_vaults = m_catalogue->loadVaults();
    Reconciler reconciler(this);
    if (!reconciler.run(now, error))
        return false;
    for (const VaultRecord &v : m_vaults) {
        m_held[v.id].finished = m_catalogue->usageTotals(v.id).storedBytes;
        if (v.capBytes && heldBytes(v.id) > *v.capBytes) {
            qCWarning(lcVault).noquote() << "vault" << v.name << "holds" << gb(heldBytes(v.id)) << "over its cap of"
                                         << gb(*v.capBytes) << "- evicting the oldest recordings";
            evictOldest(v.id, heldBytes(v.id) - *v.capBytes, now, QStringLiteral("over cap at start-up"));
        }
    }
    return true;
}

bool VaultStore::reloadConfig(const AgentConfig &config, PacketTime now, QString *error)
{
    if (!mergeConfigIntoCatalogue(m_catalogue, config, now, error))
        return false;
    for (const VaultRecord &fresh : m_catalogue->loadVaults()) {
        // updateVault keeps the cap invariant (a lower cap evicts at once).
        if (!updateVault(fresh, now, error))
            return false;
    }
    return true;
}

std::vector<VaultConfig> VaultStore::policyVaults() const
{
    std::vector<VaultConfig> out;
    for (const VaultRecord &r : m_vaults) {
        VaultConfig v;
        v.name = r.name;
        v.enabled = r.enabled;
        QString why;
        if (!v.extensions.setList(r.extensions, &why) || !v.extensions.setPattern(r.extensionPattern, &why))
            qCWarning(lcConfig).noquote() << "vault" << r.name << "has unusable extensions:" << why;
        v.excluded = r.excluded;
        v.domains = r.domains;
        out.push_back(v);
    }
    return out;
}

std::optional<VaultRecord> VaultStore::vault(const QString &name) const
{
    for (const VaultRecord &v : m_vaults)
        if (v.name == name)
            return v;
    return std::nullopt;
}

const VaultRecord *VaultStore::vaultById(qint64 id) const
{
    for (const VaultRecord &v : m_vaults)
        if (v.id == id)
            return &v;
    return nullptr;
}

qint64 VaultStore::heldBytes(qint64 vaultId) const
{
    const Held h = m_held.value(vaultId);
    return h.finished + h.reserved;
}

qint64 VaultStore::chunkFor(const VaultRecord *v) const
{
    if (v && v->capBytes)
        return std::clamp<qint64>(*v->capBytes / 64, 512, kReserveChunk);
    return kReserveChunk;
}

qint64 VaultStore::outstandingReservations() const
{
    qint64 sum = 0;
    for (const Active &a : m_active)
        sum += a.reserved - a.used;
    return sum;
}

qint64 VaultStore::freeDiskBytes() const
{
    struct statvfs st = {};
    if (::statvfs(QFile::encodeName(m_dataDir).constData(), &st) != 0)
        return std::numeric_limits<qint64>::max();
    return static_cast<qint64>(st.f_bavail) * static_cast<qint64>(st.f_frsize);
}

StoreStatus VaultStore::status() const
{
    StoreStatus s;
    s.freeBytes = freeDiskBytes();
    s.reserveBytes = m_reserveFree;
    s.diskLow = m_diskLow || s.freeBytes <= m_reserveFree + kCatalogueHeadroom;
    s.refusedRecordings = m_refused;
    s.evictions = m_evictions;
    return s;
}

bool VaultStore::updateVault(const VaultRecord &settings, PacketTime now, QString *error)
{
    VaultRecord rec = settings;
    if (!m_catalogue->saveVault(&rec, now, error))
        return false;
    bool replaced = false;
    for (VaultRecord &v : m_vaults)
        if (v.id == rec.id) {
            v = rec;
            replaced = true;
        }
    if (!replaced)
        m_vaults.push_back(rec);
    if (rec.capBytes && heldBytes(rec.id) > *rec.capBytes) {
        const qint64 excess = heldBytes(rec.id) - *rec.capBytes;
        evictOldest(rec.id, excess, now, QStringLiteral("cap lowered to %1").arg(gb(*rec.capBytes)));
    }
    if (rec.retentionMonths)
        applyRetention(now);
    return true;
}

EvictionPlan VaultStore::planCap(qint64 vaultId, std::optional<qint64> newCap) const
{
    EvictionPlan plan;
    plan.heldBytes = heldBytes(vaultId);
    if (!newCap || plan.heldBytes <= *newCap)
        return plan;
    const qint64 excess = plan.heldBytes - *newCap;
    qint64 afterId = 0;
    PacketTime afterStart = 0;
    while (plan.bytes < excess) {
        const std::vector<CallRow> batch = m_catalogue->evictionCandidates(vaultId, 256, afterId, afterStart);
        if (batch.empty())
            break;
        for (const CallRow &r : batch) {
            plan.bytes += r.bytes;
            ++plan.recordings;
            afterId = r.id;
            afterStart = r.startedAt;
            if (plan.bytes >= excess)
                break;
        }
    }
    plan.reachable = plan.bytes >= excess;
    return plan;
}

qint64 VaultStore::beginRecording(const CallRow &rowIn, QString *absolute, QString *refusal)
{
    const VaultRecord *v = vaultById(rowIn.vaultId);
    if (!v) {
        *refusal = QStringLiteral("vault no longer exists");
        return 0;
    }
    // Disk reserve first: it protects the whole host, whatever the vault's policy.
    const qint64 chunk = chunkFor(v);
    const qint64 floor = m_reserveFree + kCatalogueHeadroom;
    const qint64 free = freeDiskBytes() - outstandingReservations();
    if (free < floor + chunk) {
        if (v->capBytes)
            evictOldest(v->id, floor + chunk - free, m_now, QStringLiteral("disk free space reserve reached"));
        if (freeDiskBytes() - outstandingReservations() < floor + chunk) {
            ++m_refused;
            m_diskLow = true;
            qCCritical(lcVault).noquote() << "NOT RECORDING call" << rowIn.sipCallId << "of vault" << v->name
                                          << ": free disk space" << gb(freeDiskBytes()) << "is at the reserve of"
                                          << gb(m_reserveFree) << "- free space or lower the vault caps";
            *refusal = QStringLiteral("disk free space reserve reached");
            return 0;
        }
    }
    m_diskLow = false;
    if (v->capBytes && heldBytes(v->id) + chunk > *v->capBytes) {
        evictOldest(v->id, heldBytes(v->id) + chunk - *v->capBytes, m_now, QStringLiteral("vault cap reached"));
        if (heldBytes(v->id) + chunk > *v->capBytes) {
            qCCritical(lcVault).noquote() << "vault" << v->name << "is full of protected recordings and calls in"
                                          << "progress; call" << rowIn.sipCallId << "is not recorded";
            *refusal = QStringLiteral("vault full: protected recordings and calls in progress fill the cap");
            return 0;
        }
    }
    CallRow row = rowIn;
    row.state = CallState::Recording;
    row.recorded = true;
    QString error;
    m_catalogue->begin();
    const qint64 id = m_catalogue->insertCall(row, &error);
    if (!id) {
        m_catalogue->rollback();
        *refusal = error;
        return 0;
    }
    const QDateTime t =
        QDateTime::fromMSecsSinceEpoch((row.answeredAt ? row.answeredAt : row.startedAt) / 1000, Qt::UTC);
    auto safe = [](const QString &s) {
        QString out;
        for (QChar c : s)
            if (c.isLetterOrNumber() || c == u'+' || c == u'-')
                out += c;
        return out.left(32);
    };
    const QString other = row.direction == u"outbound" ? row.callee : row.caller;
    row.id = id;
    row.file = QStringLiteral("vaults/%1/%2/%3_%4_%5_%6.opus")
                   .arg(v->name, t.toString(QStringLiteral("yyyy/MM/dd")),
                        t.toString(QStringLiteral("yyyyMMdd'T'HHmmsszzz'Z'")), safe(row.extension), safe(other))
                   .arg(id);
    if (!m_catalogue->updateCall(row, &error) || !m_catalogue->commit()) {
        m_catalogue->rollback();
        *refusal = error;
        return 0;
    }
    crashPoint("begin");
    m_active.insert(id, Active{v->id, chunk, 0});
    m_held[v->id].reserved += chunk;
    *absolute = absolutePath(row.file);
    return id;
}

bool VaultStore::reserve(qint64 recordingId, qint64 bytes, QString *why)
{
    auto it = m_active.find(recordingId);
    if (it == m_active.end()) {
        *why = QStringLiteral("unknown recording");
        return false;
    }
    Active &a = *it;
    if (a.used + bytes <= a.reserved) {
        a.used += bytes;
        return true;
    }
    const VaultRecord *v = vaultById(a.vaultId);
    const qint64 shortfall = a.used + bytes - a.reserved;
    qint64 need = std::max(chunkFor(v), shortfall);
    const qint64 floor = m_reserveFree + kCatalogueHeadroom;
    const qint64 free = freeDiskBytes() - outstandingReservations();
    if (free < floor + need) {
        if (v && v->capBytes)
            evictOldest(a.vaultId, floor + need - free, m_now, QStringLiteral("disk free space reserve reached"));
        const qint64 freeNow = freeDiskBytes() - outstandingReservations();
        // Calls in progress may dip into half of the reserve, then stop cleanly.
        if (freeNow < m_reserveFree / 2 + kCatalogueHeadroom + shortfall) {
            m_diskLow = true;
            *why = QStringLiteral("disk free space reserve reached");
            return false;
        }
        need = shortfall;
    }
    if (v && v->capBytes) {
        Held &h = m_held[a.vaultId];
        if (h.finished + h.reserved + need > *v->capBytes) {
            evictOldest(a.vaultId, h.finished + h.reserved + need - *v->capBytes, m_now,
                        QStringLiteral("vault cap reached"));
            if (h.finished + h.reserved + need > *v->capBytes)
                need = shortfall; // try the exact amount before giving up
            if (h.finished + h.reserved + need > *v->capBytes) {
                *why = QStringLiteral("vault cap reached");
                return false;
            }
        }
    }
    a.reserved += need;
    m_held[a.vaultId].reserved += need;
    a.used += bytes;
    return true;
}

void VaultStore::finishRecording(CallRow row, qint64 bytesOnDisk)
{
    const Active a = m_active.take(row.id);
    Held &h = m_held[row.vaultId];
    h.reserved -= a.reserved;
    h.finished += bytesOnDisk;
    row.state = CallState::Complete;
    row.recorded = true;
    row.bytes = bytesOnDisk;
    QString error;
    UsageTotals d;
    d.storedBytes = d.writtenBytes = bytesOnDisk;
    d.storedRecordings = d.writtenRecordings = 1;
    d.storedDurationMs = d.writtenDurationMs = row.durationMs;
    m_catalogue->begin();
    if (!m_catalogue->updateCall(row, &error) || !m_catalogue->adjustUsage(row.vaultId, d, &error) ||
        !m_catalogue->commit()) {
        m_catalogue->rollback();
        // The file is safe on disk; the next start-up reconcile adopts it.
        qCCritical(lcVault).noquote() << "catalogue update for" << row.file << "failed:" << error;
    }
}

void VaultStore::abandonRecording(CallRow row, const QString &why)
{
    const Active a = m_active.take(row.id);
    m_held[row.vaultId].reserved -= a.reserved;
    row.state = CallState::NotRecorded;
    row.recorded = false;
    row.reason = why;
    row.file.clear();
    row.bytes = 0;
    QString error;
    if (!m_catalogue->updateCall(row, &error))
        qCCritical(lcVault).noquote() << "catalogue update failed:" << error;
}

qint64 VaultStore::recordCallSeen(const CallRow &rowIn)
{
    CallRow row = rowIn;
    row.state = CallState::NotRecorded;
    row.recorded = false;
    QString error;
    const qint64 id = m_catalogue->insertCall(row, &error);
    if (!id)
        qCCritical(lcVault).noquote() << error;
    return id;
}

qint64 VaultStore::evictOldest(qint64 vaultId, qint64 bytesNeeded, PacketTime now, const QString &reason)
{
    qint64 freed = 0;
    while (freed < bytesNeeded) {
        // Usually one or two recordings make room: fetch a few, not a page.
        const std::vector<CallRow> batch = m_catalogue->evictionCandidates(vaultId, 8);
        if (batch.empty())
            break;
        // Catalogue first (one transaction for the batch), then the files: a
        // crash in between leaves rows that say "overwritten" and files the
        // start-up reconcile deletes; never a row promising audio that is gone.
        std::vector<const CallRow *> chosen;
        UsageTotals d;
        QString error;
        m_catalogue->begin();
        bool ok = true;
        for (const CallRow &r : batch) {
            if (!m_catalogue->setState(r.id, CallState::Overwritten, now, reason, &error)) {
                ok = false;
                break;
            }
            chosen.push_back(&r);
            d.storedBytes -= r.bytes;
            d.storedRecordings -= 1;
            d.storedDurationMs -= r.durationMs;
            if (freed - d.storedBytes >= bytesNeeded)
                break;
        }
        ok = ok && m_catalogue->adjustUsage(vaultId, d, &error) && m_catalogue->commit();
        if (!ok) {
            m_catalogue->rollback();
            qCCritical(lcVault).noquote() << "cannot evict from vault" << vaultId << ":" << error;
            return freed;
        }
        freed -= d.storedBytes;
        m_held[vaultId].finished += d.storedBytes;
        for (const CallRow *r : chosen) {
            crashPoint("evict");
            const QString path = absolutePath(r->file);
            if (!QFile::remove(path) && QFile::exists(path))
                qCCritical(lcVault).noquote() << "cannot delete" << path << "- it will be retried at start-up";
            ++m_evictions;
            qCDebug(lcVault).noquote() << "overwritten recording" << r->id << r->file << "(" << reason << ")";
        }
    }
    return freed;
}

bool VaultStore::removeAudio(const CallRow &row, const QString &state, const QString &reason, PacketTime now)
{
    // Catalogue first, then the file: a crash in between leaves a row that says
    // "overwritten" and a file the start-up reconcile deletes; never the reverse
    // (a row promising audio that is gone).
    QString error;
    UsageTotals d;
    d.storedBytes = -row.bytes;
    d.storedRecordings = -1;
    d.storedDurationMs = -row.durationMs;
    m_catalogue->begin();
    if (!m_catalogue->setState(row.id, state, now, reason, &error) ||
        !m_catalogue->adjustUsage(row.vaultId, d, &error) || !m_catalogue->commit()) {
        m_catalogue->rollback();
        qCCritical(lcVault).noquote() << "cannot mark recording" << row.id << state << ":" << error;
        return false;
    }
    m_held[row.vaultId].finished -= row.bytes;
    const QString path = absolutePath(row.file);
    if (!QFile::remove(path) && QFile::exists(path))
        qCCritical(lcVault).noquote() << "cannot delete" << path << "- it will be retried at start-up";
    qCInfo(lcVault).noquote() << state << "recording" << row.id << row.file << "(" << reason << ")";
    return true;
}

void VaultStore::noteExtension(const QString &number, const QString &host, qint64 vaultId, const QString &source,
                               PacketTime at)
{
    if (number.isEmpty())
        return;
    if (!vaultId) {
        // Find the vault whose rules make this an extension.
        const std::vector<VaultConfig> rules = policyVaults();
        for (std::size_t i = 0; i < rules.size(); ++i)
            if ((rules[i].domains.isEmpty() || rules[i].domains.contains(host)) &&
                rules[i].extensions.matches(number)) {
                vaultId = m_vaults[i].id;
                break;
            }
        if (!vaultId)
            return;
    }
    const QString key = QStringLiteral("%1/%2/%3").arg(vaultId).arg(number, source);
    if (source == u"register") {
        // Phones re-register every minute or so; a minute's precision is plenty.
        const PacketTime last = m_extensionWrites.value(key, 0);
        if (last && at - last < 60'000'000 && at >= last)
            return;
        m_extensionWrites.insert(key, at);
    }
    QString error;
    if (!m_catalogue->noteExtensionSeen(vaultId, number, source, at, &error))
        qCWarning(lcVault).noquote() << "cannot note extension" << number << ":" << error;
}

bool VaultStore::setProtected(qint64 callId, bool isProtected, QString *error)
{
    return m_catalogue->setProtected(callId, isProtected, error);
}

bool VaultStore::deleteRecording(qint64 callId, const QString &why, PacketTime now, QString *error)
{
    const std::optional<CallRow> row = m_catalogue->call(callId);
    if (!row || row->state != CallState::Complete) {
        *error = QStringLiteral("recording %1 has no audio to delete").arg(callId);
        return false;
    }
    return removeAudio(*row, CallState::Deleted, why, now);
}

void VaultStore::tick(PacketTime now)
{
    m_now = now;
    const PacketTime hour = now / 3'600'000'000LL;
    if (hour != m_lastSampleHour) {
        m_lastSampleHour = hour;
        sampleUsage(now);
    }
    const PacketTime day = now / 86'400'000'000LL;
    if (day != m_lastRetentionDay) {
        m_lastRetentionDay = day;
        applyRetention(now);
    }
}

void VaultStore::sampleUsage(PacketTime now)
{
    for (const VaultRecord &v : m_vaults) {
        UsageTotals t = m_catalogue->usageTotals(v.id);
        for (const Active &a : m_active) // audio of calls in progress is held too
            if (a.vaultId == v.id)
                t.storedBytes += a.used;
        QString error;
        if (!m_catalogue->addUsageSample(v.id, now, t, &error))
            qCWarning(lcVault).noquote() << "usage sample for" << v.name << "failed:" << error;
    }
}

void VaultStore::applyRetention(PacketTime now)
{
    for (const VaultRecord &v : m_vaults) {
        if (!v.retentionMonths || *v.retentionMonths <= 0)
            continue;
        const PacketTime cutoff =
            QDateTime::fromMSecsSinceEpoch(now / 1000, Qt::UTC).addMonths(-*v.retentionMonths).toMSecsSinceEpoch() *
            1000;
        const QString reason = QStringLiteral("retention: older than %1 months").arg(*v.retentionMonths);
        for (;;) {
            const std::vector<CallRow> batch = m_catalogue->evictionCandidates(v.id, 64);
            int removed = 0;
            for (const CallRow &r : batch) {
                if (r.startedAt >= cutoff)
                    break;
                if (!removeAudio(r, CallState::Deleted, reason, now))
                    break;
                ++removed;
            }
            if (removed < static_cast<int>(batch.size()) || batch.empty())
                break;
        }
    }
}

QString VaultStore::absolutePath(const QString &relative) const
{
    return m_dataDir + QLatin1Char('/') + relative;
}

} // namespace vv::agent
