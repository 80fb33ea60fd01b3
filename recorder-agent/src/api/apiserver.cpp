#include "api/apiserver.h"

#include "common/logging.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <httplib.h>
#include <openssl/ssl.h>

namespace vv::agent {

namespace {

std::string routeRegex(const QString &path)
{
    QString re = QRegularExpression::escape(path);
    // escape() turned "{name}" into "\{name\}"; make each a single path segment.
    static const QRegularExpression param(QStringLiteral("\\\\\\{[A-Za-z]+\\\\\\}"));
    re.replace(param, QStringLiteral("([^/]+)"));
    return re.toStdString();
}

QString statusTitle(int status)
{
    switch (status) {
    case 400:
        return QStringLiteral("Bad request");
    case 401:
        return QStringLiteral("Not signed in");
    case 403:
        return QStringLiteral("Forbidden");
    case 404:
        return QStringLiteral("Not found");
    case 405:
        return QStringLiteral("Method not allowed");
    case 413:
        return QStringLiteral("Body too large");
    case 414:
        return QStringLiteral("URI too long");
    case 416:
        return QStringLiteral("Range not satisfiable");
    default:
        return QStringLiteral("Error");
    }
}

// The adapter: httplib's request and response to and from the routes' own types.
http::Request toRequest(const httplib::Request &req)
{
    http::Request r;
    r.method = req.method;
    r.path = req.path;
    r.remoteAddress = req.remote_addr;
    for (const auto &[k, v] : req.headers)
        r.headers.emplace_back(k, v);
    for (const auto &[k, v] : req.params)
        r.params.emplace_back(k, v);
    for (std::size_t i = 1; i < req.matches.size(); ++i)
        r.pathParams.push_back(req.matches[i].str());
    r.body = req.body;
    return r;
}

class DataSinkAdapter : public http::BodySink
{
public:
    explicit DataSinkAdapter(httplib::DataSink &sink)
        : m_sink(sink)
    {}
    bool write(const char *data, std::size_t length) override { return m_sink.write(data, length); }

private:
    httplib::DataSink &m_sink;
};

void apply(http::Response &from, httplib::Response &to)
{
    to.status = from.status;
    for (const auto &[k, v] : from.headers)
        to.set_header(k, v);
    if (from.stream) {
        to.set_content_provider(
            from.streamLength, from.contentType,
            [stream = std::move(from.stream)](std::size_t offset, std::size_t length, httplib::DataSink &sink) {
                DataSinkAdapter adapter(sink);
                return stream(offset, length, adapter);
            });
    } else if (!from.contentType.empty() || !from.body.empty()) {
        to.set_content(std::move(from.body), from.contentType);
    }
}

} // namespace

ApiServer::ApiServer(ApiContext &ctx)
    : m_ctx(ctx)
{}

ApiServer::~ApiServer()
{
    stop();
}

QString ApiServer::url() const
{
    const QString host = m_options.host.contains(u':') ? QStringLiteral("[%1]").arg(m_options.host) : m_options.host;
    return QStringLiteral("%1://%2:%3")
        .arg(m_options.plainHttp ? QStringLiteral("http") : QStringLiteral("https"), host)
        .arg(m_port);
}

bool ApiServer::start(const ApiOptions &options, const TlsIdentity &tls, QString *error)
{
    m_options = options;
    if (options.plainHttp) {
        m_server = std::make_unique<httplib::Server>();
    } else {
        const std::string cert = tls.certificatePath.toStdString();
        const std::string key = tls.keyPath.toStdString();
        auto server = std::make_unique<httplib::SSLServer>([cert, key](SSL_CTX &ctx) {
            // TLS 1.2 or newer only; the certificate chain and key from files.
            SSL_CTX_set_min_proto_version(&ctx, TLS1_2_VERSION);
            SSL_CTX_set_options(&ctx, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION);
            return SSL_CTX_use_certificate_chain_file(&ctx, cert.c_str()) == 1 &&
                   SSL_CTX_use_PrivateKey_file(&ctx, key.c_str(), SSL_FILETYPE_PEM) == 1 &&
                   SSL_CTX_check_private_key(&ctx) == 1;
        });
        if (!server->is_valid()) {
            *error = QStringLiteral("cannot set up TLS with %1 and %2").arg(tls.certificatePath, tls.keyPath);
            return false;
        }
        m_server = std::move(server);
    }
    httplib::Server &s = *m_server;
    const int threads = options.threads;
    s.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<std::size_t>(threads)); };
    s.set_payload_max_length(options.maxBodyBytes);
    s.set_read_timeout(10, 0);
    s.set_write_timeout(30, 0);
    s.set_keep_alive_max_count(100);
    s.set_keep_alive_timeout(10);
    s.set_default_headers({{"Cache-Control", "no-store"}, {"X-Content-Type-Options", "nosniff"}});
    s.set_exception_handler([this](const httplib::Request &req, httplib::Response &res, std::exception_ptr ep) {
        QString what = QStringLiteral("unknown exception");
        try {
            if (ep)
                std::rethrow_exception(ep);
        } catch (const std::exception &e) {
            what = QString::fromUtf8(e.what());
        } catch (...) {
        }
        // The log gets the cause; the client gets no internals.
        qCCritical(lcApi).noquote() << "API handler for" << QString::fromStdString(req.method)
                                    << QString::fromStdString(req.path) << "failed:" << what;
        const http::Request request = toRequest(req);
        http::Response response;
        ApiExchange r{request, response, m_ctx, std::nullopt, QString()};
        r.problem(500, QStringLiteral("Internal error"),
                  QStringLiteral("the agent could not complete this request; its log has the details"));
        apply(response, res);
    });
    s.set_error_handler(
        httplib::Server::HandlerWithResponse([this](const httplib::Request &req, httplib::Response &res) {
            if (!res.body.empty())
                return httplib::Server::HandlerResponse::Unhandled;
            const http::Request request = toRequest(req);
            http::Response response;
            ApiExchange r{request, response, m_ctx, std::nullopt, QString()};
            const int status = res.status;
            QString detail =
                status == 404   ? QStringLiteral("no such resource: %1").arg(QString::fromStdString(req.path).left(200))
                : status == 413 ? QStringLiteral("the request body is larger than %1 bytes").arg(m_options.maxBodyBytes)
                : status == 416 ? QStringLiteral("the Range header is malformed")
                                : QStringLiteral("the request could not be processed (HTTP %1)").arg(status);
            r.problem(status, statusTitle(status), detail);
            apply(response, res);
            m_ctx.metrics.observe(QString::fromStdString(req.method), QStringLiteral("(unmatched)"), status, 0);
            return httplib::Server::HandlerResponse::Handled;
        }));
    s.set_pre_routing_handler([this](const httplib::Request &req, httplib::Response &res) {
        // Runs before any body is read: refuse what we never accept, so a huge
        // or smuggling-shaped body is never buffered. Ranges are ours alone:
        // httplib would otherwise apply them to every answer, errors included.
        const_cast<httplib::Request &>(req).ranges.clear();
        const http::Request request = toRequest(req);
        http::Response response;
        ApiExchange r{request, response, m_ctx, std::nullopt, QString()};
        auto refuse = [&](int status, const QString &detail) {
            // No "Connection: close": closing with the body unread makes the
            // kernel reset the connection, and the client may lose this answer.
            // Kept open, httplib reads the leftover bytes as a (bad) next
            // request, so they are consumed and never acted on.
            r.problem(status, statusTitle(status), detail);
            apply(response, res);
            m_ctx.metrics.observe(QString::fromStdString(req.method), QStringLiteral("(refused)"), status, 0);
            return httplib::Server::HandlerResponse::Handled;
        };
        if (req.get_header_value_count("Content-Length") > 1)
            return refuse(400, QStringLiteral("more than one Content-Length header"));
        if (req.has_header("Transfer-Encoding"))
            return refuse(req.has_header("Content-Length") ? 400 : 411,
                          QStringLiteral("chunked request bodies are not accepted; send Content-Length"));
        if (req.has_header("Content-Length")) {
            const std::string v = req.get_header_value("Content-Length");
            bool ok = !v.empty() && v.size() <= 12 && v.find_first_not_of("0123456789") == std::string::npos;
            const unsigned long long n = ok ? std::stoull(v) : 0;
            if (!ok)
                return refuse(400, QStringLiteral("Content-Length is not a number"));
            // httplib never reads a GET body (it would be taken for the next
            // request), so it is refused here; for other methods httplib reads
            // and discards a body over the limit, then we answer 413.
            if (n > 0 && (req.method == "GET" || req.method == "HEAD"))
                return refuse(n > m_options.maxBodyBytes ? 413 : 400,
                              QStringLiteral("%1 requests take no body").arg(QString::fromStdString(req.method)));
        }
        return httplib::Server::HandlerResponse::Unhandled;
    });
    for (const Route &route : apiRoutes())
        install(route);

    const std::string host = options.host.toStdString();
    if (options.port == 0) {
        m_port = s.bind_to_any_port(host);
        if (m_port <= 0) {
            *error = QStringLiteral("cannot listen on %1 (any port)").arg(options.host);
            return false;
        }
    } else {
        if (!s.bind_to_port(host, options.port)) {
            *error =
                QStringLiteral("cannot listen on %1:%2 (in use, or not allowed)").arg(options.host).arg(options.port);
            return false;
        }
        m_port = options.port;
    }
    m_thread = std::thread([this] { m_server->listen_after_bind(); });
    qCInfo(lcApi).noquote() << "API listening on" << url();
    return true;
}

void ApiServer::stop()
{
    if (m_server)
        m_server->stop();
    if (m_thread.joinable())
        m_thread.join();
}

void ApiServer::install(const Route &route)
{
    auto handler = [this, route](const httplib::Request &req, httplib::Response &res) {
        QElapsedTimer timer;
        timer.start();
        const http::Request request = toRequest(req);
        http::Response response;
        ApiExchange r{request, response, m_ctx, std::nullopt, QString()};
        if (route.access != Access::Public) {
            const std::string auth = request.header("Authorization");
            if (auth.size() > 7 && QByteArray::fromStdString(auth.substr(0, 7)).toLower() == "bearer ") {
                r.token = QString::fromStdString(auth.substr(7)).trimmed();
                r.user = m_ctx.users->resolveToken(r.token);
            }
            if (!r.user) {
                response.setHeader("WWW-Authenticate", "Bearer");
                r.problem(401, QStringLiteral("Not signed in"),
                          QStringLiteral("sign in with POST /api/v1/session and send the token as "
                                         "\"Authorization: Bearer <token>\"; it may have expired or been revoked"));
            }
        }
        if (route.access == Access::Public || r.user)
            route.handler(r);
        apply(response, res);
        m_ctx.metrics.observe(route.method, route.path, res.status, timer.nsecsElapsed() / 1e9);
    };
    const std::string re = routeRegex(route.path);
    if (route.method == u"GET")
        m_server->Get(re, handler);
    else if (route.method == u"POST")
        m_server->Post(re, handler);
    else if (route.method == u"PUT")
        m_server->Put(re, handler);
    else if (route.method == u"PATCH")
        m_server->Patch(re, handler);
    else if (route.method == u"DELETE")
        m_server->Delete(re, handler);
}

} // namespace vv::agent
