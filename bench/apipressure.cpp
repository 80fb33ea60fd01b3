#include "apipressure.h"

#include <arpa/inet.h>
#include <chrono>
#include <httplib.h>
#include <netinet/in.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace {

// A TCP connection to the agent from source address 127.0.`a`.`b` (the agent caps connections per address).
int connectFrom(const std::string &host, int port, int a, int b)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    sockaddr_in local{};
    local.sin_family = AF_INET;
    local.sin_addr.s_addr = htonl((127U << 24) | (unsigned(a) << 16) | (unsigned(b) << 8) | 1U);
    sockaddr_in remote{};
    remote.sin_family = AF_INET;
    remote.sin_port = htons(static_cast<uint16_t>(port));
    ::inet_pton(AF_INET, host.c_str(), &remote.sin_addr);
    if (::bind(fd, reinterpret_cast<sockaddr *>(&local), sizeof local) != 0 ||
        ::connect(fd, reinterpret_cast<sockaddr *>(&remote), sizeof remote) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

bool closedByPeer(int fd)
{
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 0) <= 0)
        return false;
    char c = 0;
    return ::recv(fd, &c, 1, MSG_DONTWAIT) <= 0;
}

} // namespace

ApiPressure::ApiPressure(std::string host, int port, std::string token, std::vector<long long> audioIds)
    : m_host(std::move(host))
    , m_port(port)
    , m_token(std::move(token))
    , m_audioIds(std::move(audioIds))
{}

ApiPressure::~ApiPressure()
{
    stop();
}

void ApiPressure::start(int idle, int slow, int streamers)
{
    m_threads.emplace_back([this, idle] { idleLoop(idle); });
    m_threads.emplace_back([this, slow] { slowLoop(slow); });
    for (int i = 0; i < streamers; ++i)
        m_threads.emplace_back([this, i] { streamLoop(i); });
}

void ApiPressure::stop()
{
    m_stop = true;
    for (std::thread &t : m_threads)
        if (t.joinable())
            t.join();
    m_threads.clear();
}

// Connections that never send a byte (not even a TLS ClientHello), 100 per source address.
void ApiPressure::idleLoop(int count)
{
    std::vector<int> fds(static_cast<std::size_t>(count), -1);
    while (!m_stop) {
        for (int i = 0; i < count && !m_stop; ++i) {
            int &fd = fds[static_cast<std::size_t>(i)];
            if (fd >= 0 && closedByPeer(fd)) {
                ::close(fd);
                fd = -1;
                ++m_counts.idleReopened;
                --m_counts.idleOpen;
            }
            if (fd < 0 && (fd = connectFrom(m_host, m_port, 1, 1 + i / 100)) >= 0)
                ++m_counts.idleOpen;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    for (int fd : fds)
        if (fd >= 0)
            ::close(fd);
}

// TLS clients that send a request one byte every 500 ms.
void ApiPressure::slowLoop(int count)
{
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    struct Slow
    {
        int fd = -1;
        SSL *ssl = nullptr;
        std::size_t sent = 0;
    };
    std::vector<Slow> conns(static_cast<std::size_t>(count));
    const std::string request = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: a-very-slow-client\r\n\r\n";
    auto drop = [&](Slow &s) {
        if (s.ssl)
            SSL_free(s.ssl);
        if (s.fd >= 0)
            ::close(s.fd);
        s = Slow();
        --m_counts.slowOpen;
    };
    while (!m_stop) {
        for (int i = 0; i < count && !m_stop; ++i) {
            Slow &s = conns[static_cast<std::size_t>(i)];
            if (!s.ssl) {
                s.fd = connectFrom(m_host, m_port, 2, 1 + i / 100);
                if (s.fd < 0)
                    continue;
                s.ssl = SSL_new(ctx);
                SSL_set_fd(s.ssl, s.fd);
                if (SSL_connect(s.ssl) != 1) {
                    SSL_free(s.ssl);
                    ::close(s.fd);
                    s = Slow();
                    continue;
                }
                ++m_counts.slowOpen;
            }
            // Never the last byte: the request stays unfinished until the agent's deadline cuts it.
            if (SSL_write(s.ssl, request.data() + s.sent % (request.size() - 1), 1) != 1 || closedByPeer(s.fd)) {
                drop(s);
                ++m_counts.slowReopened;
                continue;
            }
            ++s.sent;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
    }
    for (Slow &s : conns)
        if (s.ssl)
            drop(s);
    SSL_CTX_free(ctx);
}

// Players, not downloads: the app fetches ranges a little ahead of the decoder, so each client takes 64 KiB a
// second (some 45 times real time for 8 kbit/s Opus), round and round the recording.
void ApiPressure::streamLoop(int index)
{
    httplib::SSLClient c(m_host, m_port);
    c.enable_server_certificate_verification(false); // loopback benchmark; the app pins the fingerprint
    c.set_keep_alive(true);
    c.set_read_timeout(60, 0);
    const std::string path = "/api/v1/recordings/" +
                             std::to_string(m_audioIds[static_cast<std::size_t>(index) % m_audioIds.size()]) + "/audio";
    long long offset = 0;
    while (!m_stop) {
        const httplib::Headers headers{
            {"Authorization", "Bearer " + m_token},
            {"Range", "bytes=" + std::to_string(offset) + "-" + std::to_string(offset + 65535)}};
        auto r = c.Get(path.c_str(), headers);
        if (r && r->status == 206) {
            ++m_counts.streamsCompleted;
            offset = r->body.size() < 65536 ? 0 : offset + 65536;
        } else if (!m_stop) {
            ++m_counts.streamErrors;
            offset = 0;
        }
        std::this_thread::sleep_for(std::chrono::seconds(1));
    }
}
