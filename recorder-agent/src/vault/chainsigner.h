#pragma once
// The agent's Ed25519 key for tamper evidence (libsodium): it signs each vault's chain head (vault/hashchain.h)
// every hour the head moved, so rewriting a vault's whole chain needs this key. The secret key lives in
// <data>/keys/chain-signing.key (0600, the service user's); the public key is in every verification answer and is
// what `vipvault-agent verify --public-key` checks against when the data folder itself is not trusted.
#include "vault/hashchain.h"

#include <QByteArray>
#include <QSqlDatabase>
#include <QString>

namespace vv::agent {

class ChainSigner
{
public:
    // Loads the key, or creates it on first start. false with *error when the file exists but is unusable.
    bool open(const QString &dataDir, QString *error);
    bool isOpen() const { return !m_secret.isEmpty(); }
    QByteArray publicKey() const { return m_public; }
    QByteArray sign(const QByteArray &message) const;

    static QString keyPath(const QString &dataDir);
    // Reads only the public half (verify, read-only).
    static QByteArray publicKeyIn(const QString &dataDir, QString *error);
    static bool verify(const QByteArray &publicKey, const QByteArray &message, const QByteArray &signature);
    static QByteArray headMessage(qint64 vaultId, qint64 seq, const QByteArray &hash, PacketTime at);

private:
    QByteArray m_secret; // 64 bytes (libsodium's seed + public key)
    QByteArray m_public; // 32 bytes
};

// Signs the head of every vault whose chain grew since its last signature; in the caller's transaction.
// Returns how many heads were signed, -1 on error.
int signHeads(const QSqlDatabase &db, const ChainSigner &signer, PacketTime at, QString *error);

} // namespace vv::agent
