// IP fragment reassembly (IPv4 and IPv6) and SIP over TCP stream reassembly:
// a large INVITE split into fragments, several messages in one segment, one
// message over several segments, reordering, retransmission, mid-stream start.
#include "capture/ipreassembler.h"
#include "sip/sipmessage.h"
#include "sip/tcpsipstream.h"

#include <QTest>
#include <algorithm>

using namespace vv::agent;

Q_DECLARE_METATYPE(QList<int>)

class TestReassembly : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void ipFragments_data();
    void ipFragments();
    void tcpStreams_data();
    void tcpStreams();
};

namespace {

QByteArray sipMessage(const QByteArray &callId, int bodyBytes)
{
    // SDP lines end with CRLF, so a following message starts on a line of its own.
    const QByteArray body = bodyBytes ? QByteArray("v=0\r\n") + QByteArray(bodyBytes - 7, 'a') + "\r\n" : QByteArray();
    return "INVITE sip:201@pbx SIP/2.0\r\nVia: SIP/2.0/TCP 192.0.2.1;branch=z9hG4bK1\r\nCall-ID: " + callId +
           "\r\nCSeq: 1 INVITE\r\nContent-Type: application/sdp\r\nContent-Length: " + QByteArray::number(body.size()) +
           "\r\n\r\n" + body;
}

QByteArray udpPacket(const QByteArray &payload)
{
    QByteArray udp(8, 0);
    udp[0] = char(0x13), udp[1] = char(0xc4), udp[2] = char(0x13), udp[3] = char(0xc4);
    const int len = 8 + payload.size();
    udp[4] = char(len >> 8), udp[5] = char(len & 0xff);
    return udp + payload;
}

// IPv4 or IPv6 fragments of an IP payload, each `chunk` bytes (a multiple of 8).
QList<QByteArray> fragments(const QByteArray &ipPayload, int chunk, bool v6)
{
    QList<QByteArray> out;
    for (int off = 0; off < ipPayload.size(); off += chunk) {
        const QByteArray part = ipPayload.mid(off, chunk);
        const bool more = off + chunk < ipPayload.size();
        QByteArray pkt;
        if (!v6) {
            pkt = QByteArray::fromHex("450000000abc0000401100000ac0000201c6336407");
            pkt.truncate(20);
            pkt[12] = char(192), pkt[13] = 0, pkt[14] = 2, pkt[15] = 1;
            const int total = 20 + part.size();
            pkt[2] = char(total >> 8), pkt[3] = char(total & 0xff);
            const int field = (off / 8) | (more ? 0x2000 : 0);
            pkt[6] = char(field >> 8), pkt[7] = char(field & 0xff);
            pkt += part;
        } else {
            pkt = QByteArray::fromHex("60000000000000402001"
                                      "0db8000000000000000000000001"
                                      "20010db8000000000000000000000002");
            QByteArray frag = QByteArray::fromHex("1100000000012345");
            const int field = off | (more ? 1 : 0);
            frag[2] = char(field >> 8), frag[3] = char(field & 0xff);
            pkt[6] = 44; // next header: fragment
            const int plen = 8 + part.size();
            pkt[4] = char(plen >> 8), pkt[5] = char(plen & 0xff);
            pkt += frag + part;
        }
        out << pkt;
    }
    return out;
}

} // namespace

void TestReassembly::ipFragments_data()
{
    QTest::addColumn<bool>("v6");
    QTest::addColumn<QList<int>>("order"); // indexes of the fragments to feed, in order
    QTest::addColumn<bool>("complete");
    QTest::newRow("v4 in order") << false << QList<int>{0, 1, 2, 3} << true;
    QTest::newRow("v4 reversed") << false << QList<int>{3, 2, 1, 0} << true;
    QTest::newRow("v4 duplicate") << false << QList<int>{0, 1, 1, 2, 3} << true;
    QTest::newRow("v4 missing one") << false << QList<int>{0, 1, 3} << false;
    QTest::newRow("v6 in order") << true << QList<int>{0, 1, 2, 3} << true;
    QTest::newRow("v6 shuffled") << true << QList<int>{2, 0, 3, 1} << true;
    QTest::newRow("v6 missing last") << true << QList<int>{0, 1, 2} << false;
}

void TestReassembly::ipFragments()
{
    QFETCH(bool, v6);
    QFETCH(QList<int>, order);
    QFETCH(bool, complete);
    const QByteArray sip = sipMessage("big@x", 3000);
    const QList<QByteArray> frags = fragments(udpPacket(sip), 1000, v6);
    QCOMPARE(frags.size(), 4);
    IpReassembler r;
    std::optional<IpReassembler::Result> whole;
    for (int i : order) {
        UdpDatagram d;
        const QByteArray &f = frags[i];
        QCOMPARE(int(LinkDecoder::decodeIp(reinterpret_cast<const std::uint8_t *>(f.constData()), f.size(), 1, &d)),
                 int(DecodeStatus::Fragment));
        QVERIFY(!whole);
        whole = r.add(d);
    }
    QCOMPARE(whole.has_value(), complete);
    if (!complete)
        return;
    UdpDatagram u;
    QCOMPARE(int(LinkDecoder::decodeTransport(whole->protocol, whole->payload.data(), whole->payload.size(),
                                              whole->payload.size(), &u)),
             int(DecodeStatus::Udp));
    QCOMPARE(QByteArray(reinterpret_cast<const char *>(u.payload), int(u.length)), sip);
    QCOMPARE(u.dst.port, 5060);
}

void TestReassembly::tcpStreams_data()
{
    QTest::addColumn<QByteArray>("stream"); // what the sender wrote
    QTest::addColumn<QList<int>>("cuts");   // segment boundaries
    QTest::addColumn<QList<int>>("order");  // segment feed order (indexes), may repeat
    QTest::addColumn<bool>("withSyn");
    QTest::addColumn<int>("messages");
    const QByteArray a = sipMessage("a@x", 0);
    const QByteArray b = sipMessage("b@x", 400);
    const QByteArray c = sipMessage("c@x", 3000);
    QTest::newRow("one message one segment") << a << QList<int>{} << QList<int>{0} << true << 1;
    QTest::newRow("three messages one segment") << a + b + c << QList<int>{} << QList<int>{0} << true << 3;
    QTest::newRow("one message in three segments") << c << QList<int>{100, 1500} << QList<int>{0, 1, 2} << true << 1;
    QTest::newRow("cut inside the body") << b + a << QList<int>{int(b.size()) - 10} << QList<int>{0, 1} << true << 2;
    QTest::newRow("reordered segments") << a + c << QList<int>{50, 900, 2000} << QList<int>{0, 2, 1, 3} << true << 2;
    QTest::newRow("retransmissions") << a + b << QList<int>{60, 300} << QList<int>{0, 1, 1, 0, 2, 2} << true << 2;
    QTest::newRow("keep-alive CRLFs") << "\r\n\r\n" + a + "\r\n\r\n" + b << QList<int>{} << QList<int>{0} << true << 2;
    QTest::newRow("capture starts mid-message") << c + a + b << QList<int>{500} << QList<int>{1} << false << 2;
}

void TestReassembly::tcpStreams()
{
    QFETCH(QByteArray, stream);
    QFETCH(QList<int>, cuts);
    QFETCH(QList<int>, order);
    QFETCH(bool, withSyn);
    QFETCH(int, messages);
    const std::uint32_t isn = 0xfffffff0u; // the sequence numbers wrap inside the stream
    QList<QPair<int, int>> segments;       // offset, length
    int prev = 0;
    for (int c : cuts) {
        segments.append({prev, c - prev});
        prev = c;
    }
    segments.append({prev, int(stream.size()) - prev});
    TcpSipStreams streams;
    QList<QByteArray> got;
    auto sink = [&](std::string_view m, const UdpDatagram &) { got << QByteArray(m.data(), int(m.size())); };
    UdpDatagram seg;
    seg.tcp = true;
    seg.src.address = *IpAddress::parse("192.0.2.1");
    seg.dst.address = *IpAddress::parse("192.0.2.10");
    seg.src.port = 40000;
    seg.dst.port = 5060;
    if (withSyn) {
        seg.tcpFlags = 0x02;
        seg.tcpSeq = isn;
        seg.length = 0;
        streams.add(seg, sink);
    }
    seg.tcpFlags = 0;
    for (int i : order) {
        seg.tcpSeq = isn + 1 + static_cast<std::uint32_t>(segments[i].first);
        seg.payload = reinterpret_cast<const std::uint8_t *>(stream.constData() + segments[i].first);
        seg.length = static_cast<std::size_t>(segments[i].second);
        streams.add(seg, sink);
    }
    QCOMPARE(got.size(), messages);
    for (const QByteArray &m : got) {
        SipMessage msg;
        std::string error;
        QVERIFY2(parseSipMessage(std::string_view(m.constData(), m.size()), &msg, &error), error.c_str());
        QVERIFY(stream.contains(m));
    }
}

QTEST_APPLESS_MAIN(TestReassembly)
#include "tst_reassembly.moc"
