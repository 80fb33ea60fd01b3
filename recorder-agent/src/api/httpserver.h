#pragma once
// The agent's HTTP/1.1 server on Boost.Asio (docs/api-server.md says why):
// event-driven I/O on two threads, so an idle or trickling connection costs
// a few kilobytes and no thread; request handlers on a bounded worker pool.
// It enforces the deadlines (TLS handshake, request head, body, keep-alive
// idle, per-write progress), the connection caps (total and per address) and
// the framing rules (api/httpframing.h). What the requests mean is the
// Handler's business (api/apiserver.cpp). No Qt in here.
#include "api/http.h"
#include "api/httpframing.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

namespace vv::agent::http {

struct ServerLimits
{
    std::chrono::milliseconds handshake{10'000}; // from accept to the end of the TLS handshake
    std::chrono::milliseconds head{10'000};      // from a request's first byte to the end of its head
    std::chrono::milliseconds idle{30'000};      // keep-alive: waiting for the next request
    std::chrono::milliseconds body{30'000};      // plus 1 s per 64 KiB of declared body
    std::chrono::milliseconds write{30'000};     // for each block of the answer to be taken by the client
    std::chrono::milliseconds linger{2'000};     // draining an unread body before closing
    std::chrono::milliseconds grace{5'000};      // stop(): answers in progress may finish
    HeadLimits headLimits;
    std::size_t maxBodyBytes = 1024 * 1024; // the largest body any route takes (a bigger one is 413 everywhere)
    std::size_t maxConnections = 4096;
    std::size_t maxConnectionsPerAddress = 256;
    unsigned maxRequestsPerConnection = 10'000;
    unsigned ioThreads = 2;
    unsigned workers = 8;
    std::size_t maxQueuedRequests = 512; // waiting for a worker; past it: 503
};

struct Admission
{
    int refusal = 0;         // 0: read the body and handle(); else the status to answer with
    std::string detail;      // for the refusal
    Fields headers;          // added to the refusal (Allow for a 405)
    std::size_t maxBody = 0; // bytes of body this request may carry
    int route = -1;          // the handler's own route number, given back to handle()
};

enum class LogLevel { Debug, Info, Warning, Critical };

class Handler
{
public:
    virtual ~Handler() = default;
    virtual void log(LogLevel level, const std::string &message) = 0; // any thread
    // On an I/O thread, from the head alone, quickly (no database): which
    // route, and how much body it may send. May fill request.pathParams.
    virtual Admission admit(Request &request) = 0;
    // On a worker thread: the whole request, body included.
    virtual void handle(int route, const Request &request, Response &response) = 0;
    // Any thread, quickly: the answer for a refused request (framing, limits,
    // busy), also when the request head could not be read at all.
    virtual void refuse(const Request &request, int status, const std::string &detail, Response &response) = 0;
};

struct ServerStats
{
    std::atomic<std::uint64_t> open{0};           // connections now
    std::atomic<std::uint64_t> accepted{0};       // ever
    std::atomic<std::uint64_t> capRefused{0};     // over the total or per-address cap
    std::atomic<std::uint64_t> timedOut{0};       // closed by a deadline
    std::atomic<std::uint64_t> framingRefused{0}; // heads refused (400, 411, 414, 431, …)
    std::atomic<std::uint64_t> busyRefused{0};    // 503: no worker free in time
    std::atomic<std::uint64_t> handlerFailures{0};
};

struct Listen
{
    std::string host = "127.0.0.1";
    int port = 0;                // 0: any free port
    std::string certificateFile; // empty: plain HTTP (loopback only)
    std::string keyFile;
};

class Server
{
public:
    Server(Handler &handler, ServerLimits limits);
    ~Server();
    Server(const Server &) = delete;
    Server &operator=(const Server &) = delete;

    bool start(const Listen &listen, std::string *error);
    void stop(); // stops accepting, lets answers in progress finish (grace), closes the rest
    int port() const;
    const ServerStats &stats() const;

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace vv::agent::http
