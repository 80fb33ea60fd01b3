#include "vaultcrypto/vaultkeys.h"

#include "vaultcrypto/recoveryphrase.h"
#include "vaultcrypto/sealedformat.h"

#include <sodium.h>

namespace vv::crypto {

namespace {

const auto *u(const QByteArray &b)
{
    return reinterpret_cast<const unsigned char *>(b.constData());
}

bool ready()
{
    static const bool ok = sodium_init() >= 0;
    return ok;
}

} // namespace

QByteArray randomBytes(int n)
{
    ready();
    QByteArray b(n, Qt::Uninitialized);
    randombytes_buf(b.data(), static_cast<size_t>(n));
    return b;
}

VaultKeyPair VaultKeyPair::generate()
{
    ready();
    VaultKeyPair k;
    k.publicKey.resize(crypto_box_PUBLICKEYBYTES);
    k.secretKey.resize(crypto_box_SECRETKEYBYTES);
    crypto_box_keypair(reinterpret_cast<unsigned char *>(k.publicKey.data()),
                       reinterpret_cast<unsigned char *>(k.secretKey.data()));
    return k;
}

QByteArray keyIdOf(const QByteArray &publicKey)
{
    ready();
    QByteArray id(kKeyIdBytes, Qt::Uninitialized);
    crypto_generichash(reinterpret_cast<unsigned char *>(id.data()), static_cast<size_t>(id.size()), u(publicKey),
                       static_cast<unsigned long long>(publicKey.size()), nullptr, 0);
    return id;
}

QByteArray sealFileKey(const QByteArray &fileKey, const QByteArray &publicKey)
{
    if (!ready() || publicKey.size() != crypto_box_PUBLICKEYBYTES)
        return {};
    QByteArray out(crypto_box_SEALBYTES + fileKey.size(), Qt::Uninitialized);
    crypto_box_seal(reinterpret_cast<unsigned char *>(out.data()), u(fileKey),
                    static_cast<unsigned long long>(fileKey.size()), u(publicKey));
    return out;
}

QByteArray unsealFileKey(const QByteArray &sealedKey, const QByteArray &publicKey, const QByteArray &secretKey)
{
    if (!ready() || publicKey.size() != crypto_box_PUBLICKEYBYTES || secretKey.size() != crypto_box_SECRETKEYBYTES ||
        sealedKey.size() <= static_cast<qsizetype>(crypto_box_SEALBYTES))
        return {};
    QByteArray out(sealedKey.size() - crypto_box_SEALBYTES, Qt::Uninitialized);
    if (crypto_box_seal_open(reinterpret_cast<unsigned char *>(out.data()), u(sealedKey),
                             static_cast<unsigned long long>(sealedKey.size()), u(publicKey), u(secretKey)) != 0)
        return {};
    return out;
}

QByteArray publicKeyOf(const QByteArray &secretKey)
{
    if (!ready() || secretKey.size() != crypto_box_SECRETKEYBYTES)
        return {};
    QByteArray pk(crypto_box_PUBLICKEYBYTES, Qt::Uninitialized);
    crypto_scalarmult_base(reinterpret_cast<unsigned char *>(pk.data()), u(secretKey));
    return pk;
}

QByteArray wrapWithKey(const QByteArray &plain, const QByteArray &key)
{
    if (!ready() || key.size() != crypto_secretbox_KEYBYTES)
        return {};
    QByteArray out = randomBytes(crypto_secretbox_NONCEBYTES);
    out.resize(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plain.size());
    auto *p = reinterpret_cast<unsigned char *>(out.data());
    crypto_secretbox_easy(p + crypto_secretbox_NONCEBYTES, u(plain), static_cast<unsigned long long>(plain.size()), p,
                          u(key));
    return out;
}

QByteArray unwrapWithKey(const QByteArray &wrapped, const QByteArray &key)
{
    const qsizetype overhead = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES;
    if (!ready() || key.size() != crypto_secretbox_KEYBYTES || wrapped.size() < overhead)
        return {};
    QByteArray out(wrapped.size() - overhead, Qt::Uninitialized);
    const auto *p = u(wrapped);
    if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char *>(out.data()), p + crypto_secretbox_NONCEBYTES,
                                   static_cast<unsigned long long>(wrapped.size() - crypto_secretbox_NONCEBYTES), p,
                                   u(key)) != 0)
        return {};
    return out;
}

namespace {

QByteArray deriveKey(const QString &phrase, const QByteArray &salt, qint64 ops, qint64 mem, QString *error)
{
    const QByteArray normal = normaliseRecoveryPhrase(phrase).toLatin1();
    QByteArray key(crypto_secretbox_KEYBYTES, Qt::Uninitialized);
    if (salt.size() != crypto_pwhash_SALTBYTES || ops < static_cast<qint64>(crypto_pwhash_OPSLIMIT_MIN) ||
        mem < static_cast<qint64>(crypto_pwhash_MEMLIMIT_MIN) || mem > (qint64(1) << 32)) {
        *error = QStringLiteral("the key backup's parameters are invalid");
        return {};
    }
    if (crypto_pwhash(reinterpret_cast<unsigned char *>(key.data()), static_cast<unsigned long long>(key.size()),
                      normal.constData(), static_cast<unsigned long long>(normal.size()), u(salt),
                      static_cast<unsigned long long>(ops), static_cast<size_t>(mem),
                      crypto_pwhash_ALG_ARGON2ID13) != 0) {
        *error = QStringLiteral("not enough memory to derive the key from the recovery phrase");
        return {};
    }
    return key;
}

} // namespace

QJsonObject wrapForRecovery(const QByteArray &secretKey, const QString &phrase, QString *error)
{
    if (!ready())
        return {};
    const QByteArray salt = randomBytes(crypto_pwhash_SALTBYTES);
    // The phrase carries 120 random bits, so the interactive cost is plenty: it slows guessing, it is not the
    // only defence as with a person's password.
    const qint64 ops = crypto_pwhash_OPSLIMIT_INTERACTIVE;
    const qint64 mem = crypto_pwhash_MEMLIMIT_INTERACTIVE;
    QByteArray key = deriveKey(phrase, salt, ops, mem, error);
    if (key.isEmpty())
        return {};
    const QByteArray box = wrapWithKey(secretKey, key);
    sodium_memzero(key.data(), static_cast<size_t>(key.size()));
    return QJsonObject{{QStringLiteral("kdf"), QStringLiteral("argon2id13")},
                       {QStringLiteral("salt"), QString::fromLatin1(salt.toBase64())},
                       {QStringLiteral("opslimit"), ops},
                       {QStringLiteral("memlimit"), mem},
                       {QStringLiteral("box"), QString::fromLatin1(box.toBase64())}};
}

QByteArray unwrapRecovery(const QJsonObject &backup, const QString &phrase, QString *error)
{
    if (backup.value(QStringLiteral("kdf")).toString() != u"argon2id13") {
        *error = QStringLiteral("the key backup uses an unknown key derivation");
        return {};
    }
    const QByteArray salt = QByteArray::fromBase64(backup.value(QStringLiteral("salt")).toString().toLatin1());
    QByteArray key = deriveKey(phrase, salt, backup.value(QStringLiteral("opslimit")).toInteger(),
                               backup.value(QStringLiteral("memlimit")).toInteger(), error);
    if (key.isEmpty())
        return {};
    const QByteArray secret =
        unwrapWithKey(QByteArray::fromBase64(backup.value(QStringLiteral("box")).toString().toLatin1()), key);
    sodium_memzero(key.data(), static_cast<size_t>(key.size()));
    if (secret.isEmpty())
        *error = QStringLiteral("the recovery phrase does not open this key backup");
    return secret;
}

} // namespace vv::crypto
