#pragma once
// Where the app keeps a server's password when the user ticks "remember me": the OS keychain, behind this small
// interface so tests can use a fake and the app can tell "nothing stored" from "no keychain at all". There is
// deliberately no plain-text fallback: without a keychain the app asks for the password each time.
#include <QMap>
#include <QObject>
#include <QPointer>
#include <QString>
#include <functional>

namespace vv::app {

struct CredentialResult
{
    enum class Status { Ok, NotFound, NoKeychain, Failed };
    Status status = Status::Failed;
    QString secret;
    QString error; // what the keychain said, for the user

    bool ok() const { return status == Status::Ok; }
};

class CredentialStore : public QObject
{
    Q_OBJECT
public:
    using Handler = std::function<void(const CredentialResult &)>;
    using QObject::QObject;

    // The handler runs later (keychains answer asynchronously), and only while context lives.
    virtual void read(const QString &key, QObject *context, Handler handler) = 0;
    virtual void write(const QString &key, const QString &secret, QObject *context, Handler handler) = 0;
    virtual void remove(const QString &key, QObject *context, Handler handler) = 0;

    // One entry per server and user: "admin@https://pbx.example.com:8443".
    static QString keyFor(const QString &serverUrl, const QString &username);
    static constexpr const char *kService = "VIP Vault";

Q_SIGNALS:
    // A request for `key` has been answered, after its handler ran or was skipped because its context was gone:
    // what waits for "nothing happened" waits for this instead of for a while.
    void answered(const QString &key);
};

// In memory, for tests and for a session that must not touch the keychain; can pretend there is no keychain.
class MemoryCredentialStore : public CredentialStore
{
    Q_OBJECT
public:
    using CredentialStore::CredentialStore;
    void setAvailable(bool available) { m_available = available; }
    void read(const QString &key, QObject *context, Handler handler) override;
    void write(const QString &key, const QString &secret, QObject *context, Handler handler) override;
    void remove(const QString &key, QObject *context, Handler handler) override;
    QMap<QString, QString> entries() const { return m_entries; }

private:
    void later(const QString &key, QObject *context, Handler handler, CredentialResult result);
    bool m_available = true;
    QMap<QString, QString> m_entries;
};

} // namespace vv::app
