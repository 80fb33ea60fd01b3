#pragma once
// The agent's TLS identity: a configured certificate and key, or a
// self-signed ECDSA P-256 pair generated on first start (kept under the data
// folder, key readable by the agent's user only). Its SHA-256 fingerprint is
// what the desktop app pins, as SSH pins host keys.
#include <QString>

namespace vv::agent {

struct TlsIdentity
{
    QString certificatePath;
    QString keyPath;
    QString sha256; // upper-case hex of the DER certificate, no separators
    bool generated = false;
};

// Uses certPath/keyPath when both are given, else <dataDir>/tls/{cert,key}.pem,
// generating them if missing.
bool loadOrCreateTlsIdentity(const QString &dataDir, const QString &certPath, const QString &keyPath, TlsIdentity *out,
                             QString *error);
QString formatFingerprint(const QString &hex); // "AB:CD:..."

} // namespace vv::agent
