#include "vault/chainsigner.h"

#include "vault/keyfile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>
#include <sodium.h>

namespace vv::agent {

QString ChainSigner::keyPath(const QString &dataDir)
{
    return QDir(dataDir).filePath(QStringLiteral("keys/chain-signing.key"));
}

bool ChainSigner::open(const QString &dataDir, QString *error)
{
    if (sodium_init() < 0) {
        *error = QStringLiteral("libsodium could not start");
        return false;
    }
    const QByteArray secret = readOrCreateKeyFile(
        keyPath(dataDir), int(crypto_sign_SECRETKEYBYTES),
        [] {
            QByteArray pk(int(crypto_sign_PUBLICKEYBYTES), '\0');
            QByteArray sk(int(crypto_sign_SECRETKEYBYTES), '\0');
            crypto_sign_keypair(reinterpret_cast<unsigned char *>(pk.data()),
                                reinterpret_cast<unsigned char *>(sk.data()));
            return sk;
        },
        QStringLiteral("signing key"), error);
    if (secret.isEmpty())
        return false;
    m_secret = secret;
    m_public = secret.right(int(crypto_sign_PUBLICKEYBYTES)); // libsodium keeps the public key at the end
    return true;
}

QByteArray ChainSigner::publicKeyIn(const QString &dataDir, QString *error)
{
    QFile f(keyPath(dataDir));
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(f.fileName(), f.errorString());
        return {};
    }
    const QByteArray secret = f.readAll();
    if (secret.size() != int(crypto_sign_SECRETKEYBYTES)) {
        *error = QStringLiteral("%1 is damaged").arg(f.fileName());
        return {};
    }
    return secret.right(int(crypto_sign_PUBLICKEYBYTES));
}

QByteArray ChainSigner::sign(const QByteArray &message) const
{
    QByteArray sig(int(crypto_sign_BYTES), '\0');
    crypto_sign_detached(reinterpret_cast<unsigned char *>(sig.data()), nullptr,
                         reinterpret_cast<const unsigned char *>(message.constData()),
                         static_cast<unsigned long long>(message.size()),
                         reinterpret_cast<const unsigned char *>(m_secret.constData()));
    return sig;
}

bool ChainSigner::verify(const QByteArray &publicKey, const QByteArray &message, const QByteArray &signature)
{
    if (publicKey.size() != int(crypto_sign_PUBLICKEYBYTES) || signature.size() != int(crypto_sign_BYTES))
        return false;
    return crypto_sign_verify_detached(reinterpret_cast<const unsigned char *>(signature.constData()),
                                       reinterpret_cast<const unsigned char *>(message.constData()),
                                       static_cast<unsigned long long>(message.size()),
                                       reinterpret_cast<const unsigned char *>(publicKey.constData())) == 0;
}

QByteArray ChainSigner::headMessage(qint64 vaultId, qint64 seq, const QByteArray &hash, PacketTime at)
{
    return QByteArrayLiteral("vv-chain-head-1\n") + QByteArray::number(vaultId) + '\n' + QByteArray::number(seq) +
           '\n' + hash.toHex() + '\n' + QByteArray::number(at) + '\n';
}

int signHeads(const QSqlDatabase &db, const ChainSigner &signer, PacketTime at, QString *error)
{
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral(
            "SELECT c.vault_id, c.seq, c.hash FROM chain c JOIN (SELECT vault_id, MAX(seq) AS seq FROM chain GROUP BY "
            "vault_id) h ON h.vault_id = c.vault_id AND h.seq = c.seq WHERE c.seq > COALESCE((SELECT MAX(seq) FROM "
            "chain_signatures s WHERE s.vault_id = c.vault_id), 0)"))) {
        *error = q.lastError().text();
        return -1;
    }
    struct Head
    {
        qint64 vaultId;
        qint64 seq;
        QByteArray hash;
    };
    std::vector<Head> heads;
    while (q.next())
        heads.push_back({q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toByteArray()});
    for (const Head &h : heads) {
        QSqlQuery ins(db);
        ins.prepare(QStringLiteral("INSERT INTO chain_signatures(vault_id, seq, hash, at, public_key, signature) "
                                   "VALUES (?,?,?,?,?,?)"));
        ins.addBindValue(h.vaultId);
        ins.addBindValue(h.seq);
        ins.addBindValue(h.hash);
        ins.addBindValue(at);
        ins.addBindValue(signer.publicKey());
        ins.addBindValue(signer.sign(ChainSigner::headMessage(h.vaultId, h.seq, h.hash, at)));
        if (!ins.exec()) {
            *error = ins.lastError().text();
            return -1;
        }
    }
    return int(heads.size());
}

} // namespace vv::agent
