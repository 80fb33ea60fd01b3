#include "api/tlsidentity.h"

#include <QDir>
#include <QFile>
#include <QHostInfo>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <sys/stat.h>

namespace vv::agent {

namespace {

QString openSslError()
{
    return QStringLiteral("OpenSSL error");
}

bool generate(const QString &certPath, const QString &keyPath, QString *error)
{
    EVP_PKEY *key = EVP_EC_gen("P-256");
    if (!key) {
        *error = QStringLiteral("cannot generate a key: ") + openSslError();
        return false;
    }
    X509 *cert = X509_new();
    X509_set_version(cert, 2);
    unsigned char serial[16];
    FILE *urandom = std::fopen("/dev/urandom", "rb");
    if (!urandom || std::fread(serial, 1, sizeof serial, urandom) != sizeof serial) {
        *error = QStringLiteral("cannot read /dev/urandom");
        if (urandom)
            std::fclose(urandom);
        X509_free(cert);
        EVP_PKEY_free(key);
        return false;
    }
    std::fclose(urandom);
    serial[0] &= 0x7f;
    BIGNUM *bn = BN_bin2bn(serial, sizeof serial, nullptr);
    BN_to_ASN1_INTEGER(bn, X509_get_serialNumber(cert));
    BN_free(bn);
    X509_gmtime_adj(X509_getm_notBefore(cert), -3600);
    X509_gmtime_adj(X509_getm_notAfter(cert), 10L * 365 * 24 * 3600);
    X509_set_pubkey(cert, key);
    const QByteArray host = QHostInfo::localHostName().toUtf8();
    X509_NAME *name = X509_get_subject_name(cert);
    X509_NAME_add_entry_by_txt(name, "O", MBSTRING_UTF8, reinterpret_cast<const unsigned char *>("VIP Vault agent"), -1,
                               -1, 0);
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_UTF8, reinterpret_cast<const unsigned char *>(host.constData()), -1,
                               -1, 0);
    X509_set_issuer_name(cert, name);
    const QByteArray san = "DNS:localhost,IP:127.0.0.1,IP:::1,DNS:" + host;
    X509V3_CTX ctx;
    X509V3_set_ctx_nodb(&ctx);
    X509V3_set_ctx(&ctx, cert, cert, nullptr, nullptr, 0);
    if (X509_EXTENSION *ext = X509V3_EXT_conf_nid(nullptr, &ctx, NID_subject_alt_name, san.constData())) {
        X509_add_ext(cert, ext, -1);
        X509_EXTENSION_free(ext);
    }
    bool ok = X509_sign(cert, key, EVP_sha256()) > 0;
    // The key file is created 0600 before anything is written to it.
    const QByteArray keyFile = QFile::encodeName(keyPath);
    const mode_t old = ::umask(077);
    FILE *kf = ok ? std::fopen(keyFile.constData(), "wx") : nullptr;
    ::umask(old);
    ok = ok && kf && PEM_write_PrivateKey(kf, key, nullptr, nullptr, 0, nullptr, nullptr) == 1;
    if (kf)
        std::fclose(kf);
    FILE *cf = ok ? std::fopen(QFile::encodeName(certPath).constData(), "wx") : nullptr;
    ok = ok && cf && PEM_write_X509(cf, cert) == 1;
    if (cf)
        std::fclose(cf);
    X509_free(cert);
    EVP_PKEY_free(key);
    if (!ok)
        *error = QStringLiteral("cannot write the TLS certificate/key to %1").arg(certPath);
    return ok;
}

bool fingerprint(const QString &certPath, QString *out, QString *error)
{
    FILE *f = std::fopen(QFile::encodeName(certPath).constData(), "r");
    if (!f) {
        *error = QStringLiteral("cannot read certificate %1").arg(certPath);
        return false;
    }
    X509 *cert = PEM_read_X509(f, nullptr, nullptr, nullptr);
    std::fclose(f);
    if (!cert) {
        *error = QStringLiteral("%1 is not a PEM certificate").arg(certPath);
        return false;
    }
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    X509_digest(cert, EVP_sha256(), md, &len);
    X509_free(cert);
    *out = QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(md), static_cast<int>(len)).toHex().toUpper());
    return true;
}

} // namespace

QString formatFingerprint(const QString &hex)
{
    QStringList pairs;
    for (int i = 0; i + 1 < hex.size(); i += 2)
        pairs << hex.mid(i, 2);
    return pairs.join(QLatin1Char(':'));
}

bool loadOrCreateTlsIdentity(const QString &dataDir, const QString &certPath, const QString &keyPath, TlsIdentity *out,
                             QString *error)
{
    TlsIdentity id;
    if (!certPath.isEmpty() || !keyPath.isEmpty()) {
        if (certPath.isEmpty() || keyPath.isEmpty()) {
            *error = QStringLiteral("set both certificate and key in [api], or neither");
            return false;
        }
        id.certificatePath = certPath;
        id.keyPath = keyPath;
    } else {
        const QString dir = dataDir + QStringLiteral("/tls");
        QDir().mkpath(dir);
        QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        id.certificatePath = dir + QStringLiteral("/cert.pem");
        id.keyPath = dir + QStringLiteral("/key.pem");
        if (!QFile::exists(id.certificatePath) || !QFile::exists(id.keyPath)) {
            QFile::remove(id.certificatePath);
            QFile::remove(id.keyPath);
            if (!generate(id.certificatePath, id.keyPath, error))
                return false;
            id.generated = true;
        }
    }
    if (!fingerprint(id.certificatePath, &id.sha256, error))
        return false;
    *out = id;
    return true;
}

} // namespace vv::agent
