// How fast the agent tells: the time from the capture interface going down to the signed webhook arriving
// (target < 10 s), and from a missed call's BYE to its alert (target < 5 s). Runs the real agent in a network
// namespace of its own (unshare, so root): a veth pair it captures on and then loses, and a loopback where a
// real-time call with a codec the agent cannot record is sent. The webhook receiver is this process, on the
// namespace's loopback. Usage: bench_alerts [--rounds N] [--doc docs/benchmarks.md]
#include "agentserver.h"
#include "apitest.h"
#include "benchreport.h"
#include "livehelpers.h"
#include "scenario.h"
#include "sender.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <sched.h>
#include <unistd.h>

using namespace vv::apitest;
using namespace vv::capgen;

namespace {

struct Delivery
{
    qint64 arrivedMs = 0; // wall clock
    QByteArray event;     // X-VipVault-Event
    QJsonObject body;
};

// Plain HTTP on the namespace's loopback (the agent allows http:// only to a receiver on its own host).
class Receiver : public QObject
{
public:
    QList<Delivery> received;

    bool listen()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *s = m_server.nextPendingConnection()) {
                s->setParent(this);
                connect(s, &QTcpSocket::readyRead, this, [this, s] { onData(s); });
                if (s->bytesAvailable() > 0) // arrived before the connection above: no readyRead will come for it
                    onData(s);
            }
        });
        return m_server.listen(QHostAddress::LocalHost, 0);
    }
    quint16 port() const { return m_server.serverPort(); }

private:
    void onData(QTcpSocket *s)
    {
        QByteArray &buf = m_buffers[s];
        buf += s->readAll();
        const qsizetype end = buf.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        qsizetype length = 0;
        QByteArray event;
        for (const QByteArray &line : buf.left(end).split('\n')) {
            const QByteArray l = line.trimmed().toLower();
            if (l.startsWith("content-length:"))
                length = l.mid(15).trimmed().toLongLong();
            if (l.startsWith("x-vipvault-event:"))
                event = line.trimmed().mid(17).trimmed();
        }
        if (buf.size() < end + 4 + length)
            return;
        received.append(
            {QDateTime::currentMSecsSinceEpoch(), event, QJsonDocument::fromJson(buf.mid(end + 4, length)).object()});
        s->write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        s->disconnectFromHost();
        m_buffers.remove(s);
    }

    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

int run(const QStringList &args)
{
    return QProcess::execute(args.first(), args.mid(1));
}

// The first delivery after `from` whose health event is of `kind` (and opened), or nullptr.
const Delivery *waitFor(Receiver &r, qsizetype from, const QString &kind, const QString &detailPart, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < timeoutMs) {
        for (qsizetype i = from; i < r.received.size(); ++i) {
            const QJsonObject h = r.received[i].body.value("health").toObject();
            if (r.received[i].body.value("event").toString() == u"opened" && h.value("kind").toString() == kind &&
                h.value("detail").toString().contains(detailPart))
                return &r.received[i];
        }
        QTest::qWait(5);
    }
    return nullptr;
}

QString subscribe(AgentServer &agent, const QByteArray &token, quint16 port)
{
    auto client = makeClient(agent, token);
    const ApiResult r =
        sendBytes(*client, "POST", "/api/v1/subscriptions",
                  "{\"kind\":\"webhook\",\"target\":\"http://127.0.0.1:" + QByteArray::number(port) + "/hook\"}");
    return r.httpStatus == 201
               ? QString()
               : QStringLiteral("subscription refused: HTTP %1 %2").arg(r.httpStatus).arg(QString::fromUtf8(r.data));
}

// The agent started, its users signed in, and the receiver subscribed to every event; "" or why not.
QString startSubscribed(AgentServer &agent, SignedInAgent *tokens, quint16 port)
{
    if (const QString e = startSignedIn(agent, tokens); !e.isEmpty())
        return e;
    return subscribe(agent, tokens->admin, port);
}

bool captureRunning(AgentServer &agent, const QByteArray &token)
{
    auto client = makeClient(agent, token);
    return get(*client, "/api/v1/status").json.object().value("capture_running").toBool();
}

QString fmt(const Stats &s)
{
    return QStringLiteral("median %1 ms, p99 %2 ms, max %3 ms (%4 rounds)")
        .arg(s.medianMs, 0, 'f', 0)
        .arg(s.p99Ms, 0, 'f', 0)
        .arg(s.maxMs, 0, 'f', 0)
        .arg(s.samples);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int rounds = 5;
    QString doc;
    const QStringList args = app.arguments();
    for (int i = 1; i < args.size(); ++i) {
        if (args[i] == u"--rounds" && i + 1 < args.size())
            rounds = args[++i].toInt();
        else if (args[i] == u"--doc" && i + 1 < args.size())
            doc = args[++i];
    }
    if (::geteuid() != 0 || ::unshare(CLONE_NEWNET) != 0) {
        std::fprintf(stderr, "bench_alerts: needs root (a network namespace of its own for capture)\n");
        return 2;
    }
    auto addVeth = [] {
        return run({"ip", "link", "add", "vvb0", "type", "veth", "peer", "name", "vvb1"}) == 0 &&
               run({"ip", "link", "set", "vvb0", "up"}) == 0 && run({"ip", "link", "set", "vvb1", "up"}) == 0;
    };
    if (run({"ip", "link", "set", "lo", "up"}) != 0 || !addVeth()) {
        std::fprintf(stderr, "bench_alerts: cannot set up the namespace's interfaces\n");
        return 1;
    }
    Receiver receiver;
    if (!receiver.listen())
        return 1;

    // 1. The capture interface disappears.
    std::vector<double> downMs;
    {
        AgentServer::Options o;
        o.interface = QStringLiteral("vvb0");
        AgentServer agent(o);
        SignedInAgent tokens;
        if (const QString e = startSubscribed(agent, &tokens, receiver.port()); !e.isEmpty()) {
            std::fprintf(stderr, "bench_alerts: %s\n", qPrintable(e));
            return 1;
        }
        if (!QTest::qWaitFor([&] { return captureRunning(agent, tokens.admin); }, 30000)) {
            std::fprintf(stderr, "bench_alerts: capture does not run on vvb0\n");
            return 1;
        }
        for (int i = 0; i < rounds; ++i) {
            if (i > 0) {
                // The agent's own word that capture runs again (the resolution webhook), not a status poll.
                const qsizetype since = receiver.received.size() - 1;
                if (!QTest::qWaitFor(
                        [&] {
                            for (qsizetype k = since; k < receiver.received.size(); ++k)
                                if (receiver.received[k].body.value("event").toString() == u"resolved")
                                    return true;
                            return false;
                        },
                        30000)) {
                    std::fprintf(stderr, "bench_alerts: capture did not come back on vvb0 (round %d)\n", i + 1);
                    return 1;
                }
            }
            QTest::qWait(1000);
            const qsizetype from = receiver.received.size();
            const qint64 t0 = QDateTime::currentMSecsSinceEpoch();
            run({"ip", "link", "delete", "vvb0"});
            const Delivery *d = waitFor(receiver, from, QStringLiteral("capture_down"), QString(), 60000);
            if (!d) {
                std::fprintf(stderr, "bench_alerts: no capture_down webhook within 60 s; received:\n");
                for (const Delivery &x : receiver.received)
                    std::fprintf(stderr, "  %lld %s %s\n", static_cast<long long>(x.arrivedMs), x.event.constData(),
                                 QJsonDocument(x.body).toJson(QJsonDocument::Compact).left(200).constData());
                std::fprintf(stderr, "from %lld; the agent said:\n%s\n", static_cast<long long>(from),
                             qPrintable(agent.standardError().right(2500)));
                return 1;
            }
            downMs.push_back(double(d->arrivedMs - t0));
            std::printf("interface down -> webhook: %lld ms\n", static_cast<long long>(d->arrivedMs - t0));
            addVeth();
        }
        agent.stop();
    }

    // 2. A call the agent should record and cannot (G.723.1: no decoder), sent live on loopback.
    std::vector<double> missedMs;
    {
        AgentServer::Options o;
        o.interface = QStringLiteral("lo");
        AgentServer agent(o);
        SignedInAgent tokens;
        if (const QString e = startSubscribed(agent, &tokens, receiver.port()); !e.isEmpty()) {
            std::fprintf(stderr, "bench_alerts: %s\n", qPrintable(e));
            return 1;
        }
        QTest::qWaitFor([&] { return captureRunning(agent, tokens.admin); }, 30000);
        for (int i = 0; i < rounds; ++i) {
            const std::string number = "0770090" + std::to_string(1000 + i);
            CallSpec c;
            c.callId = "bench-missed-" + std::to_string(i) + "@pbx";
            c.caller = vv::testing::liveCarrier(number, uint16_t(31000 + 2 * i));
            c.callee = vv::testing::livePhone(201);
            c.start = QDateTime::currentMSecsSinceEpoch() / 1000.0;
            c.seed = uint64_t(100 + i);
            c.codec = Codec::G723;
            c.talkMs = 1500;
            Scenario s;
            s.addCall(c);
            const std::vector<GenPacket> packets = s.packets();
            double byeAt = 0;
            for (const GenPacket &p : packets)
                if (p.payload.size() > 4 && std::equal(p.payload.begin(), p.payload.begin() + 4, "BYE "))
                    byeAt = p.ts;
            const qsizetype from = receiver.received.size();
            double first = 0;
            std::string error;
            if (!sendRealtime(packets, &error, nullptr, &first)) {
                std::fprintf(stderr, "bench_alerts: %s\n", error.c_str());
                return 1;
            }
            const double byeWall = first + (byeAt - packets.front().ts);
            const Delivery *d =
                waitFor(receiver, from, QStringLiteral("missed_call"), QString::fromStdString(number), 60000);
            if (!d || byeAt == 0) {
                std::fprintf(stderr, "bench_alerts: no missed_call webhook within 60 s for %s\n", number.c_str());
                return 1;
            }
            missedMs.push_back(double(d->arrivedMs) - byeWall * 1000.0);
            std::printf("missed call BYE -> webhook: %.0f ms\n", missedMs.back());
        }
        agent.stop();
    }

    const Stats down = summarise(downMs);
    const Stats missed = summarise(missedMs);
    std::printf("interface down -> webhook: %s\nmissed call -> webhook: %s\n", qPrintable(fmt(down)),
                qPrintable(fmt(missed)));
    if (!doc.isEmpty()) {
        const QString md =
            QStringLiteral("### Alerts (`bench_alerts`)\n\n"
                           "%1, %2 build. The real agent runs in a network namespace of its own; the webhook "
                           "receiver is the benchmark process on that namespace's loopback (plain HTTP, so the "
                           "figure is the agent's, not a TLS handshake's).\n\n"
                           "| What | Target | Measured |\n|---|---|---|\n"
                           "| Capture interface deleted → `capture_down` webhook received | < 10 s | %3 |\n"
                           "| Missed call (G.723.1, sent live) BYE → `missed_call` webhook received | < 5 s | %4 |\n")
                .arg(machineDescription(), QStringLiteral(VIPVAULT_BUILD_TYPE), fmt(down), fmt(missed));
        if (!writeSection(doc, QStringLiteral("alerts"), md))
            return 1;
        std::printf("written to %s\n", qPrintable(doc));
    }
    return 0;
}
