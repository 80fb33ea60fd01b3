#pragma once
// AgentClient talks to one vipvault-agent over its HTTPS API (recorder-agent/api/openapi.json). Every call is
// asynchronous: the handler runs on the client's thread once the answer is complete, and only while the
// context object is alive (qBittorrent's pattern), so a closed dialog never receives a late answer; destroying
// the context also aborts the transfer. The bearer token lives only in memory here; keeping it across runs is
// the app's job (OS keychain), never this class's.
#include "apimodel.h"
#include "apitypes.h"

#include <QObject>
#include <QPointer>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;
class QSslError;

namespace vv::net {

class AgentClient;

// One request in flight. Deletes itself after its handler ran: hold it in a QPointer to cancel it.
class ApiCall : public QObject
{
    Q_OBJECT
public:
    // Stops the transfer; the handler receives ApiError::Cancelled (if its context is still alive).
    void cancel();
    bool isFinished() const { return m_finished; }

private:
    friend class AgentClient;
    ApiCall(AgentClient *client, QObject *context, ResultHandler handler, ProgressHandler progress);
    void attach(QNetworkReply *reply, const ApiRequest &request);
    void finishNow(ApiResult result); // outside any reply (refused before sending)
    void onSslErrors(const QList<QSslError> &errors);
    void onReadyRead();
    void onFinished();
    bool verifyPeer(); // false: the transfer is being aborted for a certificate problem
    void deliver(const ApiResult &result);

    AgentClient *m_client;
    QPointer<QObject> m_context;
    ResultHandler m_handler;
    ProgressHandler m_progress;
    QPointer<QNetworkReply> m_reply;
    QPointer<QIODevice> m_sink;
    ApiRequest m_request; // method and path for logs; body dropped once sent
    QByteArray m_buffer;
    qint64 m_received = 0;
    ApiError m_abortReason = ApiError::None;
    QString m_abortMessage;
    QString m_presentedSha256;
    bool m_peerVerified = false;
    bool m_finished = false;
};

class AgentClient : public QObject
{
    Q_OBJECT
public:
    explicit AgentClient(QObject *parent = nullptr);
    ~AgentClient() override;

    // https://host:port (http:// only to the local host). Returns false with a reason and keeps the old URL.
    bool setBaseUrl(const QUrl &url, QString *error = nullptr);
    QUrl baseUrl() const { return m_baseUrl; }

    // Uppercase hex SHA-256 of the DER certificate the user confirmed; empty = nothing pinned yet.
    // Returns false (pin unchanged) when the text is not a SHA-256 fingerprint.
    bool setPinnedSha256(const QString &pin);
    QString pinnedSha256() const { return m_pin; }

    void setToken(const QByteArray &token);
    void clearToken();
    bool hasToken() const { return !m_token.isEmpty(); }
    QByteArray token() const { return m_token; } // for the app to put into the keychain

    // The generic request every typed call below goes through; tests use it to say exactly what is sent.
    ApiCall *send(const ApiRequest &request, QObject *context, ResultHandler handler, ProgressHandler progress = {});
    ApiCall *request(const QByteArray &method, const QString &path, const QUrlQuery &query, const QByteArray &body,
                     QObject *context, ResultHandler handler);

    // ---- session ----
    // On success the token is kept (setToken); on failure any old token is left alone.
    ApiCall *signIn(const QString &username, const QString &password, QObject *context, ResultHandler handler);
    // Revokes the token on the agent; the local copy is dropped whatever the answer.
    ApiCall *signOut(QObject *context, ResultHandler handler);
    ApiCall *me(QObject *context, ResultHandler handler);
    // The agent revokes every token of the user on success, so the local token is dropped too.
    ApiCall *changePassword(const QString &currentPassword, const QString &newPassword, QObject *context,
                            ResultHandler handler);

    // ---- status and vaults ----
    ApiCall *health(QObject *context, ResultHandler handler);
    ApiCall *status(QObject *context, ResultHandler handler);
    ApiCall *listVaults(QObject *context, ResultHandler handler);
    ApiCall *createVault(const QJsonObject &vault, QObject *context, ResultHandler handler);
    // A new vault with the agent's default settings; `extensions` ("200-299, 1000") when given.
    ApiCall *createVault(const QString &name, const QString &extensions, QObject *context, ResultHandler handler);
    ApiCall *vault(qint64 vaultId, QObject *context, ResultHandler handler);
    ApiCall *settings(qint64 vaultId, QObject *context, ResultHandler handler);
    ApiCall *putSettings(qint64 vaultId, const VaultSettingsChange &change, bool dryRun, QObject *context,
                         ResultHandler handler)
    {
        return putSettings(vaultId, change.toJson(), dryRun, context, std::move(handler));
    }
    ApiCall *putSettings(qint64 vaultId, const QJsonObject &settings, bool dryRun, QObject *context,
                         ResultHandler handler);
    ApiCall *extensions(qint64 vaultId, QObject *context, ResultHandler handler);
    ApiCall *usage(qint64 vaultId, const QString &month, QObject *context, ResultHandler handler); // month: YYYY-MM

    // ---- customer users ----
    ApiCall *listUsers(qint64 vaultId, QObject *context, ResultHandler handler);
    // An empty password asks the agent to generate one (returned once, in the result).
    // oneTime: the customer must change the password at the first sign-in (an invitation's password).
    ApiCall *createUser(qint64 vaultId, const QString &username, const QString &password, bool oneTime,
                        QObject *context, ResultHandler handler);
    ApiCall *patchUser(qint64 userId, const QJsonObject &patch, QObject *context, ResultHandler handler);
    ApiCall *patchUser(qint64 userId, const UserPatch &patch, QObject *context, ResultHandler handler)
    {
        return patchUser(userId, patch.toJson(), context, std::move(handler));
    }
    ApiCall *deleteUser(qint64 userId, QObject *context, ResultHandler handler);

    // ---- recordings ----
    ApiCall *listRecordings(qint64 vaultId, const RecordingFilter &filter, QObject *context, ResultHandler handler);
    ApiCall *recording(qint64 recordingId, QObject *context, ResultHandler handler);
    ApiCall *downloadAudio(qint64 recordingId, const AudioRequest &audio, QObject *context, ResultHandler handler,
                           ProgressHandler progress = {});
    ApiCall *deleteRecording(qint64 recordingId, QObject *context, ResultHandler handler);
    ApiCall *setProtected(qint64 recordingId, bool isProtected, QObject *context, ResultHandler handler);
    // Requests about one person by number (GDPR): an empty plan asks for the dry run's plan, a plan erases.
    ApiCall *erasure(qint64 vaultId, const QString &number, const QString &plan, QObject *context,
                     ResultHandler handler);
    // Everything the vault holds about the number, as a tar archive streamed into sink.
    ApiCall *subjectExport(qint64 vaultId, const QString &number, QIODevice *sink, QObject *context,
                           ResultHandler handler);
    // Tamper evidence: is the recording unchanged since recorded (the agent checks its signed hash chain)?
    ApiCall *verification(qint64 recordingId, QObject *context, ResultHandler handler);
    // A person's note on a recording; empty text removes it. Answers the recording.
    ApiCall *setNote(qint64 recordingId, const QString &text, QObject *context, ResultHandler handler);
    ApiCall *audit(const AuditFilter &filter, QObject *context, ResultHandler handler);

    // ---- encryption at rest ----
    ApiCall *encryption(qint64 vaultId, QObject *context, ResultHandler handler);
    ApiCall *setEncryptionMode(qint64 vaultId, const QString &mode, QObject *context, ResultHandler handler);
    // The customer's own key: the public half and the recovery-phrase backup of the secret (never the secret).
    ApiCall *setCustomerKey(qint64 vaultId, const QByteArray &publicKey, const QJsonObject &recovery, QObject *context,
                            ResultHandler handler);
    ApiCall *keyBackup(qint64 vaultId, QObject *context, ResultHandler handler);

    // ---- recording assurance ----
    ApiCall *healthEvents(bool openOnly, QObject *context, ResultHandler handler);
    ApiCall *acknowledgeEvent(qint64 eventId, QObject *context, ResultHandler handler);
    ApiCall *assurance(qint64 vaultId, int days, QObject *context, ResultHandler handler);
    ApiCall *usageSamples(qint64 vaultId, int days, QObject *context, ResultHandler handler);
    ApiCall *subscriptions(QObject *context, ResultHandler handler);
    ApiCall *subscribe(const QJsonObject &subscription, QObject *context, ResultHandler handler);
    ApiCall *unsubscribe(qint64 subscriptionId, QObject *context, ResultHandler handler);
    ApiCall *testSubscription(qint64 subscriptionId, QObject *context, ResultHandler handler);

Q_SIGNALS:
    // An authenticated request got 401: the token expired or was revoked; the app should ask to sign in again.
    void authenticationRequired();

private:
    friend class ApiCall;
    QUrl urlFor(const ApiRequest &request, QString *error) const;
    ApiCall *json(const QByteArray &method, const QString &path, const QJsonObject &body, QObject *context,
                  ResultHandler handler, const QUrlQuery &query = {});

    QNetworkAccessManager *m_nam;
    QUrl m_baseUrl;
    QString m_pin;
    QByteArray m_token;
};

} // namespace vv::net
