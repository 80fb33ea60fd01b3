#include "credentialstore.h"

#include <QMap>
#include <QTimer>

namespace vv::app {

QString CredentialStore::keyFor(const QString &serverUrl, const QString &username)
{
    return username + QLatin1Char('@') + serverUrl;
}

void MemoryCredentialStore::later(const QString &key, QObject *context, Handler handler, CredentialResult result)
{
    // Asynchronous like a real keychain, so callers cannot come to rely on an immediate answer.
    QPointer<QObject> guard(context);
    QTimer::singleShot(0, this, [this, key, guard, handler = std::move(handler), result] {
        if (guard)
            handler(result);
        Q_EMIT answered(key);
    });
}

void MemoryCredentialStore::read(const QString &key, QObject *context, Handler handler)
{
    CredentialResult r;
    if (!m_available)
        r = {CredentialResult::Status::NoKeychain, {}, tr("no keychain")};
    else if (!m_entries.contains(key))
        r = {CredentialResult::Status::NotFound, {}, tr("not stored")};
    else
        r = {CredentialResult::Status::Ok, m_entries.value(key), {}};
    later(key, context, std::move(handler), r);
}

void MemoryCredentialStore::write(const QString &key, const QString &secret, QObject *context, Handler handler)
{
    CredentialResult r{CredentialResult::Status::NoKeychain, {}, tr("no keychain")};
    if (m_available) {
        m_entries.insert(key, secret);
        r = {CredentialResult::Status::Ok, {}, {}};
    }
    later(key, context, std::move(handler), r);
}

void MemoryCredentialStore::remove(const QString &key, QObject *context, Handler handler)
{
    CredentialResult r{CredentialResult::Status::NoKeychain, {}, tr("no keychain")};
    if (m_available)
        r = {m_entries.remove(key) ? CredentialResult::Status::Ok : CredentialResult::Status::NotFound, {}, {}};
    later(key, context, std::move(handler), r);
}

} // namespace vv::app
