// Tamper evidence inside the vault store: the signing key and the sealing of what start-up recovered
// (openEvidence), and the hourly signature of every chain head that moved (signChains). The chain itself is
// vault/hashchain.h; sealing a finished recording happens in finishRecording's writer job.
#include "common/logging.h"
#include "vault/vaultstore.h"

namespace vv::agent {

// Tamper evidence at start-up: the signing key, recordings the reconcile adopted or finalised sealed into their
// chain (and any whose sealing a crash interrupted), every head signed.
bool VaultStore::openEvidence(PacketTime now, QString *error)
{
    auto signer = std::make_shared<ChainSigner>();
    if (!signer->open(m_dataDir, error))
        return false;
    m_signer = signer;
    const int sealed = chain::sealPending(m_catalogue->database(), m_dataDir, now, error);
    if (sealed < 0) {
        *error = QStringLiteral("sealing recordings into the hash chain failed: %1").arg(*error);
        return false;
    }
    if (sealed > 0)
        qCWarning(lcVault).noquote() << "sealed" << sealed << "recordings into their vault's hash chain at start-up";
    if (signHeads(m_catalogue->database(), *m_signer, now, error) < 0) {
        *error = QStringLiteral("signing the hash chains failed: %1").arg(*error);
        return false;
    }
    return true;
}

void VaultStore::signChains(PacketTime now)
{
    if (!m_signer)
        return;
    write([signer = m_signer, now](Catalogue &c) {
        QString error;
        if (signHeads(c.database(), *signer, now, &error) < 0)
            qCCritical(lcVault).noquote() << "signing the hash chains failed:" << error;
    });
}

} // namespace vv::agent
