#include "agentclient.h"

#include "certificatepin.h"
#include "netlogging.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QIODevice>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslConfiguration>
#include <QSslError>
#include <QTimer>

namespace vv::net {

namespace {

bool isJsonType(const QByteArray &type)
{
    return type == "application/json" || type.endsWith("+json");
}

QString networkErrorText(QNetworkReply *reply)
{
    switch (reply->error()) {
    case QNetworkReply::ConnectionRefusedError:
        return QCoreApplication::translate("vv::net::AgentClient",
                                           "the agent refused the connection (is it running, and is the port right?)");
    case QNetworkReply::HostNotFoundError:
        return QCoreApplication::translate("vv::net::AgentClient", "the server name was not found (check the address)");
    case QNetworkReply::TimeoutError:
    case QNetworkReply::OperationCanceledError: // Qt reports a transfer timeout as a cancellation
        return QCoreApplication::translate("vv::net::AgentClient", "the agent did not answer in time (%1)")
            .arg(reply->errorString());
    case QNetworkReply::RemoteHostClosedError:
        // The usual cause: http:// to the agent's HTTPS port, which drops a request that is not TLS.
        if (reply->url().scheme() == u"http")
            return QCoreApplication::translate(
                "vv::net::AgentClient",
                "the server closed the connection: the agent speaks HTTPS, so use https:// in the "
                "address");
        return QCoreApplication::translate("vv::net::AgentClient", "the agent closed the connection before answering");
    default:
        return reply->errorString();
    }
}

} // namespace

// ---------------------------------------------------------------------------------------------------------------

ApiCall::ApiCall(AgentClient *client, QObject *context, ResultHandler handler, ProgressHandler progress)
    : QObject(client)
    , m_client(client)
    , m_context(context)
    , m_handler(std::move(handler))
    , m_progress(std::move(progress))
{
    // The answer belongs to the context: once it is gone nobody wants the bytes, so stop transferring them.
    if (context != client)
        connect(context, &QObject::destroyed, this, [this] {
            m_handler = {};
            m_progress = {};
            if (m_reply && !m_finished)
                m_reply->abort();
        });
}

void ApiCall::attach(QNetworkReply *reply, const ApiRequest &request)
{
    m_reply = reply;
    reply->setParent(this);
    m_request = request;
    m_request.body.clear(); // may hold a password; not needed after sending
    m_sink = request.sink;
    connect(reply, &QNetworkReply::sslErrors, this, &ApiCall::onSslErrors);
    connect(reply, &QNetworkReply::encrypted, this, [this] { verifyPeer(); });
    connect(reply, &QNetworkReply::metaDataChanged, this, [this] { verifyPeer(); });
    connect(reply, &QNetworkReply::readyRead, this, &ApiCall::onReadyRead);
    connect(reply, &QNetworkReply::downloadProgress, this, [this](qint64 received, qint64 total) {
        if (m_progress && m_abortReason == ApiError::None)
            m_progress(received, total);
    });
    connect(reply, &QNetworkReply::finished, this, &ApiCall::onFinished);
}

void ApiCall::cancel()
{
    if (m_finished)
        return;
    m_abortReason = ApiError::Cancelled;
    m_abortMessage = QStringLiteral("cancelled");
    if (m_reply)
        m_reply->abort(); // emits finished synchronously -> onFinished
}

void ApiCall::finishNow(ApiResult result)
{
    // Queued, so a handler never runs before the call that started the request has returned.
    QTimer::singleShot(0, this, [this, result] { deliver(result); });
}

void ApiCall::onSslErrors(const QList<QSslError> &errors)
{
    QSslCertificate peer = m_reply->sslConfiguration().peerCertificate();
    if (peer.isNull() && !errors.isEmpty())
        peer = errors.first().certificate();
    m_presentedSha256 = certificateSha256(peer);
    switch (checkPin(m_client->m_pin, m_presentedSha256)) {
    case PinVerdict::Trusted:
        // The user confirmed exactly this certificate: its chain, name and dates carry no further meaning for a
        // self-signed agent. Ignore these errors only, not "all errors", so nothing unexpected slips through.
        m_reply->ignoreSslErrors(errors);
        m_peerVerified = true;
        return;
    case PinVerdict::NotPinnedYet:
        m_abortReason = ApiError::UntrustedCertificate;
        m_abortMessage = untrustedCertificateMessage(m_presentedSha256);
        break;
    case PinVerdict::Changed:
        m_abortReason = ApiError::CertificateChanged;
        m_abortMessage = changedCertificateMessage(m_client->m_pin, m_presentedSha256);
        break;
    }
    // Not ignoring the errors makes Qt abort the handshake before any request byte is sent.
    qCWarning(lcNet).noquote() << m_request.method << m_request.path << "refused:" << m_abortMessage;
}

bool ApiCall::verifyPeer()
{
    if (m_peerVerified)
        return true;
    if (m_abortReason != ApiError::None || !m_reply)
        return false;
    if (m_reply->url().scheme() != u"https") {
        m_peerVerified = true;
        return true;
    }
    // A certificate that validates against the system CAs raises no sslErrors; a pin must still hold for it,
    // otherwise a pinned agent could be impersonated by anyone with a publicly trusted certificate.
    const QSslCertificate peer = m_reply->sslConfiguration().peerCertificate();
    if (peer.isNull())
        return false; // not known yet (before the handshake); checked again on the next signal
    m_presentedSha256 = certificateSha256(peer);
    if (m_client->m_pin.isEmpty() || checkPin(m_client->m_pin, m_presentedSha256) == PinVerdict::Trusted) {
        m_peerVerified = true;
        return true;
    }
    m_abortReason = ApiError::CertificateChanged;
    m_abortMessage = changedCertificateMessage(m_client->m_pin, m_presentedSha256);
    qCWarning(lcNet).noquote() << m_request.method << m_request.path << "refused:" << m_abortMessage;
    m_reply->abort();
    return false;
}

void ApiCall::onReadyRead()
{
    if (!m_reply || m_abortReason != ApiError::None || !verifyPeer())
        return;
    const QByteArray chunk = m_reply->readAll();
    m_received += chunk.size();
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    // Only a successful answer goes into the sink: a problem document must never end up in the user's file.
    if (m_sink && status >= 200 && status < 300) {
        if (m_sink->write(chunk) != chunk.size()) {
            m_abortReason = ApiError::SinkWriteFailed;
            m_abortMessage = QCoreApplication::translate("vv::net::AgentClient", "could not write the download: %1")
                                 .arg(m_sink->errorString());
            m_reply->abort();
        }
        return;
    }
    if (m_buffer.size() + chunk.size() > m_request.maxResponseBytes) {
        m_abortReason = ApiError::Protocol;
        m_abortMessage =
            QCoreApplication::translate("vv::net::AgentClient", "the agent's answer is larger than %1 bytes; refused")
                .arg(m_request.maxResponseBytes);
        m_reply->abort();
        return;
    }
    m_buffer += chunk;
}

void ApiCall::onFinished()
{
    if (m_finished || !m_reply)
        return;
    if (m_abortReason == ApiError::None) {
        verifyPeer();
        onReadyRead(); // whatever arrived with the last signal
    }
    ApiResult r;
    r.certificateSha256 = m_presentedSha256;
    r.bytesReceived = m_received;
    if (m_abortReason != ApiError::None) {
        // Certificate failures never carry data: nothing was sent or read over an untrusted connection.
        r.error = m_abortReason;
        r.errorString = m_abortMessage;
        if (m_abortReason != ApiError::UntrustedCertificate && m_abortReason != ApiError::CertificateChanged)
            r.httpStatus = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        deliver(r);
        return;
    }
    r.httpStatus = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    for (const auto &[name, value] : m_reply->rawHeaderPairs())
        r.headers.insert(name.toLower(), value);
    r.contentType = mediaType(r.headers.value("content-type"));
    r.data = m_buffer;
    if (r.httpStatus == 0) {
        r.error = ApiError::Network;
        r.errorString = networkErrorText(m_reply);
        deliver(r);
        return;
    }
    if (isJsonType(r.contentType) && !r.data.isEmpty()) {
        QJsonParseError parseError;
        r.json = QJsonDocument::fromJson(r.data, &parseError);
        if (parseError.error != QJsonParseError::NoError && r.httpStatus < 400) {
            r.error = ApiError::Protocol;
            r.errorString =
                QCoreApplication::translate("vv::net::AgentClient", "the agent sent invalid JSON (%1 at byte %2)")
                    .arg(parseError.errorString())
                    .arg(parseError.offset);
        }
    }
    if (r.httpStatus >= 400) {
        const QJsonObject problem = r.json.object();
        r.error = ApiError::Http;
        r.problemField = problem.value(QStringLiteral("field")).toString();
        r.errorString = problem.value(QStringLiteral("detail")).toString();
        if (r.errorString.isEmpty())
            r.errorString = problem.value(QStringLiteral("title")).toString();
        if (r.errorString.isEmpty())
            r.errorString = QCoreApplication::translate("vv::net::AgentClient", "the agent answered HTTP %1 %2")
                                .arg(r.httpStatus)
                                .arg(m_reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString());
        if (r.httpStatus == 401 && m_request.authenticate && m_client->hasToken())
            Q_EMIT m_client->authenticationRequired();
    } else if (r.httpStatus >= 300) {
        // Redirects are never followed: the token must not travel to wherever a Location header points.
        r.error = ApiError::Protocol;
        r.errorString =
            QCoreApplication::translate("vv::net::AgentClient",
                                        "the agent answered with a redirect (HTTP %1 to %2), which is not followed")
                .arg(r.httpStatus)
                .arg(QString::fromUtf8(r.headers.value("location")));
    } else if (r.error == ApiError::None && m_reply->error() != QNetworkReply::NoError) {
        r.error = ApiError::Network; // e.g. the connection dropped in the middle of the body
        r.errorString = networkErrorText(m_reply);
    }
    deliver(r);
}

void ApiCall::deliver(const ApiResult &result)
{
    if (m_finished)
        return;
    m_finished = true;
    qCDebug(lcNet).noquote() << m_request.method << m_request.path << "->" << result.httpStatus
                             << (result.ok() ? QString() : result.errorString);
    if (m_context && m_handler) {
        const ResultHandler handler = std::move(m_handler);
        m_handler = {};
        handler(result);
    }
    deleteLater();
}

// ---------------------------------------------------------------------------------------------------------------

AgentClient::AgentClient(QObject *parent)
    : QObject(parent)
    , m_nam(new QNetworkAccessManager(this))
{
    // No cookies, no cache: the agent does not use them, and nothing of a session should end up on disk.
    m_nam->setCookieJar(nullptr);
    m_nam->setCache(nullptr);
}

AgentClient::~AgentClient()
{
    clearToken();
}

bool AgentClient::setBaseUrl(const QUrl &url, QString *error)
{
    if (!isAcceptableBaseUrl(url, error))
        return false;
    if (url != m_baseUrl)
        m_nam->clearConnectionCache(); // never reuse a connection (and its TLS decisions) for another server
    m_baseUrl = url;
    return true;
}

bool AgentClient::setPinnedSha256(const QString &pin)
{
    const QString normalized = pin.isEmpty() ? QString() : normalizePin(pin);
    if (!pin.isEmpty() && normalized.isEmpty())
        return false;
    if (normalized != m_pin) {
        // Connections opened under the old pin carry its decision; make the next request handshake again.
        m_nam->clearConnectionCache();
        m_pin = normalized;
    }
    return true;
}

void AgentClient::setToken(const QByteArray &token)
{
    clearToken();
    m_token = token;
}

void AgentClient::clearToken()
{
    m_token.fill('\0'); // best effort: shared copies in sent requests are Qt's to drop
    m_token.clear();
}

QUrl AgentClient::urlFor(const ApiRequest &request, QString *error) const
{
    if (m_baseUrl.isEmpty()) {
        *error = QCoreApplication::translate("vv::net::AgentClient", "no server address set");
        return {};
    }
    if (!request.path.startsWith(QLatin1Char('/'))) {
        *error = QStringLiteral("request path \"%1\" must start with /").arg(request.path);
        return {};
    }
    QUrl url = m_baseUrl;
    QString prefix = m_baseUrl.path(QUrl::FullyEncoded);
    while (prefix.endsWith(QLatin1Char('/')))
        prefix.chop(1);
    // Tolerant mode keeps escapes such as %2F as written, so a path is sent exactly as the caller encoded it.
    url.setPath(prefix + request.path, QUrl::TolerantMode);
    if (!request.query.isEmpty())
        url.setQuery(encodeQueryStrictly(request.query), QUrl::TolerantMode);
    if (!url.isValid()) {
        *error = QCoreApplication::translate("vv::net::AgentClient", "invalid request URL: %1").arg(url.errorString());
        return {};
    }
    return url;
}

ApiCall *AgentClient::send(const ApiRequest &request, QObject *context, ResultHandler handler, ProgressHandler progress)
{
    auto *call = new ApiCall(this, context ? context : this, std::move(handler), std::move(progress));
    QString error;
    const QUrl url = urlFor(request, &error);
    if (url.isEmpty()) {
        call->m_request = request;
        ApiResult r;
        r.error = ApiError::InvalidUrl;
        r.errorString = error;
        call->finishNow(r);
        return call;
    }
    QNetworkRequest nr(url);
    nr.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    nr.setAttribute(QNetworkRequest::Http2AllowedAttribute, false); // the agent speaks HTTP/1.1
    nr.setAttribute(QNetworkRequest::CacheLoadControlAttribute, QNetworkRequest::AlwaysNetwork);
    nr.setAttribute(QNetworkRequest::CacheSaveControlAttribute, false);
    if (request.timeoutMs > 0)
        nr.setTransferTimeout(request.timeoutMs);
    nr.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("vipvault-net/1"));
    nr.setRawHeader("Accept", "application/json, application/problem+json");
    const bool sendsBody =
        !request.body.isEmpty() || request.method == "POST" || request.method == "PUT" || request.method == "PATCH";
    if (sendsBody && !request.contentType.isEmpty())
        nr.setRawHeader("Content-Type", request.contentType);
    if (request.authenticate && !m_token.isEmpty())
        nr.setRawHeader("Authorization", "Bearer " + m_token);
    for (const auto &[name, value] : request.headers)
        nr.setRawHeader(name, value);
    QNetworkReply *reply = m_nam->sendCustomRequest(nr, request.method, request.body);
    call->attach(reply, request);
    return call;
}

ApiCall *AgentClient::request(const QByteArray &method, const QString &path, const QUrlQuery &query,
                              const QByteArray &body, QObject *context, ResultHandler handler)
{
    ApiRequest r;
    r.method = method;
    r.path = path;
    r.query = query;
    r.body = body;
    return send(r, context, std::move(handler));
}

ApiCall *AgentClient::json(const QByteArray &method, const QString &path, const QJsonObject &body, QObject *context,
                           ResultHandler handler, const QUrlQuery &query)
{
    return request(method, path, query, QJsonDocument(body).toJson(QJsonDocument::Compact), context,
                   std::move(handler));
}

} // namespace vv::net
