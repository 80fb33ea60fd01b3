#include "api/secrets.h"

#include <sodium.h>

namespace vv::agent {

bool initSecrets()
{
    return sodium_init() >= 0;
}

QString hashPassword(const QString &password)
{
    const QByteArray pw = password.toUtf8();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, pw.constData(), static_cast<unsigned long long>(pw.size()),
                              crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                              crypto_pwhash_ALG_ARGON2ID13) != 0)
        return {};
    return QString::fromLatin1(out);
}

bool verifyPassword(const QString &encoded, const QString &password)
{
    const QByteArray e = encoded.toLatin1();
    const QByteArray pw = password.toUtf8();
    return !e.isEmpty() &&
           crypto_pwhash_str_verify(e.constData(), pw.constData(), static_cast<unsigned long long>(pw.size())) == 0;
}

QString newToken()
{
    unsigned char raw[32];
    randombytes_buf(raw, sizeof raw);
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(raw), sizeof raw)
                                   .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString tokenHash(const QString &token)
{
    const QByteArray t = token.toUtf8();
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, reinterpret_cast<const unsigned char *>(t.constData()),
                       static_cast<unsigned long long>(t.size()));
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(h), sizeof h).toHex());
}

QString generatePassword()
{
    // 16 characters from an alphabet without look-alikes (no 0/O, 1/l/I): ~93 bits.
    static const char alphabet[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    QString out;
    for (int i = 0; i < 16; ++i)
        out += QLatin1Char(alphabet[randombytes_uniform(sizeof alphabet - 1)]);
    return out;
}

} // namespace vv::agent
