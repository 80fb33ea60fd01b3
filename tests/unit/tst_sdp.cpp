// SDP parsing: the media endpoint, formats and direction the recorder relies on.
#include "sip/sdp.h"

#include <QTest>

using namespace vv::agent;

class TestSdp : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parse_data();
    void parse();
    void invalid_data();
    void invalid();
};

void TestSdp::parse_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("present");
    QTest::addColumn<QString>("endpoint");
    QTest::addColumn<QString>("codec");
    QTest::addColumn<int>("direction");
    const char *base = "v=0\r\no=- 1 1 IN IP4 192.0.2.5\r\ns=-\r\nc=IN IP4 192.0.2.5\r\nt=0 0\r\n";
    QTest::newRow("pcmu session c=") << QByteArray(base) +
                                            "m=audio 40000 RTP/AVP 0 101\r\na=rtpmap:101 telephone-event/8000\r\n"
                                     << true << "192.0.2.5:40000"
                                     << "PCMU" << int(MediaDirection::SendRecv);
    QTest::newRow("media c= overrides") << QByteArray(base) +
                                               "m=audio 40002 RTP/AVP 8\r\nc=IN IP4 198.51.100.7\r\na=sendonly\r\n"
                                        << true << "198.51.100.7:40002"
                                        << "PCMA" << int(MediaDirection::SendOnly);
    QTest::newRow("session-level direction")
        << QByteArray("v=0\r\nc=IN IP4 192.0.2.5\r\na=recvonly\r\nm=audio 5000 RTP/AVP 0\r\n") << true
        << "192.0.2.5:5000"
        << "PCMU" << int(MediaDirection::RecvOnly);
    QTest::newRow("dynamic codec first") << QByteArray(base) +
                                                "m=audio 4000 RTP/AVP 96 0\r\na=rtpmap:96 opus/48000/2\r\n"
                                         << true << "192.0.2.5:4000"
                                         << "OPUS" << int(MediaDirection::SendRecv);
    QTest::newRow("dtmf listed first") << QByteArray(base) +
                                              "m=audio 4000 RTP/AVP 101 18\r\na=rtpmap:101 telephone-event/8000\r\n"
                                       << true << "192.0.2.5:4000"
                                       << "G729" << int(MediaDirection::SendRecv);
    QTest::newRow("ipv6") << QByteArray("v=0\r\nc=IN IP6 2001:db8::5\r\nm=audio 6000 RTP/AVP 0\r\n") << true
                          << "[2001:db8::5]:6000"
                          << "PCMU" << int(MediaDirection::SendRecv);
    QTest::newRow("port zero rejected") << QByteArray(base) + "m=audio 0 RTP/AVP 0\r\n"
                                        << false << ""
                                        << "" << 0;
    QTest::newRow("disabled audio then c= is not session level")
        << QByteArray("v=0\r\nm=audio 0 RTP/AVP 0\r\nc=IN IP4 192.0.2.9\r\nm=audio 7000 RTP/AVP 8\r\n") << false << ""
        << "" << 0;
    QTest::newRow("video only") << QByteArray(base) + "m=video 5000 RTP/AVP 96\r\n"
                                << false << ""
                                << "" << 0;
    QTest::newRow("no address") << QByteArray("v=0\r\nm=audio 5000 RTP/AVP 0\r\n") << false << ""
                                << "" << 0;
    QTest::newRow("bad address") << QByteArray("v=0\r\nc=IN IP4 999.1.1.1\r\nm=audio 5000 RTP/AVP 0\r\n") << false << ""
                                 << "" << 0;
    QTest::newRow("hold 0.0.0.0") << QByteArray("v=0\r\nc=IN IP4 0.0.0.0\r\nm=audio 5000 RTP/AVP 0\r\n") << true
                                  << "0.0.0.0:5000"
                                  << "PCMU" << int(MediaDirection::SendRecv);
    QTest::newRow("second audio ignored")
        << QByteArray(base) + "m=audio 5000 RTP/AVP 0\r\nm=audio 6000 RTP/AVP 8\r\nc=IN IP4 192.0.2.9\r\n"
        << true << "192.0.2.5:5000"
        << "PCMU" << int(MediaDirection::SendRecv);
    QTest::newRow("junk lines tolerated") << QByteArray(base) + "garbage\r\nm=audio 5000 RTP/AVP 8\r\n\x01\x02\r\n"
                                          << true << "192.0.2.5:5000"
                                          << "PCMA" << int(MediaDirection::SendRecv);
}

void TestSdp::parse()
{
    QFETCH(QByteArray, body);
    QFETCH(bool, present);
    SdpAudio sdp;
    std::string error;
    QVERIFY2(parseSdp(std::string_view(body.constData(), body.size()), &sdp, &error), error.c_str());
    QCOMPARE(sdp.present, present);
    if (!present)
        return;
    QTEST(QString::fromStdString(sdp.endpoint.toString()), "endpoint");
    QTEST(QString::fromStdString(primaryCodec(sdp)), "codec");
    QTEST(int(sdp.direction), "direction");
}

void TestSdp::invalid_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("not sdp") << QByteArray("hello");
    QTest::newRow("port 70000") << QByteArray("v=0\r\nc=IN IP4 192.0.2.5\r\nm=audio 70000 RTP/AVP 0\r\n");
    QTest::newRow("port text") << QByteArray("v=0\r\nc=IN IP4 192.0.2.5\r\nm=audio abc RTP/AVP 0\r\n");
    QTest::newRow("negative port") << QByteArray("v=0\r\nc=IN IP4 192.0.2.5\r\nm=audio -1 RTP/AVP 0\r\n");
    QTest::newRow("huge port") << QByteArray("v=0\r\nc=IN IP4 192.0.2.5\r\nm=audio 99999999999 RTP/AVP 0\r\n");
}

void TestSdp::invalid()
{
    QFETCH(QByteArray, body);
    SdpAudio sdp;
    std::string error;
    QVERIFY(!parseSdp(std::string_view(body.constData(), body.size()), &sdp, &error));
    QVERIFY2(!error.empty(), "a refused SDP must say why");
    QVERIFY(!sdp.present);
}

QTEST_APPLESS_MAIN(TestSdp)
#include "tst_sdp.moc"
