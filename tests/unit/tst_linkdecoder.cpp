// Every supported link type and IP version yields the same UDP datagram;
// broken frames are classified, never crash.
#include "capture/linkdecoder.h"

#include <QTest>
#include <pcap/dlt.h>

using namespace vv::agent;

class TestLinkDecoder : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void decode_data();
    void decode();
    void broken_data();
    void broken();
};

static QByteArray udpOver(bool v6)
{
    const QByteArray payload("hello sip");
    QByteArray udp;
    udp += char(0x13);
    udp += char(0xc4); // 5060
    udp += char(0x9c);
    udp += char(0x40); // 40000
    const int udpLen = 8 + payload.size();
    udp += char(udpLen >> 8);
    udp += char(udpLen & 0xff);
    udp += QByteArray(2, 0);
    udp += payload;
    QByteArray ip;
    if (!v6) {
        ip = QByteArray::fromHex("450000000000400040110000c0000201c6336407");
        ip.truncate(20);
        const int total = 20 + udp.size();
        ip[2] = char(total >> 8);
        ip[3] = char(total & 0xff);
    } else {
        ip = QByteArray::fromHex("6000000000001140"
                                 "20010db8000000000000000000000001"
                                 "20010db8000000000000000000000002");
        ip[4] = char(udp.size() >> 8);
        ip[5] = char(udp.size() & 0xff);
    }
    return ip + udp;
}

void TestLinkDecoder::decode_data()
{
    QTest::addColumn<int>("dlt");
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<QString>("src");
    const QByteArray v4 = udpOver(false);
    const QByteArray v6 = udpOver(true);
    const QByteArray macs = QByteArray::fromHex("0011223344550066778899aa");
    const QString src4 = QStringLiteral("192.0.2.1:5060");
    const QString src6 = QStringLiteral("[2001:db8::1]:5060");
    QTest::newRow("ethernet v4") << int(DLT_EN10MB) << macs + QByteArray::fromHex("0800") + v4 << src4;
    QTest::newRow("ethernet v6") << int(DLT_EN10MB) << macs + QByteArray::fromHex("86dd") + v6 << src6;
    QTest::newRow("ethernet padded") << int(DLT_EN10MB) << macs + QByteArray::fromHex("0800") + v4 + QByteArray(20, 0)
                                     << src4;
    QTest::newRow("vlan") << int(DLT_EN10MB)
                          << macs + QByteArray::fromHex("81000064") + QByteArray::fromHex("0800") + v4 << src4;
    QTest::newRow("qinq") << int(DLT_EN10MB) << macs + QByteArray::fromHex("88a8000a810000640800") + v4 << src4;
    QTest::newRow("sll") << int(DLT_LINUX_SLL) << QByteArray::fromHex("00000001000600112233445500000800") + v4 << src4;
    QTest::newRow("sll2") << 276
                          << QByteArray::fromHex("86dd0000000000020001040600112233445500") + QByteArray(1, 0) + v6
                          << src6;
    QTest::newRow("null le") << int(DLT_NULL) << QByteArray::fromHex("02000000") + v4 << src4;
    QTest::newRow("null be v6") << int(DLT_NULL) << QByteArray::fromHex("0000001e") + v6 << src6;
    QTest::newRow("loop") << int(DLT_LOOP) << QByteArray::fromHex("00000002") + v4 << src4;
    QTest::newRow("raw") << int(DLT_RAW) << v4 << src4;
    QTest::newRow("raw file linktype") << 101 << v6 << src6;
}

void TestLinkDecoder::decode()
{
    QFETCH(int, dlt);
    QFETCH(QByteArray, frame);
    UdpDatagram d;
    const DecodeStatus s =
        LinkDecoder::decode(dlt, reinterpret_cast<const std::uint8_t *>(frame.constData()), frame.size(), 7, &d);
    QCOMPARE(int(s), int(DecodeStatus::Udp));
    QTEST(QString::fromStdString(d.src.toString()), "src");
    QCOMPARE(d.dst.port, 40000);
    QCOMPARE(QByteArray(reinterpret_cast<const char *>(d.payload), int(d.length)), QByteArray("hello sip"));
    QCOMPARE(d.ts, PacketTime(7));
    QVERIFY(!d.truncated);
}

void TestLinkDecoder::broken_data()
{
    QTest::addColumn<int>("dlt");
    QTest::addColumn<QByteArray>("frame");
    QTest::addColumn<int>("status");
    const QByteArray macs = QByteArray::fromHex("0011223344550066778899aa");
    QByteArray v4 = udpOver(false);
    QTest::newRow("empty") << int(DLT_EN10MB) << QByteArray() << int(DecodeStatus::Malformed);
    QTest::newRow("short ethernet") << int(DLT_EN10MB) << QByteArray(10, 0) << int(DecodeStatus::Malformed);
    QTest::newRow("arp") << int(DLT_EN10MB) << macs + QByteArray::fromHex("0806") + QByteArray(28, 0)
                         << int(DecodeStatus::NotUdp);
    QTest::newRow("truncated ip") << int(DLT_RAW) << v4.left(15) << int(DecodeStatus::Malformed);
    QByteArray badIhl = v4;
    badIhl[0] = char(0x43);
    QTest::newRow("ihl < 5") << int(DLT_RAW) << badIhl << int(DecodeStatus::Malformed);
    QByteArray frag = v4;
    frag[6] = char(0x20); // MF
    QTest::newRow("fragment") << int(DLT_RAW) << frag << int(DecodeStatus::Fragment);
    QByteArray tcp = v4;
    tcp[9] = char(6);
    QTest::newRow("tcp header too short") << int(DLT_RAW) << tcp << int(DecodeStatus::Malformed);
    QByteArray segment = v4.left(20) + QByteArray::fromHex("13c49c400000000100000000500200000000000"
                                                           "0");
    segment[9] = char(6);
    segment[3] = char(segment.size());
    QTest::newRow("tcp syn") << int(DLT_RAW) << segment << int(DecodeStatus::Tcp);
    QByteArray icmp = v4;
    icmp[9] = char(1);
    QTest::newRow("icmp") << int(DLT_RAW) << icmp << int(DecodeStatus::NotUdp);
    QByteArray badUdpLen = v4;
    badUdpLen[24] = char(0x7f);
    QTest::newRow("udp length beyond ip") << int(DLT_RAW) << badUdpLen << int(DecodeStatus::Malformed);
    QTest::newRow("version 5") << int(DLT_RAW) << QByteArray::fromHex("50") + QByteArray(40, 0)
                               << int(DecodeStatus::Malformed);
    QTest::newRow("unknown link") << 9999 << v4 << int(DecodeStatus::UnsupportedLink);
    QTest::newRow("vlan bomb") << int(DLT_EN10MB)
                               << macs + QByteArray::fromHex("8100").repeated(1) +
                                      QByteArray::fromHex("0000810000008100000081000000810000008100")
                               << int(DecodeStatus::Malformed);
}

void TestLinkDecoder::broken()
{
    QFETCH(int, dlt);
    QFETCH(QByteArray, frame);
    UdpDatagram d;
    QTEST(int(LinkDecoder::decode(dlt, reinterpret_cast<const std::uint8_t *>(frame.constData()), frame.size(), 0, &d)),
          "status");
}

QTEST_APPLESS_MAIN(TestLinkDecoder)
#include "tst_linkdecoder.moc"
