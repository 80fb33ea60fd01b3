// SIP message, URI and identity parsing, driven by tables of real-world shapes.
#include "sip/sipmessage.h"
#include "sip/sipuri.h"

#include <QTest>

using namespace vv::agent;

class TestSip : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parseMessage_data();
    void parseMessage();
    void foldedAndCompactHeaders();
    void nameAddr_data();
    void nameAddr();
    void normalise_data();
    void normalise();
    void looksLikeSip_data();
    void looksLikeSip();
};

static QByteArray crlf(const char *text)
{
    return QByteArray(text).replace("\n", "\r\n");
}

void TestSip::parseMessage_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("method");
    QTest::addColumn<int>("status");
    QTest::addColumn<int>("bodyLength");

    const QByteArray invite = crlf("INVITE sip:201@pbx SIP/2.0\nVia: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK1\n"
                                   "From: <sip:07700900123@carrier>;tag=a\nTo: <sip:201@pbx>\nCall-ID: abc@1\n"
                                   "CSeq: 1 INVITE\nContent-Type: application/sdp\nContent-Length: 4\n\n") +
                              "v=0\n";
    QTest::newRow("invite with body") << invite << true << "INVITE" << 0 << 4;
    QTest::newRow("200 ok") << crlf("SIP/2.0 200 OK\ni: x\nCSeq: 1 INVITE\nl: 0\n\n") << true << "" << 200 << 0;
    QTest::newRow("486 busy") << crlf("SIP/2.0 486 Busy Here\nCall-ID: x\nCSeq: 1 INVITE\n\n") << true << "" << 486
                              << 0;
    QTest::newRow("no content-length takes rest")
        << crlf("BYE sip:a@b SIP/2.0\nCall-ID: x\nCSeq: 2 BYE\n\n") + "abc" << true << "BYE" << 0 << 3;
    QTest::newRow("leading keepalive CRLF")
        << crlf("\nOPTIONS sip:a@b SIP/2.0\nCall-ID: x\nCSeq: 2 OPTIONS\n\n") << true << "OPTIONS" << 0 << 0;
    QTest::newRow("content-length too big")
        << crlf("INVITE sip:a@b SIP/2.0\nCall-ID: x\nCSeq: 1 INVITE\nContent-Length: 999\n\nv=0") << false << "" << 0
        << 0;
    QTest::newRow("negative content-length")
        << crlf("INVITE sip:a@b SIP/2.0\nCall-ID: x\nCSeq: 1 INVITE\nContent-Length: -5\n\n") << false << "" << 0 << 0;
    QTest::newRow("huge content-length")
        << crlf("INVITE sip:a@b SIP/2.0\nCall-ID: x\nCSeq: 1 INVITE\nContent-Length: 99999999999999999999999\n\n")
        << false << "" << 0 << 0;
    QTest::newRow("missing call-id") << crlf("INVITE sip:a@b SIP/2.0\nCSeq: 1 INVITE\n\n") << false << "" << 0 << 0;
    QTest::newRow("bad cseq") << crlf("INVITE sip:a@b SIP/2.0\nCall-ID: x\nCSeq: one INVITE\n\n") << false << "" << 0
                              << 0;
    QTest::newRow("status 999") << crlf("SIP/2.0 999 Nope\nCall-ID: x\nCSeq: 1 INVITE\n\n") << false << "" << 0 << 0;
    QTest::newRow("no end of headers") << QByteArray("INVITE sip:a@b SIP/2.0\r\nCall-ID: x") << false << "" << 0 << 0;
    QTest::newRow("garbage") << QByteArray("\x01\x02\x03garbage\r\n\r\n") << false << "" << 0 << 0;
    QTest::newRow("header without colon")
        << crlf("INVITE sip:a@b SIP/2.0\nCall-ID: x\nCSeq: 1 INVITE\nNoColonHere\n\n") << false << "" << 0 << 0;
    QByteArray many = "INVITE sip:a@b SIP/2.0\r\nCall-ID: x\r\nCSeq: 1 INVITE\r\n";
    for (int i = 0; i < 1000; ++i)
        many += "X-H" + QByteArray::number(i) + ": v\r\n";
    QTest::newRow("1000 headers") << many + "\r\n" << false << "" << 0 << 0;
    QTest::newRow("10 KB header accepted")
        << crlf("INVITE sip:a@b SIP/2.0\nCall-ID: x\nCSeq: 1 INVITE\nSubject: ") + QByteArray(10000, 'a') + "\r\n\r\n"
        << true << "INVITE" << 0 << 0;
    QTest::newRow("20 KB header refused")
        << crlf("INVITE sip:a@b SIP/2.0\nCall-ID: x\nCSeq: 1 INVITE\nSubject: ") + QByteArray(20000, 'a') + "\r\n\r\n"
        << false << "" << 0 << 0;
    QTest::newRow("bare LF tolerated") << QByteArray("SIP/2.0 180 Ringing\nCall-ID: x\nCSeq: 1 INVITE\n\n") << true
                                       << "" << 180 << 0;
}

void TestSip::parseMessage()
{
    QFETCH(QByteArray, data);
    QFETCH(bool, ok);
    SipMessage m;
    std::string error;
    const bool parsed = parseSipMessage(std::string_view(data.constData(), data.size()), &m, &error);
    QCOMPARE(parsed, ok);
    if (!ok) {
        QVERIFY2(!error.empty(), "a refused message must say why");
        return;
    }
    QFETCH(QString, method);
    QFETCH(int, status);
    QFETCH(int, bodyLength);
    QCOMPARE(QString::fromStdString(m.method), method);
    QCOMPARE(m.status, status);
    QCOMPARE(int(m.body.size()), bodyLength);
}

void TestSip::foldedAndCompactHeaders()
{
    const QByteArray data = crlf("INVITE sip:a@b SIP/2.0\ni: call-1\nf: \"Alice\"\n <sip:201@pbx>;tag=77\n"
                                 "t: <sip:07700900123@pbx>\nCSeq:   5   INVITE\nCONTENT-TYPE: application/sdp\n\n");
    SipMessage m;
    std::string error;
    QVERIFY2(parseSipMessage(std::string_view(data.constData(), data.size()), &m, &error), error.c_str());
    QCOMPARE(m.callId(), std::string("call-1"));
    const NameAddr from = parseNameAddr(m.headerOr("from"));
    QCOMPARE(QString::fromStdString(from.user), QStringLiteral("201"));
    QCOMPARE(QString::fromStdString(from.tag), QStringLiteral("77"));
    std::uint32_t n = 0;
    std::string method;
    QVERIFY(m.cseq(&n, &method));
    QCOMPARE(n, 5u);
    QCOMPARE(QString::fromStdString(method), QStringLiteral("INVITE"));
    QCOMPARE(m.headerOr("content-type"), std::string("application/sdp"));
}

void TestSip::nameAddr_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("user");
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("tag");
    QTest::newRow("display name") << "\"Bob Smith\" <sip:201@PBX.example.com>;tag=abc" << true << "201"
                                  << "pbx.example.com"
                                  << "abc";
    QTest::newRow("addr-spec params are header params") << "sip:201@pbx;tag=x1" << true << "201"
                                                        << "pbx"
                                                        << "x1";
    QTest::newRow("uri params inside brackets")
        << "<sip:+442079460000@carrier;user=phone>;tag=t" << true << "+442079460000"
        << "carrier"
        << "t";
    QTest::newRow("port and ipv6") << "<sip:201@[2001:db8::1]:5062>" << true << "201"
                                   << "2001:db8::1"
                                   << "";
    QTest::newRow("tel uri") << "<tel:+1-212-555-0101;phone-context=example.com>" << true << "+1-212-555-0101"
                             << ""
                             << "";
    QTest::newRow("percent-encoded") << "<sip:%2B44%20207@h>" << true << "+44 207"
                                     << "h"
                                     << "";
    QTest::newRow("user params dropped") << "<sip:201;isub=1@h>" << true << "201"
                                         << "h"
                                         << "";
    QTest::newRow("password dropped") << "<sip:201:secret@h>" << true << "201"
                                      << "h"
                                      << "";
    QTest::newRow("unclosed bracket") << "<sip:201@h" << false << ""
                                      << ""
                                      << "";
    QTest::newRow("http scheme") << "<http://x>" << false << ""
                                 << ""
                                 << "";
    QTest::newRow("empty") << "" << false << ""
                           << ""
                           << "";
}

void TestSip::nameAddr()
{
    QFETCH(QString, value);
    QFETCH(bool, valid);
    const NameAddr a = parseNameAddr(value.toStdString());
    QCOMPARE(a.valid, valid);
    if (!valid)
        return;
    QTEST(QString::fromStdString(a.user), "user");
    QTEST(QString::fromStdString(a.host), "host");
    QTEST(QString::fromStdString(a.tag), "tag");
}

void TestSip::normalise_data()
{
    QTest::addColumn<QString>("in");
    QTest::addColumn<QString>("out");
    QTest::newRow("plain") << "201"
                           << "201";
    QTest::newRow("e164 with separators") << "+44 (20) 7946-0000"
                                          << "+442079460000";
    QTest::newRow("dots") << "020.7946.0000"
                          << "02079460000";
    QTest::newRow("letters kept") << "alice"
                                  << "alice";
    QTest::newRow("empty") << ""
                           << "";
}

void TestSip::normalise()
{
    QFETCH(QString, in);
    QTEST(QString::fromStdString(normaliseNumber(in.toStdString())), "out");
}

void TestSip::looksLikeSip_data()
{
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<bool>("sip");
    QTest::newRow("request") << QByteArray("INVITE sip:a@b SIP/2.0\r\n") << true;
    QTest::newRow("response") << QByteArray("SIP/2.0 200 OK\r\n") << true;
    QTest::newRow("rtp") << QByteArray("\x80\x00\x01\x02\x00\x00\x00\xa0\x12\x34\x56\x78", 12) << false;
    QTest::newRow("short") << QByteArray("SIP") << false;
}

void TestSip::looksLikeSip()
{
    QFETCH(QByteArray, data);
    QTEST(::looksLikeSip(reinterpret_cast<const std::uint8_t *>(data.constData()), data.size()), "sip");
}

QTEST_APPLESS_MAIN(TestSip)
#include "tst_sip.moc"
