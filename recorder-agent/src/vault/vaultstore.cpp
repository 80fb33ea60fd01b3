#include "vault/vaultstore.h"

#include "common/crashpoint.h"
#include "common/logging.h"
#include "common/phonenumber.h"
#include "vault/reconcile.h"
#include "vault/vaultconfigmerge.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
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
    try {
        return openCatalogue(config, now, error);
    } catch (const CatalogueError &e) {
        *error = QString::fromUtf8(e.what());
        return false;
    }
}

bool VaultStore::openCatalogue(const AgentConfig &config, PacketTime now, QString *error)
{
    m_now = now;
    if (!mergeConfigIntoCatalogue(m_catalogue, config, now, error))
        return false;
    m_vaults = m_catalogue->loadVaults();
    if (!normaliseStoredNumbers(error))
        return false;
    if (!openKeyring(config, now, error))
        return false;
    Reconciler reconciler(this);
    if (!reconciler.run(now, error))
        return false;
    if (!openEvidence(now, error))
        return false;
    m_lastCallId = m_catalogue->maxCallId();
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
    try {
        if (!mergeConfigIntoCatalogue(m_catalogue, config, now, error))
            return false;
        for (const VaultRecord &fresh : m_catalogue->loadVaults()) {
            // updateVault keeps the cap invariant (a lower cap evicts at once).
            if (!updateVault(fresh, now, error))
                return false;
        }
        if (!normaliseStoredNumbers(error))
            return false;
        if (!openKeyring(config, now, error))
            return false;
    } catch (const CatalogueError &e) {
        *error = QString::fromUtf8(e.what());
        return false;
    }
    return true;
}

VaultConfig rulesOf(const VaultRecord &r)
{
    VaultConfig v;
    v.name = r.name;
    v.enabled = r.enabled;
    QString why;
    if (!v.extensions.setList(r.extensions, &why) || !v.extensions.setPattern(r.extensionPattern, &why))
        qCWarning(lcConfig).noquote() << "vault" << r.name << "has unusable extensions:" << why;
    v.excluded = r.excluded;
    v.domains = r.domains;
    return v;
}

std::vector<VaultConfig> VaultStore::policyVaults() const
{
    std::vector<VaultConfig> out;
    for (const VaultRecord &r : m_vaults)
        out.push_back(rulesOf(r));
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
    // Files queued for deletion count as free: they are gone as far as any reservation is concerned.
    const qint64 available = diskAvailableBytes();
    return available == std::numeric_limits<qint64>::max() ? available : available + m_pendingFreeBytes;
}

qint64 VaultStore::diskAvailableBytes() const
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
    try {
        // Retention first, then the cap on what is left: the order planSettings() reports.
        if (rec.retentionMonths)
            applyRetention(rec, now);
        if (rec.capBytes && heldBytes(rec.id) > *rec.capBytes) {
            const qint64 excess = heldBytes(rec.id) - *rec.capBytes;
            evictOldest(rec.id, excess, now, QStringLiteral("cap lowered to %1").arg(gb(*rec.capBytes)));
        }
    } catch (const CatalogueError &e) {
        // Saved, but not yet enforced: the next recording's reservation or the daily retention tries again.
        qCCritical(lcVault).noquote() << "vault" << rec.name << "settings saved but not yet applied:" << e.what();
    }
    return true;
}

SettingsPlan VaultStore::planSettings(const VaultRecord &v, PacketTime now) const
{
    SettingsPlan plan;
    plan.heldBytes = heldBytes(v.id);
    const PacketTime cutoff =
        v.retentionMonths && *v.retentionMonths > 0 ? retentionCutoff(*v.retentionMonths, now) : 0;
    const qint64 excess = v.capBytes ? plan.heldBytes - *v.capBytes : 0;
    QCryptographicHash token(QCryptographicHash::Sha256);
    token.addData(QStringLiteral("%1|%2|%3|%4|")
                      .arg(v.id)
                      .arg(v.capBytes ? *v.capBytes : -1)
                      .arg(v.retentionMonths ? *v.retentionMonths : -1)
                      .arg(plan.heldBytes)
                      .toUtf8());
    qint64 removed = 0;
    qint64 afterId = 0;
    PacketTime afterStart = 0;
    bool more = cutoff > 0 || excess > 0;
    while (more) {
        const std::vector<CallRow> batch = m_catalogue->evictionCandidates(v.id, 256, afterId, afterStart);
        if (batch.empty())
            break;
        for (const CallRow &r : batch) {
            afterId = r.id;
            afterStart = r.startedAt;
            if (cutoff && r.startedAt < cutoff) {
                ++plan.expiredRecordings;
                plan.expiredBytes += r.bytes;
            } else if (removed < excess) {
                ++plan.evictedRecordings;
                plan.evictedBytes += r.bytes;
            } else {
                more = false;
                break;
            }
            removed += r.bytes;
            token.addData(QByteArray::number(r.id) + ',');
        }
    }
    plan.reachable = removed >= excess;
    plan.token = QString::fromLatin1(token.result().left(16).toHex());
    return plan;
}

StoreResult VaultStore::changeVault(const VaultRecord &settings, PacketTime now, const QString &confirmedPlan,
                                    SettingsPlan *plan, QString *error)
{
    *plan = planSettings(settings, now);
    if (plan->removesAnything()) {
        if (confirmedPlan.isEmpty())
            return StoreResult::PlanRequired;
        if (confirmedPlan != plan->token)
            return StoreResult::PlanStale;
    }
    return updateVault(settings, now, error) ? StoreResult::Done : StoreResult::Failed;
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
    normaliseNumbers(row);
    row.state = CallState::Recording;
    row.recorded = true;
    // The id is ours (the row is written by the catalogue writer, after): it names the file now.
    const qint64 id = ++m_lastCallId;
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
    write([row](Catalogue &c) {
        QString error;
        if (!c.insertCall(row, &error))
            qCCritical(lcVault).noquote() << error << "- the recording is rebuilt from its file at the next start";
        crashPoint("begin");
    });
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
    normaliseNumbers(row);
    row.state = CallState::Complete;
    row.recorded = true;
    row.bytes = bytesOnDisk;
    UsageTotals d;
    d.storedBytes = d.writtenBytes = bytesOnDisk;
    d.storedRecordings = d.writtenRecordings = 1;
    d.storedDurationMs = d.writtenDurationMs = row.durationMs;
    write([row, d, dataDir = m_dataDir, now = m_now](Catalogue &c) {
        QString error;
        if (!c.begin(&error) || !c.updateCall(row, &error) || !c.adjustUsage(row.vaultId, d, &error) || !c.commit()) {
            c.rollback();
            // The file is safe on disk; the next start-up reconcile adopts it.
            qCCritical(lcVault).noquote() << "catalogue update for" << row.file << "failed:" << error;
            return;
        }
        // Sealed after the row is safe: a failure here leaves a complete recording that the next start seals.
        if (!chain::append(c.database(), row, dataDir, now, &error))
            qCCritical(lcVault).noquote() << "recording" << row.id << "not sealed into the hash chain yet:" << error;
    });
}

void VaultStore::abandonRecording(CallRow row, const QString &why)
{
    const Active a = m_active.take(row.id);
    m_held[row.vaultId].reserved -= a.reserved;
    normaliseNumbers(row);
    row.state = CallState::NotRecorded;
    row.recorded = false;
    row.reason = why;
    row.file.clear();
    row.bytes = 0;
    write([row](Catalogue &c) {
        QString error;
        if (!c.updateCall(row, &error))
            qCCritical(lcVault).noquote() << "catalogue update failed:" << error;
    });
}

qint64 VaultStore::recordCallSeen(const CallRow &rowIn)
{
    CallRow row = rowIn;
    normaliseNumbers(row);
    row.id = ++m_lastCallId;
    row.state = CallState::NotRecorded;
    row.recorded = false;
    write([row](Catalogue &c) {
        QString error;
        if (!c.insertCall(row, &error))
            qCCritical(lcVault).noquote() << error;
    });
    return row.id;
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
    write([vaultId, number, source, at](Catalogue &c) {
        QString error;
        if (!c.noteExtensionSeen(vaultId, number, source, at, &error))
            qCWarning(lcVault).noquote() << "cannot note extension" << number << ":" << error;
    });
}

void VaultStore::tick(PacketTime now)
{
    m_now = now;
    drainInbox();
    const PacketTime hour = now / 3'600'000'000LL;
    if (hour != m_lastSampleHour) {
        // The first tick follows open(), which has just signed every head: nothing to sign yet, and the writer's
        // first jobs stay the first calls' rows.
        const bool first = m_lastSampleHour == 0;
        m_lastSampleHour = hour;
        sampleUsage(now);
        if (!first)
            signChains(now);
    }
    const PacketTime day = now / 86'400'000'000LL;
    if (day != m_lastRetentionDay) {
        m_lastRetentionDay = day;
        applyRetention(now);
    }
}

void VaultStore::sampleUsage(PacketTime now)
{
    QHash<qint64, qint64> inProgress; // audio of calls in progress is held too
    for (const Active &a : m_active)
        inProgress[a.vaultId] += a.used;
    for (const VaultRecord &v : m_vaults) {
        write([id = v.id, name = v.name, now, extra = inProgress.value(v.id)](Catalogue &c) {
            UsageTotals t = c.usageTotals(id);
            t.storedBytes += extra;
            QString error;
            if (!c.addUsageSample(id, now, t, &error))
                qCWarning(lcVault).noquote() << "usage sample for" << name << "failed:" << error;
        });
    }
}

void VaultStore::setWriter(CatalogueWriter *writer)
{
    m_writer = writer;
}

void VaultStore::write(CatalogueWriter::Job job)
{
    if (m_writer)
        m_writer->post(std::move(job));
    else
        job(*m_catalogue);
}

void VaultStore::toRecorder(std::function<void()> fn)
{
    if (!m_writer) { // written inline: already on the recorder's thread
        fn();
        return;
    }
    std::lock_guard lock(m_inboxMutex);
    m_inbox.push_back(std::move(fn));
}

void VaultStore::drainInbox()
{
    std::vector<std::function<void()>> inbox;
    {
        std::lock_guard lock(m_inboxMutex);
        inbox.swap(m_inbox);
    }
    for (auto &fn : inbox)
        fn();
}

QString VaultStore::absolutePath(const QString &relative) const
{
    return m_dataDir + QLatin1Char('/') + relative;
}

void VaultStore::normaliseNumbers(CallRow &row) const
{
    NumberPlan plan;
    for (const VaultRecord &v : m_vaults)
        if (v.id == row.vaultId) {
            plan.countryCode = v.countryCode;
            plan.nationalPrefix = v.nationalPrefix;
        }
    row.numbersNorm = normalisedForms({row.caller, row.callee, row.dialled}, plan);
}

bool VaultStore::normaliseStoredNumbers(QString *error)
{
    QElapsedTimer timer;
    timer.start();
    qint64 done = 0;
    for (const VaultRecord &v : m_vaults) {
        const NumberPlan plan{v.countryCode, v.nationalPrefix};
        for (;;) {
            // A batch per transaction: an upgrade of a large catalogue neither holds one huge transaction nor
            // commits a million times.
            const auto batch = m_catalogue->unnormalisedNumbers(v.id, 2000);
            if (batch.empty())
                break;
            if (!m_catalogue->begin(error))
                return false;
            for (const Catalogue::NumbersToNormalise &n : batch)
                if (!m_catalogue->setNormalisedNumbers(n.id, normalisedForms(n.raw, plan), error)) {
                    m_catalogue->rollback();
                    return false;
                }
            if (!m_catalogue->commit()) {
                m_catalogue->rollback();
                *error = QStringLiteral("cannot commit normalised numbers");
                return false;
            }
            done += static_cast<qint64>(batch.size());
        }
    }
    if (done)
        qCInfo(lcVault).noquote() << "normalised the numbers of" << done << "calls for search in" << timer.elapsed()
                                  << "ms";
    return true;
}

} // namespace vv::agent
