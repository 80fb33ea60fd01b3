// Encryption at rest inside the vault store: the keyring opened before the start-up reconcile (which must read
// sealed files), the key a new recording is sealed to, and crypto-shredding when audio is removed. The keys
// themselves are vault/vaultkeyring.h; re-wrapping after a key change is vault/keycustodian.h.
#include "common/logging.h"
#include "vault/hashchain.h"
#include "vault/vaultstore.h"
#include "vaultcrypto/sealedwriter.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <fcntl.h>
#include <unistd.h>

namespace vv::agent {

bool destroyAudioFile(const VaultKeyring *ring, const QString &path)
{
    QString error;
    {
        std::unique_lock<std::mutex> slot;
        if (ring)
            slot = std::unique_lock(ring->keySlotLock()); // never between a re-wrap's read and its write
        if (!vv::crypto::shredFileKey(path, &error))
            qCCritical(lcVault).noquote()
                << "cannot destroy the key of" << path << ":" << error << "- deleting the file anyway";
    }
    return QFile::remove(path) || !QFile::exists(path);
}

bool VaultStore::openKeyring(const AgentConfig &config, PacketTime now, QString *error)
{
    if (!m_keyring) {
        auto ring = std::make_shared<VaultKeyring>();
        if (!ring->open(m_catalogue->database(), m_dataDir, error))
            return false;
        m_keyring = ring;
    }
    // `encryption =` in a [vault] section: the owner of the server decided, as with the cap.
    for (const VaultConfig &vc : config.vaults) {
        const std::optional<VaultRecord> v = vault(vc.name);
        if (!vc.encryption || !v || m_keyring->state(v->id).mode == *vc.encryption)
            continue;
        QString why;
        if (m_keyring->setMode(m_catalogue->database(), v->id, *vc.encryption, QStringLiteral("config file"), now,
                               &why))
            qCInfo(lcVault).noquote() << "vault" << vc.name << "encryption:" << *vc.encryption << "(config file)";
        else
            qCCritical(lcVault).noquote() << "vault" << vc.name << "keeps its encryption mode:" << why;
    }
    return true;
}

std::optional<SealingKey> VaultStore::sealingFor(qint64 vaultId) const
{
    return m_keyring ? m_keyring->sealingFor(vaultId) : std::nullopt;
}

RecordingFile::KeyResolver VaultStore::keyResolver() const
{
    std::shared_ptr<VaultKeyring> ring = m_keyring;
    return [ring](const vv::crypto::SealedHeader &header, QString *why) {
        if (!ring) {
            *why = QStringLiteral("encryption keys are not loaded");
            return QByteArray();
        }
        return ring->fileKey(header, why);
    };
}

namespace {

// Writes `plain` sealed to `key` as `path` (exclusively), synced. false with *error.
bool writeSealedCopy(const QByteArray &plain, const QString &path, const SealingKey &key, qint64 mediaMs,
                     QString *error)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
    if (fd < 0) {
        *error = QStringLiteral("cannot create %1: %2").arg(path, QString::fromLocal8Bit(strerror(errno)));
        return false;
    }
    vv::crypto::SealedWriter writer;
    bool ok = writer.start(fd, key.publicKey, key.keyId, error);
    // One chunk per flush: the copy is written at once, not as a call goes.
    for (qsizetype at = 0; ok && at < plain.size(); at += vv::crypto::kDefaultChunk) {
        const QByteArray part = plain.mid(at, vv::crypto::kDefaultChunk);
        writer.append(reinterpret_cast<const unsigned char *>(part.constData()), part.size());
        ok = writer.flush(mediaMs, error);
    }
    ok = ok && writer.finish(mediaMs, error);
    if (ok && ::fdatasync(fd) != 0) {
        *error = QStringLiteral("sync %1: %2").arg(path, QString::fromLocal8Bit(strerror(errno)));
        ok = false;
    }
    ::close(fd);
    if (!ok)
        QFile::remove(path);
    return ok;
}

} // namespace

StoreResult VaultStore::resealRecording(qint64 callId, qint64 *addedBytes, QString *error)
{
    StoreResult result = StoreResult::Failed;
    *addedBytes = 0;
    runWrite([&](Catalogue &c) {
        std::optional<CallRow> row = c.call(callId);
        if (!row || row->state != CallState::Complete || row->file.isEmpty()) {
            result = StoreResult::NoAudio; // gone, or not finished: nothing to encrypt
            return;
        }
        const std::optional<SealingKey> key = sealingFor(row->vaultId);
        const QString path = absolutePath(row->file);
        if (!key || vv::crypto::isSealedFile(path)) {
            result = StoreResult::Done;
            return;
        }
        QFile in(path);
        if (!in.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("cannot read %1: %2").arg(path, in.errorString());
            return;
        }
        const QByteArray plain = in.readAll();
        in.close();
        const QString temp = path + QStringLiteral(".sealing");
        if (!writeSealedCopy(plain, temp, *key, row->durationMs, error))
            return;
        QByteArray sealedSha;
        if (!chain::fileDigest(temp, &sealedSha, error)) {
            QFile::remove(temp);
            return;
        }
        const std::optional<chain::Entry> original = chain::entryOfCall(c.database(), callId);
        const qint64 newBytes = QFileInfo(temp).size();
        const qint64 delta = newBytes - row->bytes;
        row->bytes = newBytes;
        UsageTotals d;
        d.storedBytes = delta;
        const PacketTime now = QDateTime::currentMSecsSinceEpoch() * 1000;
        // The rename happens inside the transaction that records it: the row, the usage and the chain's link
        // from the plain file to the sealed one commit together with the file becoming sealed.
        bool ok = c.begin(error) && c.updateCall(*row, error) && c.adjustUsage(row->vaultId, d, error) &&
                  (!original || chain::appendReseal(c.database(), *row, *original, sealedSha, now, error));
        if (ok && ::rename(QFile::encodeName(temp).constData(), QFile::encodeName(path).constData()) != 0) {
            *error = QStringLiteral("cannot replace %1: %2").arg(path, QString::fromLocal8Bit(strerror(errno)));
            ok = false;
        }
        if (!ok || !c.commit()) {
            c.rollback();
            QFile::remove(temp);
            if (error->isEmpty())
                *error = QStringLiteral("the catalogue did not record it");
            return;
        }
        *addedBytes = delta;
        toRecorder([this, vaultId = row->vaultId, delta] {
            m_held[vaultId].finished += delta;
            // A capped vault stays within its cap: encryption's few bytes per chunk are made room for like audio.
            const VaultRecord *v = vaultById(vaultId);
            if (v && v->capBytes && heldBytes(vaultId) > *v->capBytes)
                evictOldest(vaultId, heldBytes(vaultId) - *v->capBytes, m_now,
                            QStringLiteral("room for older recordings being encrypted"));
        });
        result = StoreResult::Done;
    });
    return result;
}

} // namespace vv::agent
