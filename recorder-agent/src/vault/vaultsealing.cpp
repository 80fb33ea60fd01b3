// Encryption at rest inside the vault store: the keyring opened before the start-up reconcile (which must read
// sealed files), the key a new recording is sealed to, and crypto-shredding when audio is removed. The keys
// themselves are vault/vaultkeyring.h; re-wrapping after a key change is vault/keycustodian.h.
#include "common/logging.h"
#include "vault/vaultstore.h"

#include <QFile>

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

} // namespace vv::agent
