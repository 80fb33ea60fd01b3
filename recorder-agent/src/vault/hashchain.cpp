#include "vault/hashchain.h"

#include "common/logging.h"
#include "vault/callcolumns.h"
#include "vaultcrypto/sealedformat.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>
#include <memory>
#include <openssl/evp.h>

namespace vv::agent::chain {

namespace {

// Length-prefixed fields: no two different field lists hash the same text.
void addField(QCryptographicHash &h, const QByteArray &name, const QByteArray &value)
{
    h.addData(name);
    h.addData(QByteArray::number(value.size()));
    h.addData(":");
    h.addData(value);
    h.addData("\n");
}

void addField(QCryptographicHash &h, const QByteArray &name, qint64 value)
{
    addField(h, name, QByteArray::number(value));
}

const char *const kEntryColumns = "vault_id, seq, call_id, at, file_sha256, meta_sha256, prev, hash";

} // namespace

Entry readEntry(const QSqlQuery &q, int first)
{
    Entry e;
    e.vaultId = q.value(first).toLongLong();
    e.seq = q.value(first + 1).toLongLong();
    e.callId = q.value(first + 2).toLongLong();
    e.at = q.value(first + 3).toLongLong();
    e.fileSha256 = q.value(first + 4).toByteArray();
    e.metaSha256 = q.value(first + 5).toByteArray();
    e.prev = q.value(first + 6).toByteArray();
    e.hash = q.value(first + 7).toByteArray();
    return e;
}

QByteArray metadataDigest(const CallRow &row)
{
    QCryptographicHash h(QCryptographicHash::Sha256);
    addField(h, "vv-recording-1", 0);
    addField(h, "id", row.id);
    addField(h, "vault_id", row.vaultId);
    addField(h, "sip_call_id", row.sipCallId.toUtf8());
    addField(h, "caller", row.caller.toUtf8());
    addField(h, "callee", row.callee.toUtf8());
    addField(h, "dialled", row.dialled.toUtf8());
    addField(h, "extension", row.extension.toUtf8());
    addField(h, "direction", row.direction.toUtf8());
    addField(h, "started_at", row.startedAt);
    addField(h, "answered_at", row.answeredAt);
    addField(h, "ended_at", row.endedAt);
    addField(h, "duration_ms", row.durationMs);
    addField(h, "codec", row.codec.toUtf8());
    addField(h, "file", row.file.toUtf8());
    addField(h, "bytes", row.bytes);
    return h.result();
}

// OpenSSL's SHA-256 (several times Qt's own on x86 with SHA extensions): files are the bulk of what is hashed.
bool fileDigest(const QString &path, QByteArray *sha256, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = f.errorString();
        return false;
    }
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    if (!ctx || EVP_DigestInit_ex(ctx.get(), EVP_sha256(), nullptr) != 1) {
        *error = QStringLiteral("SHA-256 is not available");
        return false;
    }
    QByteArray buffer(1 << 16, Qt::Uninitialized);
    bool first = true;
    for (;;) {
        const qint64 n = f.read(buffer.data(), buffer.size());
        if (n < 0) {
            *error = QStringLiteral("read failed: %1").arg(f.errorString());
            return false;
        }
        if (n == 0)
            break;
        // A sealed file's key slot (key id and sealed file key) is meant to change: re-wrapping to a new vault
        // key and crypto-shredding rewrite it in place. It is hashed as zeros; every byte of audio still counts.
        if (first && n >= vv::crypto::kHeaderSize && vv::crypto::isSealed(buffer))
            std::fill(buffer.begin() + vv::crypto::kKeyIdOffset,
                      buffer.begin() + vv::crypto::kSealedKeyOffset + vv::crypto::kSealedKeyBytes, '\0');
        first = false;
        EVP_DigestUpdate(ctx.get(), buffer.constData(), std::size_t(n));
    }
    QByteArray out(32, '\0');
    unsigned int len = 0;
    EVP_DigestFinal_ex(ctx.get(), reinterpret_cast<unsigned char *>(out.data()), &len);
    *sha256 = out;
    return true;
}

QByteArray entryHash(const Entry &e)
{
    QCryptographicHash h(QCryptographicHash::Sha256);
    addField(h, "vv-chain-1", 0);
    addField(h, "prev", e.prev);
    addField(h, "vault_id", e.vaultId);
    addField(h, "seq", e.seq);
    addField(h, "call_id", e.callId);
    addField(h, "at", e.at);
    addField(h, "file_sha256", e.fileSha256);
    addField(h, "meta_sha256", e.metaSha256);
    return h.result();
}

QByteArray auditHash(const QByteArray &prev, PacketTime at, const QString &username, const QString &address,
                     const QString &action, qint64 vaultId, qint64 recordingId, const QString &detail)
{
    QCryptographicHash h(QCryptographicHash::Sha256);
    addField(h, "vv-audit-1", 0);
    addField(h, "prev", prev);
    addField(h, "at", at);
    addField(h, "username", username.toUtf8());
    addField(h, "address", address.toUtf8());
    addField(h, "action", action.toUtf8());
    addField(h, "vault_id", vaultId);
    addField(h, "recording_id", recordingId);
    addField(h, "detail", detail.toUtf8());
    return h.result();
}

std::optional<Entry> entryOfCall(const QSqlDatabase &db, qint64 callId)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT %1 FROM chain WHERE call_id = ?").arg(QLatin1String(kEntryColumns)));
    q.addBindValue(callId);
    if (q.exec() && q.next())
        return readEntry(q);
    return std::nullopt;
}

std::optional<Entry> head(const QSqlDatabase &db, qint64 vaultId)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT %1 FROM chain WHERE vault_id = ? ORDER BY seq DESC LIMIT 1")
                  .arg(QLatin1String(kEntryColumns)));
    q.addBindValue(vaultId);
    if (q.exec() && q.next())
        return readEntry(q);
    return std::nullopt;
}

bool entries(const QSqlDatabase &db, qint64 vaultId, qint64 from, qint64 to, std::vector<Entry> *out, QString *error)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT %1 FROM chain WHERE vault_id = ? AND seq BETWEEN ? AND ? ORDER BY seq")
                  .arg(QLatin1String(kEntryColumns)));
    q.addBindValue(vaultId);
    q.addBindValue(from);
    q.addBindValue(to);
    if (!q.exec()) {
        *error = q.lastError().text();
        return false;
    }
    while (q.next())
        out->push_back(readEntry(q));
    return true;
}

namespace {

// Appends `e` (vault, call id, time, hashes filled) after its vault's head.
bool appendEntry(const QSqlDatabase &db, Entry e, QString *error)
{
    const std::optional<Entry> last = head(db, e.vaultId);
    e.seq = last ? last->seq + 1 : 1;
    e.prev = last ? last->hash : QByteArray(32, '\0');
    e.hash = entryHash(e);
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO chain(%1) VALUES (?,?,?,?,?,?,?,?)").arg(QLatin1String(kEntryColumns)));
    for (const QVariant &v : {QVariant(e.vaultId), QVariant(e.seq), QVariant(e.callId), QVariant(e.at),
                              QVariant(e.fileSha256), QVariant(e.metaSha256), QVariant(e.prev), QVariant(e.hash)})
        q.addBindValue(v);
    if (!q.exec()) {
        *error = q.lastError().text();
        return false;
    }
    return true;
}

} // namespace

bool append(const QSqlDatabase &db, const CallRow &row, const QString &dataDir, PacketTime at, QString *error)
{
    if (row.vaultId == 0 || row.file.isEmpty())
        return true; // nothing stored, nothing to seal
    if (entryOfCall(db, row.id))
        return true;
    Entry e;
    e.vaultId = row.vaultId;
    e.callId = row.id;
    e.at = at;
    if (!fileDigest(QDir(dataDir).filePath(row.file), &e.fileSha256, error)) {
        *error = QStringLiteral("cannot hash %1: %2").arg(row.file, *error);
        return false;
    }
    e.metaSha256 = metadataDigest(row);
    return appendEntry(db, e, error);
}

QByteArray resealDigest(const QByteArray &originalHash, const CallRow &row)
{
    QCryptographicHash h(QCryptographicHash::Sha256);
    addField(h, "resealed", originalHash);
    addField(h, "meta", metadataDigest(row));
    return h.result();
}

bool appendReseal(const QSqlDatabase &db, const CallRow &row, const Entry &original, const QByteArray &sealedSha256,
                  PacketTime at, QString *error)
{
    Entry e;
    e.vaultId = row.vaultId;
    e.callId = -row.id;
    e.at = at;
    e.fileSha256 = sealedSha256;
    e.metaSha256 = resealDigest(original.hash, row);
    return appendEntry(db, e, error);
}

int sealPending(const QSqlDatabase &db, const QString &dataDir, PacketTime at, QString *error)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    // Ids in order, so a vault's entries follow the order the recordings were made in.
    if (!q.exec(QStringLiteral("SELECT id FROM calls WHERE state = 'complete' AND vault_id IS NOT NULL AND "
                               "id > (SELECT value FROM evidence WHERE key = 'chain_epoch') AND NOT EXISTS "
                               "(SELECT 1 FROM chain WHERE chain.call_id = calls.id) ORDER BY id"))) {
        *error = q.lastError().text();
        return -1;
    }
    std::vector<qint64> ids;
    while (q.next())
        ids.push_back(q.value(0).toLongLong());
    // Batches of 1,000 per transaction: sealing a large adopted folder is not one fsync per recording.
    int sealed = 0;
    auto commit = [&] {
        QSqlQuery c(db);
        if (!c.exec(QStringLiteral("COMMIT")))
            *error = c.lastError().text();
        return !c.lastError().isValid();
    };
    for (const qint64 id : ids) {
        if (sealed % 1000 == 0) {
            if (sealed > 0 && !commit())
                return -1;
            QSqlQuery b(db);
            if (!b.exec(QStringLiteral("BEGIN IMMEDIATE"))) {
                *error = b.lastError().text();
                return -1;
            }
        }
        QSqlQuery r(db);
        r.prepare(QStringLiteral("SELECT %1 FROM calls WHERE id = ?").arg(callcolumns::selectList()));
        r.addBindValue(id);
        if (!r.exec() || !r.next()) {
            *error = r.lastError().text();
            QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
            return -1;
        }
        QString why;
        // One unreadable file must not stop the agent from starting (and recording): it stays out of the chain,
        // said here and by verify ("missing from the chain"), and is tried again at the next start.
        if (!append(db, callcolumns::read(r), dataDir, at, &why))
            qCCritical(lcVault).noquote() << "recording" << id << "not sealed into the hash chain:" << why;
        ++sealed;
    }
    if (sealed > 0 && !commit())
        return -1;
    return sealed;
}

} // namespace vv::agent::chain
