// Taking audio away: evictions for a cap or the disk reserve, retention, and a
// person's delete or legal hold. The recorder chooses from memory and from
// catalogue reads (WAL: never blocked by writers); the writes and the file
// deletions go to the catalogue writer, which re-checks each recording (still
// complete, not protected) in the transaction that marks it, so a hold set
// after the choice always wins. Catalogue first, then the file: a crash in
// between leaves a row that says removed and a file the start-up reconcile
// deletes, never a row promising audio that is gone.
#include "common/crashpoint.h"
#include "common/logging.h"
#include "vault/subjectrequests.h"
#include "vault/vaultstore.h"

#include <QDateTime>
#include <QFile>

namespace vv::agent {

PacketTime retentionCutoff(int months, PacketTime now)
{
    return QDateTime::fromMSecsSinceEpoch(now / 1000, Qt::UTC).addMonths(-months).toMSecsSinceEpoch() * 1000;
}

namespace {

// On the writer's connection: marks what is still removable, adjusts usage in
// the same transaction, then deletes the files. The ids actually removed.
QSet<qint64> removeOn(Catalogue &c, const VaultKeyring *ring, const QString &dataDir,
                      const std::vector<VaultStore::Removal> &batch, const QString &state, const QString &reason,
                      PacketTime now)
{
    QString error;
    QSet<qint64> removed;
    QHash<qint64, UsageTotals> deltas;
    bool ok = c.begin(&error);
    for (const VaultStore::Removal &r : batch) {
        bool done = false;
        if (!ok || !c.markRemoved(r.id, state, now, reason, &done, &error)) {
            ok = false;
            break;
        }
        if (done) {
            removed.insert(r.id);
            UsageTotals &d = deltas[r.vaultId];
            d.storedBytes -= r.bytes;
            d.storedRecordings -= 1;
            d.storedDurationMs -= r.durationMs;
        }
    }
    for (auto it = deltas.begin(); ok && it != deltas.end(); ++it)
        ok = c.adjustUsage(it.key(), it.value(), &error);
    if (!ok || !c.commit()) {
        c.rollback();
        qCCritical(lcVault).noquote() << "cannot mark" << batch.size() << "recording(s)" << state << ":" << error;
        return {};
    }
    if (state == CallState::Overwritten)
        crashPoint("evict");
    for (const VaultStore::Removal &r : batch) {
        if (!removed.contains(r.id))
            continue;
        const QString path = dataDir + QLatin1Char('/') + r.file;
        if (!destroyAudioFile(ring, path))
            qCCritical(lcVault).noquote() << "cannot delete" << path << "- it will be retried at start-up";
        qCDebug(lcVault).noquote() << state << "recording" << r.id << r.file << "(" << reason << ")";
    }
    return removed;
}

VaultStore::Removal removalOf(const CallRow &r)
{
    return {r.id, r.vaultId, r.bytes, r.durationMs, r.file};
}

} // namespace

void VaultStore::queueRemoval(const std::vector<CallRow> &rows, const QString &state, const QString &reason,
                              PacketTime now)
{
    // In memory at once: the space is free for the next reservation.
    std::vector<Removal> batch;
    for (const CallRow &r : rows) {
        m_pendingRemoval.insert(r.id);
        m_held[r.vaultId].finished -= r.bytes;
        m_pendingFreeBytes += r.bytes;
        if (state == CallState::Overwritten)
            ++m_evictions;
        batch.push_back(removalOf(r));
    }
    write([this, batch, state, reason, now, dataDir = m_dataDir, ring = m_keyring](Catalogue &c) {
        const QSet<qint64> removed = removeOn(c, ring.get(), dataDir, batch, state, reason, now);
        toRecorder([this, batch, removed] {
            for (const Removal &r : batch) {
                m_pendingRemoval.remove(r.id);
                m_pendingFreeBytes -= r.bytes;
                if (!removed.contains(r.id)) // held after all, or the write failed: still there
                    m_held[r.vaultId].finished += r.bytes;
            }
        });
    });
}

qint64 VaultStore::evictOldest(qint64 vaultId, qint64 bytesNeeded, PacketTime now, const QString &reason)
{
    drainInbox();
    qint64 freed = 0;
    qint64 afterId = 0;
    PacketTime afterStart = 0;
    std::vector<CallRow> chosen;
    while (freed < bytesNeeded) {
        // Usually one or two recordings make room: fetch a few, not a page.
        std::vector<CallRow> batch;
        try {
            batch = m_catalogue->evictionCandidates(vaultId, 16, afterId, afterStart);
        } catch (const CatalogueError &e) {
            qCCritical(lcVault).noquote()
                << "cannot choose recordings to evict from vault" << vaultId << ":" << e.what();
            break;
        }
        if (batch.empty())
            break;
        for (const CallRow &r : batch) {
            afterId = r.id;
            afterStart = r.startedAt;
            if (m_pendingRemoval.contains(r.id)) // chosen before; its write is on its way
                continue;
            chosen.push_back(r);
            freed += r.bytes;
            if (freed >= bytesNeeded)
                break;
        }
    }
    if (!chosen.empty()) {
        qCDebug(lcVault).noquote() << "overwriting" << chosen.size() << "recording(s) of vault" << vaultId << "("
                                   << reason << ")";
        queueRemoval(chosen, CallState::Overwritten, reason, now);
    }
    return freed;
}

void VaultStore::applyRetention(PacketTime now)
{
    for (const VaultRecord &v : m_vaults)
        applyRetention(v, now);
}

void VaultStore::applyRetention(const VaultRecord &v, PacketTime now)
{
    if (!v.retentionMonths || *v.retentionMonths <= 0)
        return;
    drainInbox();
    const PacketTime cutoff = retentionCutoff(*v.retentionMonths, now);
    const QString reason = QStringLiteral("retention: older than %1 months").arg(*v.retentionMonths);
    std::vector<CallRow> expired;
    qint64 afterId = 0;
    PacketTime afterStart = 0;
    try {
        for (bool more = true; more;) {
            const std::vector<CallRow> batch = m_catalogue->evictionCandidates(v.id, 256, afterId, afterStart);
            more = !batch.empty();
            for (const CallRow &r : batch) {
                if (r.startedAt >= cutoff) {
                    more = false;
                    break;
                }
                afterId = r.id;
                afterStart = r.startedAt;
                if (!m_pendingRemoval.contains(r.id))
                    expired.push_back(r);
            }
        }
    } catch (const CatalogueError &e) {
        qCCritical(lcVault).noquote() << "retention of vault" << v.name << "not applied now:" << e.what();
    }
    if (!expired.empty()) {
        qCInfo(lcVault).noquote() << "deleting" << expired.size() << "recording(s) of vault" << v.name << "(" << reason
                                  << ")";
        queueRemoval(expired, CallState::Deleted, reason, now);
    }
}

void VaultStore::runWrite(const CatalogueWriter::Job &job)
{
    if (m_writer)
        m_writer->runAndWait(job);
    else
        job(*m_catalogue);
}

StoreResult VaultStore::setProtected(qint64 callId, bool isProtected, QString *error)
{
    StoreResult result = StoreResult::Failed;
    runWrite([&](Catalogue &c) {
        const std::optional<CallRow> row = c.call(callId);
        if (!row) {
            result = StoreResult::NotFound;
        } else if (row->state != CallState::Complete && row->state != CallState::Recording) {
            *error = QStringLiteral("this call has no audio to protect (%1)").arg(row->state);
            result = StoreResult::NoAudio;
        } else {
            result = c.setProtected(callId, isProtected, error) ? StoreResult::Done : StoreResult::Failed;
        }
    });
    return result;
}

StoreResult VaultStore::deleteRecording(qint64 callId, const QString &why, PacketTime now, QString *error)
{
    StoreResult result = StoreResult::Failed;
    runWrite([&](Catalogue &c) {
        const std::optional<CallRow> row = c.call(callId);
        if (!row) {
            result = StoreResult::NotFound;
            return;
        }
        if (row->state != CallState::Complete) {
            *error = QStringLiteral("this call has no audio to delete (%1)").arg(row->state);
            result = StoreResult::NoAudio;
            return;
        }
        if (row->isProtected) {
            *error = QStringLiteral("this recording is protected (legal hold); release the protection first");
            result = StoreResult::Protected;
            return;
        }
        if (removeOn(c, m_keyring.get(), m_dataDir, {removalOf(*row)}, CallState::Deleted, why, now).isEmpty()) {
            *error = QStringLiteral("the catalogue could not record the deletion; the audio is kept");
            return;
        }
        qCInfo(lcVault).noquote() << "deleted recording" << row->id << row->file << "(" << why << ")";
        toRecorder([this, vaultId = row->vaultId, bytes = row->bytes] { m_held[vaultId].finished -= bytes; });
        result = StoreResult::Done;
    });
    return result;
}

StoreResult VaultStore::eraseRecording(qint64 callId, PacketTime now, QString *error)
{
    StoreResult result = StoreResult::Failed;
    runWrite([&](Catalogue &c) {
        const std::optional<CallRow> row = c.call(callId);
        if (!row) {
            result = StoreResult::NotFound;
            return;
        }
        if (row->isProtected) {
            *error = QStringLiteral("recording %1 is protected (legal hold) and is kept").arg(callId);
            result = StoreResult::Protected;
            return;
        }
        if (row->state == CallState::Recording) {
            *error = QStringLiteral("recording %1 is still being recorded; erase again when the call ends").arg(callId);
            result = StoreResult::NoAudio;
            return;
        }
        // Audio first (the same removal as a delete, serialised with eviction here), then the numbers.
        if (row->state == CallState::Complete) {
            if (removeOn(c, m_keyring.get(), m_dataDir, {removalOf(*row)}, CallState::Deleted, kErasedReason, now)
                    .isEmpty()) {
                *error = QStringLiteral("the catalogue could not record the erasure; nothing was erased");
                return;
            }
            toRecorder([this, vaultId = row->vaultId, bytes = row->bytes] { m_held[vaultId].finished -= bytes; });
        }
        if (!redactNumbers(c.database(), callId, error)) {
            qCCritical(lcVault).noquote()
                << "recording" << callId << "audio erased but numbers not redacted:" << *error;
            return;
        }
        qCInfo(lcVault).noquote() << "erased recording" << callId << "on request";
        result = StoreResult::Done;
    });
    return result;
}

} // namespace vv::agent
