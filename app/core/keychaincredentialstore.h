#pragma once
// CredentialStore on the OS keychain through QtKeychain (Secret Service on Linux, Keychain on macOS, Credential
// Manager on Windows). Service "VIP Vault", one entry per server URL and user.
#include "credentialstore.h"

namespace vv::app {

class KeychainCredentialStore : public CredentialStore
{
    Q_OBJECT
public:
    using CredentialStore::CredentialStore;
    void read(const QString &key, QObject *context, Handler handler) override;
    void write(const QString &key, const QString &secret, QObject *context, Handler handler) override;
    void remove(const QString &key, QObject *context, Handler handler) override;
};

} // namespace vv::app
