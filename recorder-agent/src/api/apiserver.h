#pragma once
// The agent's HTTPS API: the route table (also checked against the OpenAPI
// document), authentication, problem details for every error and metrics per
// route, served by api/httpserver (connections, deadlines, framing, TLS).
#include "api/apicontext.h"
#include "api/apiexchange.h"
#include "api/httpserver.h"
#include "api/tlsidentity.h"

#include <QRegularExpression>
#include <QString>
#include <QStringList>
#include <functional>
#include <memory>
#include <vector>

namespace vv::agent {

// Account: signed in, and open even to a login that must first change its one-time password.
enum class Access { Public, Signed, Reseller, Account };

struct Route
{
    QString method; // GET, POST, PUT, PATCH, DELETE
    QString path;   // "/api/v1/recordings/{recordingId}/audio"
    Access access;
    std::function<void(ApiExchange &)> handler;
};

// The full route table (also used by `vipvault-agent routes`).
std::vector<Route> apiRoutes();

struct ApiOptions
{
    QString host = QStringLiteral("127.0.0.1");
    int port = 8443;
    bool plainHttp = false;
    int threads = 8; // request handlers; connections need no thread of their own
    std::size_t maxBodyBytes = std::size_t{1024} * 1024;
    std::size_t maxConnections = 4096;
    std::size_t maxConnectionsPerAddress = 256;
};

class ApiServer : private http::Handler
{
public:
    explicit ApiServer(ApiContext &ctx);
    ~ApiServer();
    bool start(const ApiOptions &options, const TlsIdentity &tls, QString *error);
    void stop();
    int port() const { return m_port; }
    QString url() const;

    const http::ServerStats *stats() const;

private:
    struct CompiledRoute
    {
        Route route;
        QRegularExpression pattern;
    };

    void log(http::LogLevel level, const std::string &message) override;
    http::Admission admit(http::Request &request) override;
    void handle(int route, const http::Request &request, http::Response &response) override;
    void refuse(const http::Request &request, int status, const std::string &detail, http::Response &response) override;

    ApiContext &m_ctx;
    std::vector<CompiledRoute> m_routes;
    std::unique_ptr<http::Server> m_server;
    int m_port = 0;
    ApiOptions m_options;
};

} // namespace vv::agent
