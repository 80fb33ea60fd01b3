#include "api/httpserver.h"

#include "api/workerpool.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <chrono>
#include <cstdio>
#include <mutex>
#include <openssl/ssl.h>
#include <optional>
#include <sys/resource.h>
#include <thread>
#include <unordered_map>
#include <vector>

namespace vv::agent::http {

namespace net = boost::asio;
namespace ssl = net::ssl;
namespace beast = boost::beast;
using tcp = net::ip::tcp;
using namespace std::chrono_literals;

namespace {

const char *reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 202:
        return "Accepted";
    case 204:
        return "No Content";
    case 206:
        return "Partial Content";
    case 304:
        return "Not Modified";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 409:
        return "Conflict";
    case 411:
        return "Length Required";
    case 413:
        return "Content Too Large";
    case 414:
        return "URI Too Long";
    case 415:
        return "Unsupported Media Type";
    case 416:
        return "Range Not Satisfiable";
    case 417:
        return "Expectation Failed";
    case 422:
        return "Unprocessable Content";
    case 428:
        return "Precondition Required";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 503:
        return "Service Unavailable";
    case 507:
        return "Insufficient Storage";
    default:
        return "Status";
    }
}

// A peer that went away, or a deadline that passed: not worth more than a debug line.
bool isDisconnect(const beast::error_code &ec)
{
    return ec == net::error::eof || ec == net::error::connection_reset || ec == net::error::operation_aborted ||
           ec == net::error::broken_pipe || ec == ssl::error::stream_truncated || ec == beast::error::timeout;
}

// Connections now, in total and per client address, and the sessions to stop.
class Tracker
{
public:
    explicit Tracker(const ServerLimits &limits)
        : m_limits(limits)
    {}
    bool tryAdd(const net::ip::address &a)
    {
        std::lock_guard lock(m_mutex);
        if (m_total >= m_limits.maxConnections)
            return false;
        std::size_t &n = m_perAddress[a.to_string()];
        if (n >= m_limits.maxConnectionsPerAddress)
            return false;
        ++n;
        ++m_total;
        return true;
    }
    void remove(const net::ip::address &a)
    {
        std::lock_guard lock(m_mutex);
        const auto it = m_perAddress.find(a.to_string());
        if (it != m_perAddress.end() && --it->second == 0)
            m_perAddress.erase(it);
        --m_total;
    }
    std::size_t count()
    {
        std::lock_guard lock(m_mutex);
        return m_total;
    }

private:
    const ServerLimits &m_limits;
    std::mutex m_mutex;
    std::size_t m_total = 0;
    std::unordered_map<std::string, std::size_t> m_perAddress;
};

class Session;

struct Shared
{
    Handler &handler;
    ServerLimits limits;
    ServerStats stats;
    Tracker tracker{limits};
    WorkerPool pool;
    ssl::context *tls = nullptr;
    std::mutex liveMutex;
    std::unordered_map<Session *, std::weak_ptr<Session>> live;
    std::atomic<bool> stopping{false};

    Shared(Handler &h, const ServerLimits &l)
        : handler(h)
        , limits(l)
        , pool(l.workers, l.maxQueuedRequests)
    {}
};

// Writes the body of a streamed answer into a string, at most `room` bytes.
class StringSink : public BodySink
{
public:
    StringSink(std::string &out, std::size_t room)
        : m_out(out)
        , m_room(room)
    {}
    bool write(const char *data, std::size_t length) override
    {
        if (length > m_room)
            return false; // more than asked for: the declared length would be wrong
        m_out.append(data, length);
        m_room -= length;
        return true;
    }

private:
    std::string &m_out;
    std::size_t m_room;
};

// One client connection. Everything except work() runs on the connection's
// strand; work() runs on a worker while the strand has no I/O pending, so the
// two never touch the members at the same time.
class Session : public std::enable_shared_from_this<Session>
{
public:
    Session(tcp::socket &&socket, Shared &shared, net::ip::address address)
        : m_sh(shared)
        , m_tcp(std::move(socket))
        , m_address(std::move(address))
    {
        m_sh.stats.open++;
        m_sh.stats.accepted++;
    }
    ~Session()
    {
        {
            std::lock_guard lock(m_sh.liveMutex);
            m_sh.live.erase(this);
        }
        m_sh.tracker.remove(m_address);
        m_sh.stats.open--;
    }

    void start()
    {
        {
            std::lock_guard lock(m_sh.liveMutex);
            m_sh.live[this] = weak_from_this();
        }
        net::dispatch(m_tcp.get_executor(), [self = shared_from_this()] { self->begin(); });
    }

    // Any thread: idle connections close now, busy ones after their answer.
    void stop()
    {
        net::post(executor(), [self = shared_from_this()] {
            self->m_stopping = true;
            if (!self->m_busy)
                self->lowest().close();
        });
    }

private:
    beast::tcp_stream &lowest() { return m_tls ? m_tls->next_layer() : m_tcp; }
    net::any_io_executor executor() { return lowest().get_executor(); }

    template<class F> void withStream(F &&f)
    {
        if (m_tls)
            f(*m_tls);
        else
            f(m_tcp);
    }

    // Appends what arrives (at most `size` bytes) to m_in, then calls next(ec).
    template<class Next> void readSome(std::size_t size, Next next)
    {
        const std::size_t old = m_in.size();
        m_in.resize(old + size);
        withStream([&](auto &stream) {
            stream.async_read_some(net::buffer(m_in.data() + old, size),
                                   [self = shared_from_this(), old, next](beast::error_code ec, std::size_t n) {
                                       self->m_in.resize(old + n);
                                       next(ec);
                                   });
        });
    }

    void ended(const beast::error_code &ec, const char *during)
    {
        if (ec == beast::error::timeout)
            m_sh.stats.timedOut++;
        if (!isDisconnect(ec))
            m_sh.handler.log(LogLevel::Debug, peer() + ": connection ended while " + during + ": " + ec.message());
        lowest().close();
    }

    std::string peer() const { return m_address.to_string(); }

    void begin()
    {
        beast::error_code ignored;
        lowest().socket().set_option(tcp::no_delay(true), ignored); // answers go out at once, not after 40 ms
        // The handshake deadline also covers the wait for the first byte: a
        // connection that never speaks is closed after it. TLS state (some
        // 80 kB) is made only once the client has said something.
        lowest().expires_after(m_sh.limits.handshake);
        readSome(4096, [this](beast::error_code ec) {
            if (ec)
                return ended(ec, "waiting for the first bytes");
            if (!m_sh.tls)
                return startHead();
            m_tls.emplace(std::move(m_tcp), *m_sh.tls);
            m_tls->async_handshake(
                ssl::stream_base::server, net::buffer(m_in),
                [self = shared_from_this()](beast::error_code ec, std::size_t used) {
                    if (ec)
                        return self->ended(ec, "in the TLS handshake");
                    self->m_in.erase(0, used);
                    if (!self->m_in.empty()) // data before the handshake ended: not TLS as we know it
                        return self->lowest().close();
                    self->waitRequest();
                });
        });
    }

    void waitRequest()
    {
        m_busy = false;
        if (m_stopping || m_requests >= m_sh.limits.maxRequestsPerConnection)
            return closeGracefully();
        if (!m_in.empty())
            return startHead();
        // Idle: keep nothing but the connection itself.
        m_in = std::string();
        m_out = std::string();
        lowest().expires_after(m_sh.limits.idle);
        readSome(2048, [this](beast::error_code ec) {
            if (ec)
                return ended(ec, "idle");
            startHead();
        });
    }

    void startHead()
    {
        // RFC 9112 §2.2: empty lines before a request line are ignored.
        while (m_in.size() >= 2 && m_in[0] == '\r' && m_in[1] == '\n')
            m_in.erase(0, 2);
        m_scanned = 0;
        m_head = Head();
        m_admission = Admission();
        lowest().expires_after(m_sh.limits.head); // the whole head, however slowly it trickles
        continueHead();
    }

    void continueHead()
    {
        const std::size_t from = m_scanned > 3 ? m_scanned - 3 : 0;
        const std::size_t found = headLength(std::string_view(m_in).substr(from));
        const std::size_t maxHead = m_sh.limits.headLimits.maxHeadBytes;
        if (found == 0) {
            m_scanned = m_in.size();
            if (m_in.size() >= maxHead)
                return refuse(431, "the request head is larger than " + std::to_string(maxHead / 1024) + " KiB", true);
            return readSome(std::min<std::size_t>(16 * 1024, maxHead + 4 - m_in.size()), [this](beast::error_code ec) {
                if (ec)
                    return ended(ec, "reading a request head");
                continueHead();
            });
        }
        const std::size_t length = from + found;
        m_head = parseHead(std::string_view(m_in).substr(0, length), m_sh.limits.headLimits);
        m_in.erase(0, length);
        m_head.request.remoteAddress = peer();
        if (m_head.refusal) {
            m_sh.stats.framingRefused++;
            return refuse(m_head.refusal, m_head.detail, true);
        }
        m_admission = m_sh.handler.admit(m_head.request);
        const bool unreadBody = m_head.contentLength > 0;
        if (m_admission.refusal)
            return refuse(m_admission.refusal, m_admission.detail, unreadBody || !m_head.keepAlive);
        if (m_head.contentLength > m_admission.maxBody) {
            if (m_admission.maxBody == 0 && m_head.contentLength <= m_sh.limits.maxBodyBytes)
                return refuse(400, m_head.request.method + " requests take no body", true);
            return refuse(413,
                          "the request body is larger than " +
                              std::to_string(std::max<std::size_t>(m_admission.maxBody, 1)) + " bytes" +
                              (m_admission.maxBody == 0 ? " (" + m_head.request.method + " requests take none)" : ""),
                          true);
        }
        if (!unreadBody)
            return dispatch();
        auto readBody = [this] {
            const auto allowance = m_sh.limits.body + std::chrono::seconds(m_head.contentLength / (64 * 1024));
            lowest().expires_after(allowance);
            continueBody();
        };
        if (m_head.expectContinue && m_in.size() < m_head.contentLength) {
            static const std::string kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
            lowest().expires_after(m_sh.limits.write);
            return withStream([&](auto &stream) {
                net::async_write(stream, net::buffer(kContinue),
                                 [self = shared_from_this(), readBody](beast::error_code ec, std::size_t) {
                                     if (ec)
                                         return self->ended(ec, "sending 100 Continue");
                                     readBody();
                                 });
            });
        }
        readBody();
    }

    void continueBody()
    {
        if (m_in.size() >= m_head.contentLength) {
            m_head.request.body = m_in.substr(0, m_head.contentLength);
            m_in.erase(0, m_head.contentLength);
            return dispatch();
        }
        readSome(std::min<std::size_t>(64 * 1024, m_head.contentLength - m_in.size()), [this](beast::error_code ec) {
            if (ec)
                return ended(ec, "reading a request body");
            continueBody();
        });
    }

    void dispatch()
    {
        m_busy = true;
        ++m_requests;
        m_closeAfter = !m_head.keepAlive;
        if (!m_sh.pool.tryPost([self = shared_from_this()] { self->work(); })) {
            m_sh.stats.busyRefused++;
            refuse(503, "the agent is busy; try again in a moment", false);
        }
    }

    // On a worker.
    void work()
    {
        Response res;
        try {
            m_sh.handler.handle(m_admission.route, m_head.request, res);
        } catch (const std::exception &e) {
            m_sh.stats.handlerFailures++;
            m_sh.handler.log(LogLevel::Critical, "handler for " + m_head.request.method + " " + m_head.request.path +
                                                     " failed: " + e.what());
            res = Response();
            m_sh.handler.refuse(m_head.request, 500,
                                "the agent could not complete this request; its log has the details", res);
        }
        compose(std::move(res));
        net::post(executor(), [self = shared_from_this()] { self->writeOut(); });
    }

    // A refusal decided on the strand: answered without a worker.
    void refuse(int status, const std::string &detail, bool close)
    {
        m_busy = true;
        m_closeAfter = close || !m_head.keepAlive;
        // Closing with the client's bytes unread would make the kernel reset
        // the connection, and the client might lose this answer: drain first.
        m_drain = close;
        Response res;
        m_sh.handler.refuse(m_head.request, status, detail, res);
        for (const auto &[name, value] : m_admission.headers)
            res.setHeader(name, value);
        if (status == 503)
            res.setHeader("Retry-After", "1");
        compose(std::move(res));
        writeOut();
    }

    // The answer's head and its body (or the first block of a stream) in one
    // buffer, so both leave in one write.
    void compose(Response &&res)
    {
        m_out.clear();
        std::string body;
        std::size_t length = res.body.size();
        if (res.stream) {
            m_stream = std::move(res.stream);
            m_streamLength = res.streamLength;
            m_streamSent = 0;
            // TLS: head plus first block in one 16 KiB record; plain: one 64 KiB send.
            const std::size_t first = m_tls ? 15 * 1024 : 64 * 1024;
            if (m_streamLength > 0 && !produce(body, first)) {
                m_stream = nullptr;
                res = Response();
                m_sh.handler.refuse(m_head.request, 503, "the recording's audio could not be read; try again", res);
                length = res.body.size();
                body = std::move(res.body);
            } else {
                length = m_streamLength;
            }
        } else {
            m_stream = nullptr;
            body = std::move(res.body);
        }
        if (m_stopping)
            m_closeAfter = true;
        m_out.reserve(256 + body.size());
        m_out += "HTTP/1.1 " + std::to_string(res.status) + " " + reasonPhrase(res.status) + "\r\n";
        for (const auto &[name, value] : res.headers)
            m_out += name + ": " + value + "\r\n";
        if (!res.contentType.empty())
            m_out += "Content-Type: " + res.contentType + "\r\n";
        if (res.status != 204 && res.status != 304)
            m_out += "Content-Length: " + std::to_string(length) + "\r\n";
        m_out += "Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n";
        if (m_closeAfter)
            m_out += "Connection: close\r\n";
        m_out += "\r\n";
        m_out += body;
    }

    // The next block of a streamed body, appended to `out`; false when the
    // producer failed or gave nothing.
    bool produce(std::string &out, std::size_t block)
    {
        const std::size_t want = std::min(block, m_streamLength - m_streamSent);
        const std::size_t before = out.size();
        // Sources hand out at most what they read at once (64 KiB); ask until the block is full.
        while (out.size() - before < want) {
            const std::size_t had = out.size();
            StringSink sink(out, want - (had - before));
            bool ok = false;
            try {
                ok = m_stream(m_streamSent + (had - before), want - (had - before), sink);
            } catch (const std::exception &e) {
                m_sh.handler.log(LogLevel::Warning, std::string("streaming an answer failed: ") + e.what());
            }
            if (!ok || out.size() == had)
                break;
        }
        const std::size_t n = out.size() - before;
        m_streamSent += n;
        return n == want;
    }

    void writeOut()
    {
        lowest().expires_after(m_sh.limits.write); // per block: a minimum rate, not a total time
        withStream([&](auto &stream) {
            net::async_write(stream, net::buffer(m_out),
                             [self = shared_from_this()](beast::error_code ec, std::size_t) {
                                 if (ec)
                                     return self->ended(ec, "sending an answer");
                                 self->written();
                             });
        });
    }

    void written()
    {
        if (m_stream && m_streamSent < m_streamLength) {
            // One block in flight: the next is read only once the client took this one.
            m_sh.pool.post([self = shared_from_this()] {
                self->m_out.clear();
                const bool ok = self->produce(self->m_out, 256 * 1024);
                net::post(self->executor(), [self, ok] {
                    if (!ok) { // too late for an error status: the client sees a short body
                        self->m_sh.handler.log(LogLevel::Warning, "a streamed answer to " + self->peer() +
                                                                      " stopped early: its source failed");
                        return self->lowest().close();
                    }
                    self->writeOut();
                });
            });
            return;
        }
        m_stream = nullptr;
        if (m_drain)
            return lingerDrain();
        if (m_closeAfter)
            return closeGracefully();
        waitRequest();
    }

    // Stop sending, swallow what the client still sends for a moment, close.
    // What is swallowed is never parsed: a refused body cannot become a request.
    void lingerDrain()
    {
        beast::error_code ignored;
        if (!m_tls)
            lowest().socket().shutdown(tcp::socket::shutdown_send, ignored);
        lowest().expires_after(m_sh.limits.linger);
        drainSome(0);
    }

    void drainSome(std::size_t total)
    {
        if (total > std::size_t{4} * 1024 * 1024)
            return lowest().close();
        m_in.clear();
        readSome(16 * 1024, [this, total](beast::error_code ec) {
            const std::size_t n = m_in.size();
            m_in.clear();
            if (ec)
                return lowest().close();
            drainSome(total + n);
        });
    }

    void closeGracefully()
    {
        if (m_tls) {
            lowest().expires_after(m_sh.limits.linger);
            m_tls->async_shutdown([self = shared_from_this()](beast::error_code) { self->lowest().close(); });
            return;
        }
        beast::error_code ignored;
        lowest().socket().shutdown(tcp::socket::shutdown_send, ignored);
        lowest().close();
    }

    Shared &m_sh;
    beast::tcp_stream m_tcp; // plain HTTP, or the transport until TLS starts
    std::optional<ssl::stream<beast::tcp_stream>> m_tls;
    net::ip::address m_address;
    std::string m_in;  // received and not yet used: part of a head, a body, pipelined requests
    std::string m_out; // the answer being written
    std::size_t m_scanned = 0;
    Head m_head;
    Admission m_admission;
    Response::Stream m_stream;
    std::size_t m_streamLength = 0;
    std::size_t m_streamSent = 0;
    unsigned m_requests = 0;
    bool m_busy = false;
    bool m_closeAfter = false;
    bool m_drain = false;
    std::atomic<bool> m_stopping{false};
};

std::unique_ptr<ssl::context> makeTlsContext(const Listen &listen, std::string *error)
{
    auto ctx = std::make_unique<ssl::context>(ssl::context::tls_server);
    SSL_CTX *c = ctx->native_handle();
    SSL_CTX_set_min_proto_version(c, TLS1_2_VERSION);
    SSL_CTX_set_options(c, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION | SSL_OP_CIPHER_SERVER_PREFERENCE |
                               SSL_OP_SINGLE_ECDH_USE);
    // TLS 1.2 with forward secrecy and AEAD only (no CBC, no static RSA);
    // TLS 1.3 suites are all AEAD.
    if (SSL_CTX_set_cipher_list(c, "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
                                   "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
                                   "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305") != 1 ||
        SSL_CTX_set_ciphersuites(c, "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256") !=
            1 ||
        SSL_CTX_set1_groups_list(c, "X25519:P-256:P-384") != 1) {
        *error = "cannot configure the TLS cipher suites";
        return nullptr;
    }
    if (SSL_CTX_use_certificate_chain_file(c, listen.certificateFile.c_str()) != 1 ||
        SSL_CTX_use_PrivateKey_file(c, listen.keyFile.c_str(), SSL_FILETYPE_PEM) != 1 ||
        SSL_CTX_check_private_key(c) != 1) {
        *error = "cannot set up TLS with " + listen.certificateFile + " and " + listen.keyFile;
        return nullptr;
    }
    return ctx;
}

// Thousands of connections need thousands of descriptors; Debian's soft limit is 1024.
void raiseDescriptorLimit(Handler &handler, std::size_t wanted)
{
    rlimit rl{};
    if (getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur >= wanted + 256)
        return;
    rl.rlim_cur = std::min<rlim_t>(rl.rlim_max, wanted + 256);
    if (setrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur < wanted + 256)
        handler.log(LogLevel::Warning, "open-file limit is " + std::to_string(rl.rlim_cur) + ": fewer than " +
                                           std::to_string(wanted) + " API connections can be held");
}

} // namespace

struct Server::Impl
{
    Shared shared;
    std::unique_ptr<ssl::context> tls;
    net::io_context ioc; // after `shared`: destroyed first, with the handlers that hold sessions
    tcp::acceptor acceptor{net::make_strand(ioc)};
    net::steady_timer retry{acceptor.get_executor()};
    std::optional<net::executor_work_guard<net::io_context::executor_type>> guard;
    std::vector<std::thread> threads;
    std::chrono::steady_clock::time_point lastCapWarning{};
    std::uint64_t capRefusedSinceWarning = 0;
    int port = 0;
    bool running = false;

    Impl(Handler &h, const ServerLimits &l)
        : shared(h, l)
    {}

    void accept()
    {
        acceptor.async_accept(net::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
            if (ec == net::error::operation_aborted || !acceptor.is_open())
                return;
            if (ec) { // out of descriptors or buffers: back off rather than spin
                shared.handler.log(LogLevel::Warning, "accepting an API connection failed: " + ec.message());
                retry.expires_after(100ms);
                retry.async_wait([this](beast::error_code e) {
                    if (!e)
                        accept();
                });
                return;
            }
            admitConnection(std::move(socket));
            accept();
        });
    }

    void admitConnection(tcp::socket socket)
    {
        beast::error_code ec;
        const net::ip::address address = socket.remote_endpoint(ec).address();
        if (ec)
            return;
        if (shared.tracker.tryAdd(address)) {
            std::make_shared<Session>(std::move(socket), shared, address)->start();
            return;
        }
        shared.stats.capRefused++;
        ++capRefusedSinceWarning;
        const auto now = std::chrono::steady_clock::now();
        if (now - lastCapWarning > 60s) {
            shared.handler.log(LogLevel::Warning,
                               "API connections over the limit (" + std::to_string(shared.limits.maxConnections) +
                                   " in all, " + std::to_string(shared.limits.maxConnectionsPerAddress) +
                                   " per address); refused " + std::to_string(capRefusedSinceWarning) +
                                   ", latest from " + address.to_string());
            lastCapWarning = now;
            capRefusedSinceWarning = 0;
        }
        if (!tls) { // plain (loopback): a short 503, never blocking the acceptor
            static const std::string k503 = "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n"
                                            "Retry-After: 5\r\nConnection: close\r\n\r\n";
            socket.non_blocking(true, ec);
            socket.write_some(net::buffer(k503), ec);
            socket.shutdown(tcp::socket::shutdown_send, ec);
        } else { // TLS: an answer would cost a handshake; reset at once
            socket.set_option(net::socket_base::linger(true, 0), ec);
        }
        socket.close(ec);
    }
};

Server::Server(Handler &handler, ServerLimits limits)
    : m_impl(std::make_unique<Impl>(handler, limits))
{}

Server::~Server()
{
    stop();
}

int Server::port() const
{
    return m_impl->port;
}

const ServerStats &Server::stats() const
{
    return m_impl->shared.stats;
}

bool Server::start(const Listen &listen, std::string *error)
{
    Impl &d = *m_impl;
    if (!listen.certificateFile.empty()) {
        d.tls = makeTlsContext(listen, error);
        if (!d.tls)
            return false;
        d.shared.tls = d.tls.get();
    }
    beast::error_code ec;
    const net::ip::address address = net::ip::make_address(listen.host, ec);
    if (ec) {
        *error = "not an IP address: " + listen.host;
        return false;
    }
    if (!d.tls && !address.is_loopback()) {
        *error = "plain HTTP is allowed on loopback only, not on " + listen.host;
        return false;
    }
    const tcp::endpoint endpoint(address, static_cast<unsigned short>(listen.port));
    d.acceptor.open(endpoint.protocol(), ec);
    if (!ec)
        d.acceptor.set_option(net::socket_base::reuse_address(true), ec);
    // During an upgrade or a watchdog restart the previous agent may hold the port a little longer (a process
    // that is being killed, or one that was stopped): wait for it, up to 30 s, rather than fail the start.
    for (int attempt = 0; !ec; ++attempt) {
        d.acceptor.bind(endpoint, ec);
        if (ec != net::error::address_in_use || attempt >= 120)
            break;
        if (attempt == 0)
            std::fprintf(stderr,
                         "vipvault-agent: %s:%u is still in use (the previous agent stopping?); waiting up to "
                         "30 s\n",
                         listen.host.c_str(), unsigned(listen.port));
        std::this_thread::sleep_for(std::chrono::milliseconds(250));
        ec.clear();
    }
    if (!ec)
        d.acceptor.listen(net::socket_base::max_listen_connections, ec);
    if (ec) {
        *error = "cannot listen on " + listen.host + ":" + std::to_string(listen.port) + ": " + ec.message();
        return false;
    }
    d.port = d.acceptor.local_endpoint().port();
    raiseDescriptorLimit(d.shared.handler, d.shared.limits.maxConnections);
    d.guard.emplace(net::make_work_guard(d.ioc));
    d.accept();
    for (unsigned i = 0; i < std::max(1U, d.shared.limits.ioThreads); ++i)
        d.threads.emplace_back([&d] {
            for (;;) {
                try {
                    d.ioc.run();
                    return;
                } catch (const std::exception &e) { // a bug in a handler must not end the server
                    d.shared.handler.log(LogLevel::Critical, std::string("API I/O handler threw: ") + e.what());
                }
            }
        });
    d.running = true;
    return true;
}

void Server::stop()
{
    Impl &d = *m_impl;
    if (!d.running)
        return;
    d.running = false;
    net::post(d.acceptor.get_executor(), [&d] {
        beast::error_code ignored;
        d.acceptor.close(ignored);
        d.retry.cancel();
    });
    std::vector<std::shared_ptr<Session>> sessions;
    {
        std::lock_guard lock(d.shared.liveMutex);
        for (auto &[raw, weak] : d.shared.live)
            if (auto s = weak.lock())
                sessions.push_back(std::move(s));
    }
    for (auto &s : sessions)
        s->stop();
    sessions.clear();
    const auto until = std::chrono::steady_clock::now() + d.shared.limits.grace;
    while (d.shared.tracker.count() > 0 && std::chrono::steady_clock::now() < until)
        std::this_thread::sleep_for(20ms);
    d.shared.pool.stop();
    d.guard.reset();
    d.ioc.stop();
    for (std::thread &t : d.threads)
        t.join();
    d.threads.clear();
}

} // namespace vv::agent::http
