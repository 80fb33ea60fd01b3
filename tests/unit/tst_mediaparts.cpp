// The parts the call tracker was split into, each fed directly: the media router (which call and party a datagram
// belongs to, and which copy of a direction is recorded when a proxy or relay shows it twice) and the report builder
// (the reason every call ends with).
#include "pipeline/mediarouter.h"
#include "pipeline/reportbuilder.h"

#include <QTest>

using namespace vv::agent;

namespace {

Endpoint ep(const char *ip, std::uint16_t port)
{
    return {*IpAddress::parse(ip), port};
}

UdpDatagram datagram(const Endpoint &src, const Endpoint &dst, PacketTime ts)
{
    UdpDatagram d;
    d.src = src;
    d.dst = dst;
    d.ts = ts;
    return d;
}

} // namespace

class TestMediaParts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Which side sent a datagram: addressed to a side's endpoint means the other side spoke; from it, that side.
    void routing_data()
    {
        QTest::addColumn<QString>("src");
        QTest::addColumn<QString>("dst");
        QTest::addColumn<int>("speaker"); // -1: not the call's media
        QTest::newRow("to the callee") << "10.0.0.1:4000"
                                       << "10.0.0.2:5000" << kCaller;
        QTest::newRow("to the caller") << "10.0.0.2:5000"
                                       << "10.0.0.1:4000" << kCallee;
        QTest::newRow("from the caller to a relay") << "10.0.0.1:4000"
                                                    << "10.9.9.9:7000" << kCaller;
        QTest::newRow("unknown both ways") << "10.0.0.7:4000"
                                           << "10.0.0.8:5000" << -1;
        QTest::newRow("same address, other port") << "10.0.0.7:4000"
                                                  << "10.0.0.2:5002" << -1;
    }

    void routing()
    {
        QFETCH(QString, src);
        QFETCH(QString, dst);
        QFETCH(int, speaker);
        auto parse = [](const QString &s) {
            const QStringList p = s.split(u':');
            return ep(qPrintable(p[0]), std::uint16_t(p[1].toUInt()));
        };
        Dialog d;
        MediaRouter router;
        router.addEndpoint(d, kCaller, ep("10.0.0.1", 4000));
        router.addEndpoint(d, kCallee, ep("10.0.0.2", 5000));
        d.mediaEndpoints = {ep("10.0.0.1", 4000), ep("10.0.0.2", 5000)};
        const auto m = router.find(datagram(parse(src), parse(dst), 0));
        QCOMPARE(m ? m->speaker : -1, speaker);
        if (m)
            QCOMPARE(m->dialog, &d);
        router.remove(d);
        QVERIFY(!router.find(datagram(parse(src), parse(dst), 0)));
    }

    // Two copies of one direction (phone -> proxy and proxy -> carrier): the first locks the flow, the copy is
    // counted as secondary; a flow that moved (re-INVITE) or went quiet gives way.
    void flowLocking_data()
    {
        QTest::addColumn<QStringList>("steps"); // "srcPort>dstPort@ms", the first datagram is always accepted
        QTest::addColumn<QString>("accepted");  // one letter per step: a accepted, s secondary
        QTest::newRow("a proxy copy is secondary")
            << QStringList{"4000>6000@0", "6001>5000@1", "4000>6000@20", "6001>5000@21"} << "asas";
        QTest::newRow("the copy that matches the SDP takes over")
            << QStringList{"4000>6000@0", "4000>5000@1", "4000>6000@20"} << "aas";
        QTest::newRow("a quiet flow gives way") << QStringList{"4000>6000@0", "6001>5000@400"} << "aa";
    }

    void flowLocking()
    {
        QFETCH(QStringList, steps);
        QFETCH(QString, accepted);
        Dialog d;
        d.sides[kCaller].latest = ep("10.0.0.1", 4000);
        d.sides[kCallee].latest = ep("10.0.0.2", 5000);
        MediaRouter router;
        router.addEndpoint(d, kCaller, d.sides[kCaller].latest);
        router.addEndpoint(d, kCallee, d.sides[kCallee].latest);
        d.mediaEndpoints = {d.sides[kCaller].latest, d.sides[kCallee].latest};
        QString got;
        for (const QString &step : steps) {
            const QStringList a = step.split(u'@');
            const QStringList ports = a[0].split(u'>');
            const std::uint16_t from = std::uint16_t(ports[0].toUInt());
            const std::uint16_t to = std::uint16_t(ports[1].toUInt());
            // Caller-side ports (4000, 6001) come from the caller's address, others from a relay.
            const Endpoint src = from == 4000 ? ep("10.0.0.1", from) : ep("10.0.0.9", from);
            const Endpoint dst = to == 5000 ? ep("10.0.0.2", to) : ep("10.0.0.9", to);
            UdpDatagram dg = datagram(src, dst, PacketTime(a[1].toInt()) * 1000);
            auto m = router.find(dg);
            QVERIFY2(m && m->speaker == kCaller, qPrintable(step));
            got += router.acceptFlow(*m, dg) ? u'a' : u's';
        }
        QCOMPARE(got, accepted);
        router.remove(d);
    }

    void reasons_data()
    {
        QTest::addColumn<bool>("record");
        QTest::addColumn<bool>("answered");
        QTest::addColumn<int>("failure");
        QTest::addColumn<bool>("cancel");
        QTest::addColumn<QString>("refusal");
        QTest::addColumn<bool>("unsupported");
        QTest::addColumn<QString>("dialled");
        QTest::addColumn<QString>("reason");
        QTest::newRow("recorded") << true << true << 0 << false << "" << false << ""
                                  << "recorded";
        QTest::newRow("cancelled") << true << false << 0 << true << "" << false << ""
                                   << "cancelled";
        QTest::newRow("487") << true << false << 487 << false << "" << false << ""
                             << "cancelled";
        QTest::newRow("busy") << true << false << 486 << false << "" << false << ""
                              << "not answered: 486 Busy Here";
        QTest::newRow("no final") << true << false << 0 << false << "" << false << ""
                                  << "not answered: no final response";
        QTest::newRow("refused") << true << true << 0 << false << "not recorded: vault full" << false << ""
                                 << "not recorded: vault full";
        QTest::newRow("codec") << true << true << 0 << false << "" << true << ""
                               << "unsupported codec G723";
        QTest::newRow("excluded, answered for a ring group") << false << true << 0 << false << "" << false << "600"
                                                             << "excluded extension 203 (answered the call to 600)";
        QTest::newRow("excluded, dialled directly") << false << true << 0 << false << "" << false << ""
                                                    << "excluded extension 203";
    }

    void reasons()
    {
        QFETCH(bool, record);
        QFETCH(bool, answered);
        QFETCH(int, failure);
        QFETCH(bool, cancel);
        QFETCH(QString, refusal);
        QFETCH(bool, unsupported);
        QFETCH(QString, dialled);
        Dialog d;
        d.answeredAt = answered ? 1 : 0;
        d.failureStatus = failure;
        d.failureReason = failure == 486 ? "Busy Here" : "";
        d.cancelRequested = cancel;
        d.codec = QStringLiteral("G723");
        d.policy.dialled = dialled;
        VaultLeg leg;
        leg.extension = QStringLiteral("203");
        leg.direction = CallDirection::Inbound;
        leg.record = record;
        leg.reason = record ? QStringLiteral("recorded") : QStringLiteral("excluded extension 203");
        RecordingOutcome outcome;
        outcome.sessionStarted = refusal.isEmpty() && !unsupported;
        outcome.refusal = refusal;
        outcome.unsupportedCodec = unsupported;
        QTEST(reportbuilder::reason(d, &leg, outcome), "reason");
        // A call the rules record that was answered but not stored is missed; otherwise no outcome yet.
        const CallReport r = reportbuilder::report(d, &leg, 2, QStringLiteral("bye"), outcome);
        QCOMPARE(r.outcome, record && answered && !outcome.sessionStarted ? CallOutcome::Missed : QString());
    }
};

QTEST_APPLESS_MAIN(TestMediaParts)
#include "tst_mediaparts.moc"
