#pragma once
// The agent's HTTPS server: cpp-httplib behind this adapter. It owns limits
// (body and header size, timeouts, worker threads), authentication, problem
// details for every error, metrics per route, and the route table that the
// OpenAPI document is checked against.
#include "api/apicontext.h"
#include "api/apiexchange.h"
#include "api/tlsidentity.h"

#include <QString>
#include <QStringList>
#include <functional>
#include <memory>
#include <thread>
#include <vector>

namespace httplib {
class Server;
}

namespace vv::agent {

enum class Access { Public, Signed, Reseller };

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
    int threads = 8;
    std::size_t maxBodyBytes = std::size_t{1024} * 1024;
};

class ApiServer
{
public:
    explicit ApiServer(ApiContext &ctx);
    ~ApiServer();
    bool start(const ApiOptions &options, const TlsIdentity &tls, QString *error);
    void stop();
    int port() const { return m_port; }
    QString url() const;

private:
    void install(const Route &route);

    ApiContext &m_ctx;
    std::unique_ptr<httplib::Server> m_server;
    std::thread m_thread;
    int m_port = 0;
    ApiOptions m_options;
};

} // namespace vv::agent
