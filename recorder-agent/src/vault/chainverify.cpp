#include "vault/chainverify.h"

#include "vault/callcolumns.h"
#include "vault/chainsigner.h"
#include "vault/subjectrequests.h"

#include <QDateTime>
#include <QDir>
#include <QHash>
#include <QJsonArray>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>
#include <QVariant>
#include <map>

namespace vv::agent {

namespace {

std::optional<CallRow> callRow(const QSqlDatabase &db, qint64 id)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT %1 FROM calls WHERE id = ?").arg(callcolumns::selectList()));
    q.addBindValue(id);
    if (q.exec() && q.next())
        return callcolumns::read(q);
    return std::nullopt;
}

qint64 chainEpoch(const QSqlDatabase &db)
{
    QSqlQuery q(db);
    if (q.exec(QStringLiteral("SELECT value FROM evidence WHERE key = 'chain_epoch'")) && q.next())
        return q.value(0).toLongLong();
    return 0;
}

QString isoTime(PacketTime t)
{
    return t ? QDateTime::fromMSecsSinceEpoch(t / 1000, Qt::UTC).toString(Qt::ISODate) : QString();
}

// What is wrong with a recording against its entry: metadata and (for a complete one) the file; empty when nothing.
// `original` is the entry a reseal entry `e` links to (nullptr for an ordinary entry).
QString recordingMismatch(const chain::Entry &e, const CallRow &row, const QString &dataDir, bool checkFiles,
                          bool *fileChecked, const chain::Entry *original = nullptr)
{
    *fileChecked = false;
    const QByteArray meta = original ? chain::resealDigest(original->hash, row) : chain::metadataDigest(row);
    if (meta != e.metaSha256)
        return QStringLiteral("recording %1: its details (numbers, times, length or file) changed since it was "
                              "recorded")
            .arg(row.id);
    if (row.state != CallState::Complete || !checkFiles)
        return {};
    QByteArray sha;
    QString why;
    if (!chain::fileDigest(QDir(dataDir).filePath(row.file), &sha, &why))
        return QStringLiteral("recording %1: its file %2 cannot be read (%3) though the catalogue says it is held")
            .arg(row.id)
            .arg(row.file, why);
    *fileChecked = true;
    if (sha != e.fileSha256)
        return QStringLiteral("recording %1: the audio file %2 changed since it was recorded")
            .arg(row.id)
            .arg(row.file);
    return {};
}

// Recordings the audit log says were erased on request: their numbers were redacted on purpose.
QSet<qint64> auditedErasures(const QSqlDatabase &db)
{
    QSet<qint64> ids;
    QSqlQuery q(db);
    if (q.exec(QStringLiteral("SELECT recording_id FROM audit WHERE action = 'erase' AND recording_id IS NOT NULL")))
        while (q.next())
            ids.insert(q.value(0).toLongLong());
    return ids;
}

bool isErased(const CallRow &row)
{
    return row.caller == kErasedNumber && row.callee == kErasedNumber;
}

bool signatureValid(const QByteArray &publicKey, qint64 vaultId, qint64 seq, const QByteArray &hash, PacketTime at,
                    const QByteArray &key, const QByteArray &signature)
{
    if (!publicKey.isEmpty() && key != publicKey)
        return false;
    return ChainSigner::verify(key, ChainSigner::headMessage(vaultId, seq, hash, at), signature);
}

} // namespace

QJsonObject VaultVerdict::toJson() const
{
    return {{QStringLiteral("vault"), vaultName},
            {QStringLiteral("ok"), ok()},
            {QStringLiteral("entries"), entries},
            {QStringLiteral("files_checked"), filesChecked},
            {QStringLiteral("removed_by_policy"), removedByPolicy},
            {QStringLiteral("erased_on_request"), erasedOnRequest},
            {QStringLiteral("before_evidence"), beforeEvidence},
            {QStringLiteral("signatures"), signatures},
            {QStringLiteral("unsigned_entries"), unsignedEntries},
            {QStringLiteral("problems"), QJsonArray::fromStringList(problems)}};
}

QJsonObject AuditVerdict::toJson() const
{
    return {{QStringLiteral("audit"), true},
            {QStringLiteral("ok"), ok()},
            {QStringLiteral("rows"), rows},
            {QStringLiteral("before_evidence"), beforeEvidence},
            {QStringLiteral("problems"), QJsonArray::fromStringList(problems)}};
}

QJsonObject RecordingVerdict::toJson() const
{
    return {{QStringLiteral("status"), status},
            {QStringLiteral("detail"), detail},
            {QStringLiteral("file_sha256"),
             fileSha256.isEmpty() ? QJsonValue() : QJsonValue(QString::fromLatin1(fileSha256.toHex()))},
            {QStringLiteral("sealed_at"), sealedAt ? QJsonValue(isoTime(sealedAt)) : QJsonValue()},
            {QStringLiteral("signed_at"), signedAt ? QJsonValue(isoTime(signedAt)) : QJsonValue()},
            {QStringLiteral("public_key"),
             publicKey.isEmpty() ? QJsonValue() : QJsonValue(QString::fromLatin1(publicKey.toHex()))}};
}

VaultVerdict verifyVault(const QSqlDatabase &db, const QString &dataDir, qint64 vaultId, const QString &vaultName,
                         const QByteArray &publicKey, bool checkFiles)
{
    VaultVerdict v;
    v.vaultId = vaultId;
    v.vaultName = vaultName;
    std::map<qint64, QByteArray> hashes; // seq -> stored hash, for the signatures
    const QSet<qint64> erasures = auditedErasures(db);
    // Recordings encrypted after they were recorded: checked against their reseal entry, which links the original.
    QSet<qint64> resealed;
    QHash<qint64, chain::Entry> originals;
    {
        QSqlQuery r(db);
        r.prepare(QStringLiteral("SELECT -call_id FROM chain WHERE vault_id = ? AND call_id < 0"));
        r.addBindValue(vaultId);
        if (r.exec())
            while (r.next())
                resealed.insert(r.value(0).toLongLong());
    }
    {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        // Each entry with its row in one pass (a LEFT JOIN: a row that is gone reads as NULLs).
        q.prepare(
            QStringLiteral("SELECT chain.vault_id, chain.seq, chain.call_id, chain.at, chain.file_sha256, "
                           "chain.meta_sha256, chain.prev, chain.hash, calls.id IS NOT NULL, %1 FROM chain LEFT "
                           "JOIN calls ON calls.id = ABS(chain.call_id) WHERE chain.vault_id = ? ORDER BY chain.seq")
                .arg(callcolumns::selectList(QStringLiteral("calls"))));
        q.addBindValue(vaultId);
        if (!q.exec()) {
            v.problems << QStringLiteral("the chain cannot be read: %1").arg(q.lastError().text());
            return v;
        }
        qint64 expected = 1;
        QByteArray prev(32, '\0');
        while (q.next()) {
            const chain::Entry e = chain::readEntry(q);
            ++v.entries;
            if (e.seq != expected)
                v.problems << QStringLiteral("chain entries %1 to %2 are missing (removed from the chain)")
                                  .arg(expected)
                                  .arg(e.seq - 1);
            else if (e.prev != prev)
                v.problems << QStringLiteral("chain entry %1 (recording %2) does not follow the entry before it")
                                  .arg(e.seq)
                                  .arg(e.callId);
            if (chain::entryHash(e) != e.hash)
                v.problems << QStringLiteral("chain entry %1 (recording %2) was altered").arg(e.seq).arg(e.callId);
            hashes[e.seq] = e.hash;
            prev = e.hash;
            expected = e.seq + 1;
            const std::optional<CallRow> row =
                q.value(8).toBool() ? std::optional<CallRow>(callcolumns::read(q, 9)) : std::nullopt;
            if (!row) {
                v.problems << QStringLiteral("recording %1 is in the chain but its row is gone").arg(e.callId);
                continue;
            }
            if (e.callId > 0 && resealed.contains(e.callId)) {
                originals.insert(e.callId, e); // its reseal entry, further on, is what the row must match now
                continue;
            }
            if (isErased(*row)) {
                if (erasures.contains(row->id))
                    ++v.erasedOnRequest;
                else
                    v.problems << QStringLiteral("recording %1: its numbers were removed without an audited erasure")
                                      .arg(row->id);
                continue;
            }
            const chain::Entry *original = nullptr;
            if (e.callId < 0) {
                original = originals.contains(-e.callId) ? &originals[-e.callId] : nullptr;
                if (!original) {
                    v.problems << QStringLiteral("chain entry %1 re-seals recording %2, which has no entry before it")
                                      .arg(e.seq)
                                      .arg(-e.callId);
                    continue;
                }
            }
            if (row->state == CallState::Overwritten || row->state == CallState::Deleted)
                ++v.removedByPolicy;
            bool checked = false;
            const QString mismatch = recordingMismatch(e, *row, dataDir, checkFiles, &checked, original);
            if (!mismatch.isEmpty())
                v.problems << mismatch;
            v.filesChecked += checked ? 1 : 0;
        }
    }
    // Recordings that should be in the chain and are not, and those from before it.
    const qint64 epoch = chainEpoch(db);
    QSqlQuery missing(db);
    missing.prepare(QStringLiteral("SELECT id FROM calls WHERE vault_id = ? AND state IN ('complete', 'overwritten', "
                                   "'deleted') AND file <> '' AND NOT EXISTS (SELECT 1 FROM chain WHERE "
                                   "chain.call_id = calls.id) ORDER BY id"));
    missing.addBindValue(vaultId);
    if (missing.exec()) {
        while (missing.next()) {
            const qint64 id = missing.value(0).toLongLong();
            if (id <= epoch)
                ++v.beforeEvidence;
            else
                v.problems << QStringLiteral("recording %1 is missing from the chain").arg(id);
        }
    } else {
        v.problems << QStringLiteral("the recordings cannot be listed: %1").arg(missing.lastError().text());
    }
    // Signatures: each over an entry that is still there, by the expected key.
    QSqlQuery sigs(db);
    sigs.prepare(QStringLiteral("SELECT seq, hash, at, public_key, signature FROM chain_signatures WHERE vault_id = ? "
                                "ORDER BY seq"));
    sigs.addBindValue(vaultId);
    qint64 lastSigned = 0;
    if (sigs.exec()) {
        while (sigs.next()) {
            const qint64 seq = sigs.value(0).toLongLong();
            const QByteArray hash = sigs.value(1).toByteArray();
            ++v.signatures;
            const auto entry = hashes.find(seq);
            if (entry == hashes.end() || entry->second != hash)
                v.problems << QStringLiteral("the signature over chain entry %1 does not match the chain").arg(seq);
            else if (!signatureValid(publicKey, vaultId, seq, hash, sigs.value(2).toLongLong(),
                                     sigs.value(3).toByteArray(), sigs.value(4).toByteArray()))
                v.problems
                    << (publicKey.isEmpty() || sigs.value(3).toByteArray() == publicKey
                            ? QStringLiteral("the signature over chain entry %1 is not valid").arg(seq)
                            : QStringLiteral("chain entry %1 is signed by another key than the one given").arg(seq));
            lastSigned = std::max(lastSigned, seq);
        }
    } else {
        v.problems << QStringLiteral("the signatures cannot be read: %1").arg(sigs.lastError().text());
    }
    v.unsignedEntries = hashes.empty() ? 0 : std::max<qint64>(0, hashes.rbegin()->first - lastSigned);
    return v;
}

AuditVerdict verifyAudit(const QSqlDatabase &db)
{
    AuditVerdict v;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT id, at, username, address, action, vault_id, recording_id, detail, prev, hash "
                               "FROM audit ORDER BY id"))) {
        v.problems << QStringLiteral("the audit log cannot be read: %1").arg(q.lastError().text());
        return v;
    }
    QByteArray prev;
    bool chained = false;
    while (q.next()) {
        ++v.rows;
        const qint64 id = q.value(0).toLongLong();
        const QByteArray rowPrev = q.value(8).toByteArray();
        const QByteArray hash = q.value(9).toByteArray();
        if (hash.isEmpty()) {
            if (chained)
                v.problems << QStringLiteral("audit row %1 has no hash (written around the chain)").arg(id);
            else
                ++v.beforeEvidence;
            continue;
        }
        const QByteArray expectedPrev = prev.isEmpty() ? QByteArray(32, '\0') : prev;
        if (rowPrev != expectedPrev)
            v.problems << QStringLiteral("audit row %1 does not follow the row before it (a row was removed or "
                                         "inserted)")
                              .arg(id);
        const QByteArray computed = chain::auditHash(
            rowPrev, q.value(1).toLongLong(), q.value(2).toString(), q.value(3).toString(), q.value(4).toString(),
            q.value(5).toLongLong(), q.value(6).toLongLong(), q.value(7).toString());
        if (computed != hash)
            v.problems << QStringLiteral("audit row %1 was altered").arg(id);
        prev = hash;
        chained = true;
    }
    return v;
}

RecordingVerdict verifyRecording(const QSqlDatabase &db, const QString &dataDir, qint64 callId,
                                 const QByteArray &publicKey)
{
    RecordingVerdict v;
    v.publicKey = publicKey;
    const std::optional<CallRow> row = callRow(db, callId);
    const std::optional<chain::Entry> first = chain::entryOfCall(db, callId);
    const std::optional<chain::Entry> reseal = chain::entryOfCall(db, -callId); // encrypted after it was recorded
    const std::optional<chain::Entry> e = reseal ? reseal : first;
    if (!row || !e) {
        const bool old = callId <= chainEpoch(db);
        v.status = old ? QStringLiteral("before_evidence") : QStringLiteral("not_in_chain");
        v.detail = old ? QStringLiteral("recorded before this agent kept tamper evidence")
                       : QStringLiteral("this recording is missing from its vault's chain");
        return v;
    }
    v.fileSha256 = e->fileSha256;
    v.sealedAt = e->at;
    if (isErased(*row)) {
        const bool audited = auditedErasures(db).contains(callId);
        v.status = audited ? QStringLiteral("erased") : QStringLiteral("changed");
        v.detail = audited ? QStringLiteral("erased on request (see the audit log)")
                           : QStringLiteral("its numbers were removed without an audited erasure");
        return v;
    }
    auto changed = [&](const QString &why) {
        v.status = QStringLiteral("changed");
        v.detail = why;
        return v;
    };
    if (chain::entryHash(*e) != e->hash)
        return changed(QStringLiteral("its chain entry was altered"));
    bool checked = false;
    if (reseal && !first)
        return changed(QStringLiteral("its chain entry from when it was recorded is missing"));
    if (reseal && chain::entryHash(*first) != first->hash)
        return changed(QStringLiteral("its chain entry from when it was recorded was altered"));
    if (const QString m = recordingMismatch(*e, *row, dataDir, true, &checked, reseal ? &*first : nullptr);
        !m.isEmpty())
        return changed(m);
    if (e->seq > 1) {
        std::vector<chain::Entry> before;
        QString error;
        if (!chain::entries(db, e->vaultId, e->seq - 1, e->seq - 1, &before, &error) || before.empty() ||
            before.front().hash != e->prev)
            return changed(QStringLiteral("the chain entry before it is missing or altered"));
    }
    // The nearest signature at or after it, and the links up to there.
    QSqlQuery sig(db);
    sig.prepare(QStringLiteral("SELECT seq, hash, at, public_key, signature FROM chain_signatures WHERE vault_id = ? "
                               "AND seq >= ? ORDER BY seq LIMIT 1"));
    sig.addBindValue(e->vaultId);
    sig.addBindValue(e->seq);
    if (!sig.exec() || !sig.next()) {
        v.status = QStringLiteral("sealed");
        v.detail = QStringLiteral("unchanged since recorded; the agent signs it within the hour");
        return v;
    }
    const qint64 signedSeq = sig.value(0).toLongLong();
    std::vector<chain::Entry> path;
    QString error;
    if (!chain::entries(db, e->vaultId, e->seq, signedSeq, &path, &error) ||
        path.size() != std::size_t(signedSeq - e->seq + 1))
        return changed(QStringLiteral("chain entries after it are missing"));
    for (std::size_t i = 0; i < path.size(); ++i) {
        if (chain::entryHash(path[i]) != path[i].hash || (i > 0 && path[i].prev != path[i - 1].hash))
            return changed(QStringLiteral("chain entry %1 after it was altered").arg(path[i].seq));
    }
    if (path.back().hash != sig.value(1).toByteArray() ||
        !signatureValid(publicKey, e->vaultId, signedSeq, path.back().hash, sig.value(2).toLongLong(),
                        sig.value(3).toByteArray(), sig.value(4).toByteArray()))
        return changed(QStringLiteral("the agent's signature over it does not verify"));
    v.status = QStringLiteral("verified");
    v.detail = QStringLiteral("unchanged since recorded");
    v.signedAt = sig.value(2).toLongLong();
    return v;
}

} // namespace vv::agent
