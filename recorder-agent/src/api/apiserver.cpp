#include "api/apiserver.h"

#include "common/logging.h"
#include "vault/catalogue.h"

#include <QElapsedTimer>
#include <QRegularExpression>

namespace vv::agent {

namespace {

QRegularExpression routePattern(const QString &path)
{
    QString re = QRegularExpression::escape(path);
    // escape() turned "{name}" into "\{name\}"; make each a single path segment.
    static const QRegularExpression param(QStringLiteral("\\\\\\{[A-Za-z]+\\\\\\}"));
    re.replace(param, QStringLiteral("([^/]+)"));
    return QRegularExpression(QRegularExpression::anchoredPattern(re));
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
    case 411:
        return QStringLiteral("Length required");
    case 416:
        return QStringLiteral("Range not satisfiable");
    case 417:
        return QStringLiteral("Expectation failed");
    case 431:
        return QStringLiteral("Request head too large");
    case 500:
        return QStringLiteral("Internal error");
    case 501:
        return QStringLiteral("Not implemented");
    case 503:
        return QStringLiteral("Service unavailable");
    default:
        return QStringLiteral("Error");
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
    m_routes.clear();
    for (const Route &route : apiRoutes())
        m_routes.push_back({route, routePattern(route.path)});
    http::ServerLimits limits;
    limits.workers = static_cast<unsigned>(std::max(1, options.threads));
    limits.maxConnections = options.maxConnections;
    limits.maxConnectionsPerAddress = options.maxConnectionsPerAddress;
    limits.maxBodyBytes = options.maxBodyBytes;
    m_server = std::make_unique<http::Server>(static_cast<http::Handler &>(*this), limits);
    http::Listen listen;
    listen.host = options.host.toStdString();
    listen.port = options.port;
    if (!options.plainHttp) {
        listen.certificateFile = tls.certificatePath.toStdString();
        listen.keyFile = tls.keyPath.toStdString();
    }
    std::string why;
    if (!m_server->start(listen, &why)) {
        *error = QString::fromStdString(why);
        m_server.reset();
        return false;
    }
    m_port = m_server->port();
    qCInfo(lcApi).noquote() << "API listening on" << url();
    return true;
}

void ApiServer::stop()
{
    if (m_server)
        m_server->stop();
}

const http::ServerStats *ApiServer::stats() const
{
    return m_server ? &m_server->stats() : nullptr;
}

void ApiServer::log(http::LogLevel level, const std::string &message)
{
    const QString text = QString::fromStdString(message);
    switch (level) {
    case http::LogLevel::Debug:
        qCDebug(lcApi).noquote() << text;
        break;
    case http::LogLevel::Info:
        qCInfo(lcApi).noquote() << text;
        break;
    case http::LogLevel::Warning:
        qCWarning(lcApi).noquote() << text;
        break;
    case http::LogLevel::Critical:
        qCCritical(lcApi).noquote() << text;
        break;
    }
}

http::Admission ApiServer::admit(http::Request &request)
{
    http::Admission a;
    const QString path = QString::fromStdString(request.path);
    QStringList allowed;
    for (std::size_t i = 0; i < m_routes.size(); ++i) {
        const CompiledRoute &c = m_routes[i];
        const QRegularExpressionMatch m = c.pattern.match(path);
        if (!m.hasMatch())
            continue;
        if (c.route.method.toStdString() != request.method) {
            allowed << c.route.method;
            continue;
        }
        request.pathParams.clear();
        for (int g = 1; g <= m.lastCapturedIndex(); ++g)
            request.pathParams.push_back(m.captured(g).toStdString());
        a.route = static_cast<int>(i);
        const bool takesBody = request.method == "POST" || request.method == "PUT" || request.method == "PATCH";
        a.maxBody = takesBody ? m_options.maxBodyBytes : 0;
        return a;
    }
    if (!allowed.isEmpty()) {
        a.refusal = 405;
        a.detail = QStringLiteral("%1 takes %2").arg(path.left(200), allowed.join(QStringLiteral(", "))).toStdString();
        a.headers.emplace_back("Allow", allowed.join(QStringLiteral(", ")).toStdString());
    } else {
        a.refusal = 404;
        a.detail = QStringLiteral("no such resource: %1").arg(path.left(200)).toStdString();
    }
    return a;
}

void ApiServer::refuse(const http::Request &request, int status, const std::string &detail, http::Response &response)
{
    ApiExchange r{request, response, m_ctx, std::nullopt, QString()};
    r.problem(status, statusTitle(status), QString::fromStdString(detail));
    const bool unmatched = status == 404 || status == 405;
    m_ctx.metrics.observe(request.method.empty() ? QStringLiteral("?") : QString::fromStdString(request.method),
                          unmatched ? QStringLiteral("(unmatched)") : QStringLiteral("(refused)"), status, 0);
}

void ApiServer::handle(int routeIndex, const http::Request &request, http::Response &response)
{
    const Route &route = m_routes.at(static_cast<std::size_t>(routeIndex)).route;
    QElapsedTimer timer;
    timer.start();
    ApiExchange r{request, response, m_ctx, std::nullopt, QString()};
    try {
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
        // A one-time password (an invitation) opens nothing but changing it, seeing who one is, and signing out.
        if (r.user && r.user->mustChangePassword && route.access != Access::Public && route.access != Access::Account) {
            r.problem(403, QStringLiteral("Password change required"),
                      QStringLiteral("this login has a one-time password: change it with PUT /api/v1/me/password "
                                     "first"));
            r.user.reset();
        }
        if (route.access == Access::Public || r.user)
            route.handler(r);
    } catch (const CatalogueError &e) {
        // Never "empty" or "0": an unreadable catalogue is an outage, said as one.
        qCCritical(lcVault).noquote() << QString::fromStdString(request.method) << route.path << ":" << e.what();
        m_ctx.metrics.countFailure(QStringLiteral("catalogue"));
        response = http::Response();
        response.setHeader("Retry-After", "5");
        r.problem(503, QStringLiteral("Catalogue unavailable"),
                  QStringLiteral("the agent could not read its catalogue (it may be locked or damaged); "
                                 "its log has the details"));
    }
    m_ctx.metrics.observe(route.method, route.path, response.status, timer.nsecsElapsed() / 1e9);
}

} // namespace vv::agent
