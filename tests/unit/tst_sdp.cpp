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
    void security_data();
    void security();
    void cryptoAttribute_data();
    void cryptoAttribute();
    void base64RoundTrip();
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

// What an SDP says about how the media is protected: the profile, usable a=crypto lines (RFC 4568), refused ones
// (counted, never a crash), DTLS-SRTP fingerprints.
void TestSdp::security_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("protocol");
    QTest::addColumn<int>("usable");
    QTest::addColumn<int>("refused");
    QTest::addColumn<bool>("dtls");
    QTest::addColumn<QString>("firstSuite");
    const QByteArray base = "v=0\r\nc=IN IP4 192.0.2.5\r\n";
    const QByteArray key80 = "inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz"; // 30 bytes: AES_CM_128 key and salt
    QTest::newRow("plain") << base + "m=audio 5000 RTP/AVP 0\r\n"
                           << "RTP/AVP" << 0 << 0 << false << "";
    QTest::newRow("sdes offer, two suites")
        << base + "m=audio 5000 RTP/SAVP 0\r\na=crypto:1 AES_CM_128_HMAC_SHA1_80 " + key80 +
               "|2^31\r\na=crypto:2 AES_CM_128_HMAC_SHA1_32 " + key80 + "\r\n"
        << "RTP/SAVP" << 2 << 0 << false << "AES_CM_128_HMAC_SHA1_80";
    QTest::newRow("sdes with MKI and lifetime")
        << base + "m=audio 5000 RTP/SAVP 0\r\na=crypto:7 AES_CM_128_HMAC_SHA1_80 " + key80 + "|2^20|1:4\r\n"
        << "RTP/SAVP" << 1 << 0 << false << "AES_CM_128_HMAC_SHA1_80";
    QTest::newRow("unknown suite refused")
        << base + "m=audio 5000 RTP/SAVP 0\r\na=crypto:1 F8_128_HMAC_SHA1_80 " + key80 + "\r\n"
        << "RTP/SAVP" << 0 << 1 << false << "";
    QTest::newRow("short key refused") << base + "m=audio 5000 RTP/SAVP 0\r\na=crypto:1 AES_CM_128_HMAC_SHA1_80 "
                                                 "inline:c2hvcnQ=\r\n"
                                       << "RTP/SAVP" << 0 << 1 << false << "";
    QTest::newRow("garbage base64 refused")
        << base + "m=audio 5000 RTP/SAVP 0\r\na=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:!!!!\r\n"
        << "RTP/SAVP" << 0 << 1 << false << "";
    QTest::newRow("no fields") << base + "m=audio 5000 RTP/SAVP 0\r\na=crypto:\r\n"
                               << "RTP/SAVP" << 0 << 1 << false << "";
    QTest::newRow("crypto of another m= ignored")
        << base + "m=audio 5000 RTP/AVP 0\r\nm=video 5002 RTP/SAVP 96\r\na=crypto:1 AES_CM_128_HMAC_SHA1_80 " + key80 +
               "\r\n"
        << "RTP/AVP" << 0 << 0 << false << "";
    QTest::newRow("dtls media fingerprint")
        << base + "m=audio 5000 UDP/TLS/RTP/SAVPF 0\r\na=fingerprint:sha-256 AB:CD\r\na=setup:actpass\r\n"
        << "UDP/TLS/RTP/SAVPF" << 0 << 0 << true << "";
    QTest::newRow("dtls session fingerprint")
        << QByteArray("v=0\r\na=fingerprint:sha-256 AB:CD\r\nc=IN IP4 192.0.2.5\r\nm=audio 5000 RTP/SAVP 0\r\n")
        << "RTP/SAVP" << 0 << 0 << true << "";
    QTest::newRow("savp without keys") << base + "m=audio 5000 RTP/SAVP 0\r\n"
                                       << "RTP/SAVP" << 0 << 0 << false << "";
}

void TestSdp::security()
{
    QFETCH(QByteArray, body);
    SdpAudio sdp;
    std::string error;
    QVERIFY2(parseSdp(std::string_view(body.constData(), body.size()), &sdp, &error), error.c_str());
    QVERIFY(sdp.present);
    QTEST(QString::fromStdString(sdp.protocol), "protocol");
    QTEST(int(sdp.crypto.size()), "usable");
    QTEST(int(sdp.cryptoErrors.size()), "refused");
    QTEST(sdp.dtlsFingerprint, "dtls");
    QTEST(sdp.crypto.empty() ? QString()
                             : QString::fromLatin1(sdp.crypto.front().suite->name.data(),
                                                   qsizetype(sdp.crypto.front().suite->name.size())),
          "firstSuite");
    // A refused line's reason never carries the key.
    for (const std::string &why : sdp.cryptoErrors)
        QVERIFY2(why.find("WVNf") == std::string::npos, why.c_str());
}

void TestSdp::cryptoAttribute_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<int>("tag");
    QTest::addColumn<int>("keys");
    QTest::addColumn<QString>("mki");     // hex, empty when none
    QTest::addColumn<qint64>("lifetime"); // -1 when none
    QTest::addColumn<QString>("flags");   // e.g. "UE" for UNENCRYPTED_SRTP, "UA" UNAUTHENTICATED_SRTP, "UC" SRTCP
    const QString k30 = "inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz";
    const QString k46 = "inline:" + QString::fromLatin1(QByteArray(46, 'k').toBase64());
    const QString k28 = "inline:" + QString::fromLatin1(QByteArray(28, 'g').toBase64());
    const QString k44 = "inline:" + QString::fromLatin1(QByteArray(44, 'G').toBase64());
    QTest::newRow("plain") << "1 AES_CM_128_HMAC_SHA1_80 " + k30 << true << 1 << 1 << "" << qint64(-1) << "";
    QTest::newRow("power lifetime") << "2 AES_CM_128_HMAC_SHA1_32 " + k30 + "|2^31" << true << 2 << 1 << ""
                                    << qint64(2147483648LL) << "";
    QTest::newRow("decimal lifetime") << "3 AES_CM_128_HMAC_SHA1_80 " + k30 + "|1048576" << true << 3 << 1 << ""
                                      << qint64(1048576) << "";
    QTest::newRow("mki without lifetime")
        << "4 AES_CM_128_HMAC_SHA1_80 " + k30 + "|1:4" << true << 4 << 1 << "00000001" << qint64(-1) << "";
    QTest::newRow("two keys with mki") << "5 AES_CM_128_HMAC_SHA1_80 " + k30 + "|2^20|1:2;" + k30 + "|2^20|2:2" << true
                                       << 5 << 2 << "0001" << qint64(1048576) << "";
    QTest::newRow("aes 256") << "1 AES_256_CM_HMAC_SHA1_80 " + k46 << true << 1 << 1 << "" << qint64(-1) << "";
    QTest::newRow("vendor alias") << "1 AES_CM_256_HMAC_SHA1_32 " + k46 << true << 1 << 1 << "" << qint64(-1) << "";
    QTest::newRow("gcm 128") << "1 AEAD_AES_128_GCM " + k28 << true << 1 << 1 << "" << qint64(-1) << "";
    QTest::newRow("gcm 256") << "1 AEAD_AES_256_GCM " + k44 << true << 1 << 1 << "" << qint64(-1) << "";
    QTest::newRow("session params")
        << "1 AES_CM_128_HMAC_SHA1_80 " + k30 +
               " UNENCRYPTED_SRTP UNENCRYPTED_SRTCP UNAUTHENTICATED_SRTP WSH=128 FEC_ORDER=FEC_SRTP"
        << true << 1 << 1 << "" << qint64(-1) << "UE UC UA";
    QTest::newRow("KDR 0 accepted") << "1 AES_CM_128_HMAC_SHA1_80 " + k30 + " KDR=0" << true << 1 << 1 << ""
                                    << qint64(-1) << "";
    QTest::newRow("KDR 1 refused") << "1 AES_CM_128_HMAC_SHA1_80 " + k30 + " KDR=1" << false << 0 << 0 << ""
                                   << qint64(-1) << "";
    QTest::newRow("f8 refused") << "1 F8_128_HMAC_SHA1_80 " + k30 << false << 0 << 0 << "" << qint64(-1) << "";
    QTest::newRow("key too long for the suite")
        << "1 AES_CM_128_HMAC_SHA1_80 " + k46 << false << 0 << 0 << "" << qint64(-1) << "";
    QTest::newRow("gcm unencrypted refused")
        << "1 AEAD_AES_128_GCM " + k28 + " UNENCRYPTED_SRTP" << false << 0 << 0 << "" << qint64(-1) << "";
    QTest::newRow("not inline") << "1 AES_CM_128_HMAC_SHA1_80 uri:http://x" << false << 0 << 0 << "" << qint64(-1)
                                << "";
    QTest::newRow("bad tag") << "x AES_CM_128_HMAC_SHA1_80 " + k30 << false << 0 << 0 << "" << qint64(-1) << "";
    QTest::newRow("ten-digit tag") << "1234567890 AES_CM_128_HMAC_SHA1_80 " + k30 << false << 0 << 0 << "" << qint64(-1)
                                   << "";
    QTest::newRow("mki value too big for its length")
        << "1 AES_CM_128_HMAC_SHA1_80 " + k30 + "|256:1" << false << 0 << 0 << "" << qint64(-1) << "";
    QTest::newRow("two keys without mki")
        << "1 AES_CM_128_HMAC_SHA1_80 " + k30 + ";" + k30 << false << 0 << 0 << "" << qint64(-1) << "";
    QTest::newRow("lifetime garbage") << "1 AES_CM_128_HMAC_SHA1_80 " + k30 + "|2^x" << false << 0 << 0 << ""
                                      << qint64(-1) << "";
    QTest::newRow("empty") << "" << false << 0 << 0 << "" << qint64(-1) << "";
}

void TestSdp::cryptoAttribute()
{
    QFETCH(QString, value);
    QFETCH(bool, ok);
    const std::string text = value.toStdString();
    std::string error;
    const auto c = parseCryptoAttribute(text, &error);
    QCOMPARE(c.has_value(), ok);
    if (!ok) {
        QVERIFY(!error.empty());
        QVERIFY2(error.find("inline:") == std::string::npos && error.find("WVNf") == std::string::npos, error.c_str());
        return;
    }
    QTEST(int(c->tag), "tag");
    QTEST(int(c->keys.size()), "keys");
    QTEST(QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(c->keys.front().mki.data()),
                                         qsizetype(c->keys.front().mki.size()))
                                  .toHex()),
          "mki");
    QTEST(c->keys.front().lifetime ? qint64(*c->keys.front().lifetime) : qint64(-1), "lifetime");
    QStringList flags;
    if (c->unencryptedSrtp)
        flags << "UE";
    if (c->unencryptedSrtcp)
        flags << "UC";
    if (c->unauthenticatedSrtp)
        flags << "UA";
    QTEST(flags.join(u' '), "flags");
    QCOMPARE(int(c->keys.front().keySalt.bytes().size()), c->suite->keyBytes + c->suite->saltBytes);
}

void TestSdp::base64RoundTrip()
{
    for (int n = 0; n < 64; ++n) {
        std::vector<std::uint8_t> bytes(static_cast<std::size_t>(n));
        for (int i = 0; i < n; ++i)
            bytes[std::size_t(i)] = std::uint8_t(i * 37 + n);
        const std::string text = base64Encode(bytes.data(), bytes.size());
        QCOMPARE(QByteArray::fromStdString(text),
                 QByteArray(reinterpret_cast<const char *>(bytes.data()), n).toBase64());
        const auto back = base64Decode(text);
        QVERIFY(back && *back == bytes);
        std::string unpadded = text;
        while (!unpadded.empty() && unpadded.back() == '=')
            unpadded.pop_back();
        QVERIFY(base64Decode(unpadded) == back);
    }
    QVERIFY(!base64Decode("a"));    // a lone character cannot end a byte
    QVERIFY(!base64Decode("ab$d")); // not the alphabet
}

QTEST_APPLESS_MAIN(TestSdp)
#include "tst_sdp.moc"
