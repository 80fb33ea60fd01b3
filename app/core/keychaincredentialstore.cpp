#include "keychaincredentialstore.h"

#include "applogging.h"

#include <qt6keychain/keychain.h>

namespace vv::app {

namespace {

CredentialResult resultOf(QKeychain::Job *job)
{
    using S = CredentialResult::Status;
    switch (job->error()) {
    case QKeychain::NoError:
        return {S::Ok, {}, {}};
    case QKeychain::EntryNotFound:
        return {S::NotFound, {}, job->errorString()};
    // QtKeychain on Linux reports a missing Secret Service (no D-Bus session, no keyring daemon) as OtherError,
    // the same code as any other failure, so OtherError has to mean "no keychain" here.
    case QKeychain::OtherError:
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        // The backend's own words ("...dbus-launch...") mean nothing to a user: they go to the log, the user gets
        // what it means for them.
        qCInfo(lcAppKeychain).noquote() << "no keychain:" << job->errorString();
        return {S::NoKeychain,
                {},
                QObject::tr("no password keychain is running for this desktop session (on Linux: GNOME Keyring or "
                            "KWallet)")};
    default: // AccessDenied, CouldNotDeleteEntry, ...
        return {S::Failed, {}, job->errorString()};
    }
}

template<typename JobT>
void run(CredentialStore *store, JobT *job, const QString &key, QObject *context, CredentialStore::Handler handler,
         const char *what)
{
    job->setAutoDelete(true);
    job->setInsecureFallback(false); // never a plain-text file
    job->setKey(key);
    QPointer<QObject> guard(context);
    QObject::connect(job, &QKeychain::Job::finished, job,
                     [store, guard, handler = std::move(handler), key, what](QKeychain::Job *j) {
                         CredentialResult r = resultOf(j);
                         if constexpr (std::is_same_v<JobT, QKeychain::ReadPasswordJob>)
                             if (r.ok())
                                 r.secret = static_cast<QKeychain::ReadPasswordJob *>(j)->textData();
                         if (!r.ok())
                             qCInfo(lcAppKeychain).noquote()
                                 << what << key << "failed:" << j->error() << j->errorString();
                         if (guard)
                             handler(r);
                         Q_EMIT store->answered(key);
                     });
    job->start();
}

} // namespace

void KeychainCredentialStore::read(const QString &key, QObject *context, Handler handler)
{
    run(this, new QKeychain::ReadPasswordJob(QString::fromLatin1(kService), this), key, context, std::move(handler),
        "read");
}

void KeychainCredentialStore::write(const QString &key, const QString &secret, QObject *context, Handler handler)
{
    auto *job = new QKeychain::WritePasswordJob(QString::fromLatin1(kService), this);
    job->setTextData(secret);
    run(this, job, key, context, std::move(handler), "write");
}

void KeychainCredentialStore::remove(const QString &key, QObject *context, Handler handler)
{
    run(this, new QKeychain::DeletePasswordJob(QString::fromLatin1(kService), this), key, context, std::move(handler),
        "delete");
}

} // namespace vv::app
