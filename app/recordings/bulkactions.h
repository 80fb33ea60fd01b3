#pragma once
// What a person does to many recordings at once: one API call per recording (protect, unprotect, delete), or one
// download per recording into a folder. One at a time, so a failure on one neither stops the others nor is lost:
// each is reported by recording. Cancel stops before the next one.
#include "audioexport.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <functional>

namespace vv::net {
class AgentClient;
class ApiCall;
struct ApiResult;
} // namespace vv::net

namespace vv::recordings {

class BulkCalls : public QObject
{
    Q_OBJECT
public:
    using Call =
        std::function<net::ApiCall *(qint64 id, QObject *context, std::function<void(const net::ApiResult &)> handler)>;
    BulkCalls(QList<qint64> ids, Call call, QObject *parent = nullptr);
    void start();
    void cancel() { m_cancelled = true; }

Q_SIGNALS:
    void progress(int done, int total);
    void finished(int succeeded, const QStringList &failures); // failures: "#12: why"

private:
    void next();

    QList<qint64> m_ids;
    Call m_call;
    int m_done = 0;
    int m_succeeded = 0;
    bool m_cancelled = false;
    QStringList m_failures;
};

class BulkExport : public QObject
{
    Q_OBJECT
public:
    struct Item
    {
        qint64 id = 0;
        QString name; // without the folder; made unique in the folder when saved
    };
    BulkExport(net::AgentClient *client, QList<Item> items, QString folder, AudioExport::Format format,
               QObject *parent = nullptr);
    // The customer's vault key pair (see AudioExport::setVaultKey), before start.
    void setVaultKey(const QByteArray &publicKey, const QByteArray &secretKey)
    {
        m_vaultPublic = publicKey;
        m_vaultSecret = secretKey;
    }
    void start();
    void cancel();

    // `name` in `folder`, or "name (2).ext", "name (3).ext"... when taken.
    static QString freePath(const QString &folder, const QString &name);

Q_SIGNALS:
    void progress(int done, int total);
    void finished(int saved, const QStringList &failures, bool cancelled);

private:
    void next();

    QPointer<net::AgentClient> m_client;
    QList<Item> m_items;
    QString m_folder;
    AudioExport::Format m_format;
    QByteArray m_vaultPublic;
    QByteArray m_vaultSecret;
    QPointer<AudioExport> m_current;
    int m_done = 0;
    int m_saved = 0;
    bool m_cancelled = false;
    QStringList m_failures;
};

} // namespace vv::recordings
