// The API under connection pressure: a thousand connections that never speak and a hundred that trickle a
// request a byte at a time must not keep a real client from signing in and listing; one address cannot take more
// than its share; silent and trickling connections are cut by their deadlines. The agent runs with a small
// per-address cap (40) so the caps can be reached from loopback addresses (any 127.x.y.z reaches it).
#include "apitest.h"
#include "rawconversation.h"

#include <QElapsedTimer>
#include <QSslSocket>
#include <QTest>
#include <QTimer>
#include <arpa/inet.h>
#include <memory>
#include <netinet/in.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace vv::apitest;

namespace {

constexpr int kPerAddress = 40;

// A plain TCP connection from `source`, blocking connect; -1 on failure.
int openFrom(const QByteArray &source, quint16 port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0)
        return -1;
    sockaddr_in local{};
    local.sin_family = AF_INET;
    ::inet_pton(AF_INET, source.constData(), &local.sin_addr);
    sockaddr_in remote{};
    remote.sin_family = AF_INET;
    remote.sin_port = htons(port);
    ::inet_pton(AF_INET, "127.0.0.1", &remote.sin_addr);
    if (::bind(fd, reinterpret_cast<sockaddr *>(&local), sizeof local) != 0 ||
        ::connect(fd, reinterpret_cast<sockaddr *>(&remote), sizeof remote) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

// True once the agent has closed (or reset) the connection, waiting at most timeoutMs.
bool closedByAgent(int fd, int timeoutMs)
{
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, timeoutMs) <= 0)
        return false;
    char byte = 0;
    return ::recv(fd, &byte, 1, MSG_DONTWAIT) <= 0;
}

struct Fds
{
    std::vector<int> fds;
    ~Fds()
    {
        for (int fd : fds)
            ::close(fd);
    }
};

double gauge(const QByteArray &metrics, const QByteArray &name)
{
    for (const QByteArray &line : metrics.split('\n'))
        if (line.startsWith(name + ' '))
            return line.mid(name.size() + 1).toDouble();
    return -1;
}

} // namespace

class TestApiConnections : public QObject
{
    Q_OBJECT

    AgentServer m_server{
        AgentServer::Options{false, {}, QStringLiteral("max_connections_per_address = %1").arg(kPerAddress)}};
    SignedInAgent m_agent;

private Q_SLOTS:
    void initTestCase()
    {
        rlimit rl{};
        QVERIFY(::getrlimit(RLIMIT_NOFILE, &rl) == 0);
        rl.rlim_cur = rl.rlim_max;
        QVERIFY(::setrlimit(RLIMIT_NOFILE, &rl) == 0);
        QVERIFY2(rl.rlim_cur >= 2000, "the test needs 2000 open files");
        const QString error = startSignedIn(m_server, &m_agent);
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void cleanupTestCase() { QVERIFY2(stopIfRunning(m_server).isEmpty(), qPrintable(m_server.error())); }

    // The old server gave each connection a thread (8 of them): 8 idle connections took the API down.
    void aThousandIdleAndAHundredTricklingConnections()
    {
        Fds idle;
        for (int i = 0; i < 1000; ++i) {
            const QByteArray source = "127.0.1." + QByteArray::number(1 + i / kPerAddress);
            const int fd = openFrom(source, m_server.port());
            QVERIFY2(fd >= 0,
                     qPrintable(QStringLiteral("connection %1 from %2: %3").arg(i).arg(source, strerror(errno))));
            idle.fds.push_back(fd);
        }
        // A hundred TLS clients sending a request one byte every half second.
        std::vector<std::unique_ptr<QSslSocket>> slow;
        QTimer trickle;
        const QByteArray request = rawRequest("GET", "/healthz");
        std::vector<int> sent(100, 0);
        for (int i = 0; i < 100; ++i) {
            auto s = std::make_unique<QSslSocket>();
            QVERIFY(s->bind(QHostAddress(QStringLiteral("127.0.2.%1").arg(1 + i / 25)), 0));
            s->setPeerVerifyMode(QSslSocket::VerifyNone);
            s->connectToHostEncrypted(m_server.host(), m_server.port());
            slow.push_back(std::move(s));
        }
        connect(&trickle, &QTimer::timeout, this, [&] {
            for (std::size_t i = 0; i < slow.size(); ++i)
                if (slow[i]->isEncrypted() && sent[i] < request.size() - 1)
                    slow[i]->write(request.mid(sent[i]++, 1));
        });
        trickle.start(500);
        QTRY_VERIFY_WITH_TIMEOUT(
            std::count_if(slow.begin(), slow.end(), [](const auto &s) { return s->isEncrypted(); }) == 100, 8000);

        // Meanwhile a real client signs in and pages through recordings. Each request gets 15 s (the old server
        // made a ninth client wait 30 s and time out).
        const QByteArray token = signIn(m_server, QStringLiteral("admin"), m_server.password(QStringLiteral("admin")));
        QVERIFY2(!token.isEmpty(), "sign-in failed while connections were held");
        auto client = makeClient(m_server, token);
        const qint64 vault = m_agent.acme;
        QElapsedTimer t;
        qint64 slowest = 0;
        for (int i = 0; i < 20; ++i) {
            t.start();
            ApiRequest req;
            req.path = QStringLiteral("/api/v1/vaults/%1/recordings").arg(vault);
            req.timeoutMs = 15000;
            const ApiResult r = send(*client, req, 16000);
            API_CHECK(expectJson(r, 200));
            slowest = std::max(slowest, t.elapsed());
        }
        qInfo("slowest list while 1100 connections were held: %lld ms", slowest);

        // They were held, not refused: the agent counts them.
        const ApiResult metrics = get(*client, QStringLiteral("/metrics"));
        API_CHECK(expectStatus(metrics, 200));
        const double open = gauge(metrics.data, "vipvault_api_connections");
        QVERIFY2(open >= 1000, qPrintable(QStringLiteral("the agent holds %1 connections").arg(open)));
        QCOMPARE(gauge(metrics.data, "vipvault_api_connections_refused_total"), 0.0);
        trickle.stop();
    }

    // One address gets kPerAddress connections; the next is refused at once, and other addresses are unaffected.
    void oneAddressCannotTakeEverything()
    {
        Fds held;
        for (int i = 0; i < kPerAddress; ++i) {
            const int fd = openFrom("127.0.3.1", m_server.port());
            QVERIFY(fd >= 0);
            held.fds.push_back(fd);
        }
        const int over = openFrom("127.0.3.1", m_server.port());
        QVERIFY(over >= 0); // the kernel accepts; the agent then refuses
        held.fds.push_back(over);
        QVERIFY2(closedByAgent(over, 5000), "a connection over the per-address cap was kept");
        QVERIFY2(!closedByAgent(held.fds.front(), 200), "a connection within the cap was closed");
        const RawResponse other =
            rawExchange(m_server, rawRequest("GET", "/healthz"), QHostAddress(QStringLiteral("127.0.3.2")));
        QVERIFY2(other.answered && other.status == 200, qPrintable(other.describe()));
    }

    // A connection that never starts TLS is closed by the handshake deadline (10 s), not held forever.
    void silentConnectionsAreClosed()
    {
        Fds silent;
        silent.fds.push_back(openFrom("127.0.4.1", m_server.port()));
        QVERIFY(silent.fds.front() >= 0);
        QVERIFY2(closedByAgent(silent.fds.front(), 30000), "a silent connection was still open after 30 s");
    }

    // A request head trickled a byte a second is cut by the head deadline (10 s from its first byte).
    void trickledHeadsAreCut()
    {
        QList<QByteArray> bytes;
        const QByteArray request = rawRequest("GET", "/healthz");
        for (int i = 0; i < 40 && i < request.size() - 1; ++i)
            bytes << request.mid(i, 1);
        QElapsedTimer t;
        t.start();
        const Conversation c = converse(m_server, bytes, 1000, 5000, QHostAddress(QStringLiteral("127.0.4.2")));
        QVERIFY2(c.connected, qPrintable(c.error));
        QVERIFY2(c.closedByServer, "the agent waited for a head trickling in for 40 s");
        QVERIFY2(c.statuses().isEmpty(), c.received.constData());
    }
};

QTEST_GUILESS_MAIN(TestApiConnections)
#include "tst_apiconnections.moc"
