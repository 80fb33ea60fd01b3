#pragma once
// A vault's key pair (X25519, libsodium crypto_box): every recording's file key is sealed to the public half.
// Whoever holds the secret half can listen: the agent (agent-held mode, the secret wrapped by the agent's master
// key) or only the customer (customer-held mode: the secret in their OS keychain, and a backup on the agent that
// only their recovery phrase opens).
#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace vv::crypto {

struct VaultKeyPair
{
    QByteArray publicKey; // 32 bytes
    QByteArray secretKey; // 32 bytes
    static VaultKeyPair generate();
};

QByteArray randomBytes(int n);
// The first 8 bytes of BLAKE2b(publicKey): names the key in file headers and the API.
QByteArray keyIdOf(const QByteArray &publicKey);
QByteArray sealFileKey(const QByteArray &fileKey, const QByteArray &publicKey);
// Empty when the pair does not open it (wrong key, shredded, altered).
QByteArray unsealFileKey(const QByteArray &sealedKey, const QByteArray &publicKey, const QByteArray &secretKey);
// The public key of a secret key (to check a pasted or restored secret belongs to a vault).
QByteArray publicKeyOf(const QByteArray &secretKey);

// Symmetric wrapping under a 32-byte key (the agent's master key): nonce || secretbox. Empty on failure.
QByteArray wrapWithKey(const QByteArray &plain, const QByteArray &key);
QByteArray unwrapWithKey(const QByteArray &wrapped, const QByteArray &key);

// The customer's backup of the secret key on the agent: wrapped under a key derived (Argon2id) from the recovery
// phrase. Serialised as JSON {"kdf":"argon2id13","salt","opslimit","memlimit","box"} (base64), which is all the
// agent ever stores or serves of it.
QJsonObject wrapForRecovery(const QByteArray &secretKey, const QString &phrase, QString *error);
// The secret key, or empty with *error ("the recovery phrase does not open this backup").
QByteArray unwrapRecovery(const QJsonObject &backup, const QString &phrase, QString *error);

} // namespace vv::crypto
