#pragma once
// Encryption at rest, per vault (vaultcrypto/sealedformat.h): which key new recordings are sealed to, and who can
// open them. Three modes, chosen per vault:
//   off       new recordings are plain Ogg (what older vaults hold; still readable);
//   agent     sealed to a key pair whose secret the agent keeps, wrapped by its master key file (keys/vault-master.key,
//             or a systemd credential): a stolen disk or backup holds only ciphertext, the agent still serves audio;
//   customer  sealed to the customer's own key pair: the agent holds only the public key and a backup of the
//             secret that the customer's recovery phrase opens. Until the customer's app sets its key, recordings
//             stay sealed to the agent-held key; once it is set they are re-wrapped to it (vault/keycustodian.h) and
//             the agent's secret is destroyed.
// Thread-safe: the recorder asks which key to seal to, API threads ask for file keys and change modes.
#include "common/timeformat.h"
#include "vaultcrypto/sealedformat.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QString>
#include <mutex>
#include <optional>
#include <vector>

namespace vv::agent {

namespace EncryptionMode {
inline const QString Off = QStringLiteral("off");
inline const QString Agent = QStringLiteral("agent");
inline const QString Customer = QStringLiteral("customer");
} // namespace EncryptionMode

struct SealingKey
{
    QByteArray publicKey;
    QByteArray keyId;
};

struct VaultEncryption
{
    QString mode = EncryptionMode::Off;
    QString holder;                   // of the key new recordings are sealed to: "agent", "customer" or '' (off)
    QByteArray keyId;                 // that key's id
    QByteArray publicKey;             // and public half
    bool awaitingCustomerKey = false; // mode customer, the customer's app has not set its key yet
    QJsonObject recovery;             // the customer's phrase-wrapped backup of their secret key
    PacketTime changedAt = 0;
    QString changedBy;
};

class VaultKeyring
{
public:
    // Loads the master key (creating it on first start) and every vault's keys.
    bool open(const QSqlDatabase &db, const QString &dataDir, QString *error);
    static QString masterKeyPath(const QString &dataDir);

    // The key a new recording of this vault is sealed to; nullopt when the vault records plain.
    std::optional<SealingKey> sealingFor(qint64 vaultId) const;
    VaultEncryption state(qint64 vaultId) const;
    // The file key of a sealed file whose key the agent holds; empty with *why when it does not (the customer
    // holds it, or the key was shredded).
    QByteArray fileKey(const vv::crypto::SealedHeader &header, QString *why) const;
    bool holdsSecret(const QByteArray &keyId) const;

    // A reseller's choice of mode. Turning encryption on creates the agent-held key pair if there is none.
    // Refuses (false, *error) to leave customer mode once the customer's key is set: only the customer could hand
    // it back.
    bool setMode(const QSqlDatabase &db, qint64 vaultId, const QString &mode, const QString &by, PacketTime now,
                 QString *error);
    // The customer's app set its key pair (public half) and the backup of the secret. Retires the agent-held keys
    // of the vault: their files are re-wrapped by the custodian, then their secrets are destroyed.
    bool setCustomerKey(const QSqlDatabase &db, qint64 vaultId, const QByteArray &publicKey,
                        const QJsonObject &recovery, const QString &by, PacketTime now, QString *error);

    // Agent-held keys that are retired but whose secrets are still kept (files remain to re-wrap).
    std::vector<QByteArray> retiringKeys(qint64 vaultId) const;
    // Every file sealed to a retired key is re-wrapped: its secret is erased from the catalogue and from memory.
    bool destroySecret(const QSqlDatabase &db, const QByteArray &keyId, QString *error);
    // Re-wraps one file's key from a retired agent key to the vault's current key; false with *error on failure,
    // true (doing nothing) when the file is not sealed to a retiring key.
    bool rewrapFile(qint64 vaultId, const QString &path, bool *changed, QString *error) const;
    // Held while a file's key slot is rewritten or shredded, so the two never interleave.
    std::mutex &keySlotLock() const { return m_slotLock; }

private:
    struct Key
    {
        qint64 vaultId = 0;
        QString holder;
        QByteArray publicKey;
        QByteArray secret; // agent-held, unwrapped; empty for customer keys and destroyed ones
        PacketTime createdAt = 0;
        bool retired = false;
    };
    bool load(const QSqlDatabase &db, QString *error);
    bool loadMaster(QString *error); // caller holds m_mutex
    bool createAgentKey(const QSqlDatabase &db, qint64 vaultId, PacketTime now, QString *error);
    const Key *currentKey(qint64 vaultId) const; // newest unretired key, caller holds m_mutex

    mutable std::mutex m_mutex;
    mutable std::mutex m_slotLock;
    QByteArray m_master; // empty until a vault encrypts
    QString m_dataDir;
    QHash<QByteArray, Key> m_keys;
    QHash<qint64, VaultEncryption> m_modes; // only the mode, changedAt/By filled here
};

} // namespace vv::agent
