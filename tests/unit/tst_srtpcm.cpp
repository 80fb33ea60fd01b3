// The AES-CM/HMAC-SHA1 SRTP path on OpenSSL against libsrtp2 as the oracle: packets protected by libsrtp2 (as a
// phone would) must come back byte for byte, with libsrtp2's replay and roll-over behaviour, in every suite the path
// handles; tampered packets must fail.
#include "rtp/srtpcm.h"
#include "rtp/srtpdecryptor.h"
#include "rtp/srtpkeys.h"
#include "srtpsender.h"

#include <QTest>
#include <vector>

using namespace vv::agent;

namespace {

std::vector<std::uint8_t> rtpPacket(std::uint16_t seq, std::uint32_t ssrc, int csrcs, bool extension)
{
    std::vector<std::uint8_t> p = {std::uint8_t(0x80 | (extension ? 0x10 : 0) | csrcs),
                                   0,
                                   std::uint8_t(seq >> 8),
                                   std::uint8_t(seq),
                                   0,
                                   0,
                                   std::uint8_t(seq >> 3),
                                   std::uint8_t(seq << 5),
                                   std::uint8_t(ssrc >> 24),
                                   std::uint8_t(ssrc >> 16),
                                   std::uint8_t(ssrc >> 8),
                                   std::uint8_t(ssrc)};
    for (int i = 0; i < 4 * csrcs; ++i)
        p.push_back(std::uint8_t(0xc0 + i));
    if (extension) // profile 0xBEDE, 2 words
        p.insert(p.end(), {0xbe, 0xde, 0, 2, 1, 2, 3, 4, 5, 6, 7, 8});
    for (int i = 0; i < 160; ++i)
        p.push_back(std::uint8_t(seq * 7 + i));
    return p;
}

SrtpCrypto cryptoOf(const vv::capgen::SrtpSender &sender)
{
    std::string line = sender.cryptoLine(1);
    line = line.substr(line.find(':') + 1);
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r'))
        line.pop_back();
    std::string error;
    const auto c = parseCryptoAttribute(line, &error);
    return c ? *c : SrtpCrypto{};
}

} // namespace

class TestSrtpCm : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void keyDerivation_data();
    void keyDerivation();
    void matchesLibsrtp_data();
    void matchesLibsrtp();
    void lateJoinFindsRollOverCounter();
    void aeadStaysWithLibsrtp();
};

void TestSrtpCm::keyDerivation_data()
{
    QTest::addColumn<QByteArray>("masterKey");
    QTest::addColumn<QByteArray>("masterSalt");
    QTest::addColumn<int>("label");
    QTest::addColumn<QByteArray>("expected");
    const QByteArray k128 = QByteArray::fromHex("E1F97A0D3E018BE0D64FA32C06DE4139");
    const QByteArray s128 = QByteArray::fromHex("0EC675AD498AFEEBB6960B3AABE6");
    QTest::newRow("RFC 3711 B.3 cipher key")
        << k128 << s128 << 0 << QByteArray::fromHex("C61E7A93744F39EE10734AFE3FF7A087");
    QTest::newRow("RFC 3711 B.3 salt") << k128 << s128 << 2 << QByteArray::fromHex("30CBBC08863D8C85D49DB34A9AE1");
    QTest::newRow("RFC 3711 B.3 auth key")
        << k128 << s128 << 1 << QByteArray::fromHex("CEBE321F6FF7716B6FD4AB49AF256A156D38BAA4");
    const QByteArray k192 = QByteArray::fromHex("73edc66c4fa15776fb57f9505c17136550ffda71f3e8e5f1");
    const QByteArray s192 = QByteArray::fromHex("c8522f3acd4ce86d5add78edbb11");
    QTest::newRow("RFC 6188 7.4 AES-192 cipher key")
        << k192 << s192 << 0 << QByteArray::fromHex("31874736a8f1143870c26e4857d8a5b2c4a354407faadabb");
    QTest::newRow("RFC 6188 7.4 AES-192 salt")
        << k192 << s192 << 2 << QByteArray::fromHex("2372b82d639b6d8503a47adc0a6c");
    const QByteArray k256 = QByteArray::fromHex("f0f04914b513f2763a1b1fa130f10e2998f6f6e43e4309d1e622a0e332b9f1b6");
    const QByteArray s256 = QByteArray::fromHex("3b04803de51ee7c96423ab5b78d2");
    QTest::newRow("RFC 6188 7.5 AES-256 cipher key")
        << k256 << s256 << 0 << QByteArray::fromHex("5ba1064e30ec51613cad926c5a28ef731ec7fb397f70a960653caf06554cd8c4");
    QTest::newRow("RFC 6188 7.5 AES-256 salt")
        << k256 << s256 << 2 << QByteArray::fromHex("fa31791685ca444a9e07c6c64e93");
}

void TestSrtpCm::keyDerivation()
{
    QFETCH(QByteArray, masterKey);
    QFETCH(QByteArray, masterSalt);
    QFETCH(int, label);
    QFETCH(QByteArray, expected);
    QByteArray out(expected.size(), '\0');
    QVERIFY(srtpCmDerive(std::size_t(masterKey.size()), reinterpret_cast<const std::uint8_t *>(masterKey.constData()),
                         reinterpret_cast<const std::uint8_t *>(masterSalt.constData()), std::uint8_t(label),
                         reinterpret_cast<std::uint8_t *>(out.data()), std::size_t(out.size())));
    QCOMPARE(out.toHex(), expected.toHex().toLower());
}

void TestSrtpCm::matchesLibsrtp_data()
{
    QTest::addColumn<QString>("suite");
    QTest::addColumn<int>("seqStart");
    QTest::addColumn<QString>("order"); // "in order", "reordered", "lossy", "duplicates"
    QTest::addColumn<int>("csrcs");
    QTest::addColumn<bool>("extension");
    // Not AES-192: libsrtp2 derives its keys against RFC 6188 (cisco/libsrtp#763), so it cannot be the oracle there;
    // keyDerivation checks the RFC's AES-192 vectors instead (the cipher and HMAC are the same code for every size).
    const char *suites[] = {"AES_CM_128_HMAC_SHA1_80", "AES_CM_128_HMAC_SHA1_32", "AES_256_CM_HMAC_SHA1_80",
                            "AES_256_CM_HMAC_SHA1_32"};
    for (const char *s : suites) {
        QTest::addRow("%s in order", s) << QString(s) << 1000 << QString("in order") << 0 << false;
        QTest::addRow("%s wraps, reordered", s) << QString(s) << 65480 << QString("reordered") << 0 << false;
    }
    QTest::newRow("wraps with loss") << QString("AES_CM_128_HMAC_SHA1_80") << 65500 << QString("lossy") << 0 << false;
    QTest::newRow("duplicates") << QString("AES_CM_128_HMAC_SHA1_80") << 10 << QString("duplicates") << 0 << false;
    QTest::newRow("CSRCs and header extension")
        << QString("AES_CM_128_HMAC_SHA1_32") << 65530 << QString("reordered") << 2 << true;
}

void TestSrtpCm::matchesLibsrtp()
{
    QFETCH(QString, suite);
    QFETCH(int, seqStart);
    QFETCH(QString, order);
    QFETCH(int, csrcs);
    QFETCH(bool, extension);
    vv::capgen::SrtpSender sender(suite.toStdString(), 42);
    QVERIFY(sender.valid());
    const SrtpCrypto crypto = cryptoOf(sender);
    QVERIFY(SrtpCmSession::handles(crypto));
    SrtpCmSession session(crypto);
    QVERIFY(session.valid());

    constexpr std::uint32_t kSsrc = 0x11223344;
    std::vector<std::vector<std::uint8_t>> clear;
    std::vector<std::vector<std::uint8_t>> wire;
    for (int i = 0; i < 200; ++i) {
        clear.push_back(rtpPacket(std::uint16_t(seqStart + i), kSsrc, csrcs, extension));
        wire.push_back(clear.back());
        QVERIFY(sender.protect(wire.back()));
    }
    // The order the recorder sees them in, and what each must give.
    std::vector<std::pair<int, SrtpCmSession::Status>> seen;
    for (int i = 0; i < 200; ++i) {
        if (order == "reordered" && i % 10 == 3 && i + 1 < 200) {
            seen.push_back({i + 1, SrtpCmSession::Status::Ok});
            seen.push_back({i, SrtpCmSession::Status::Ok});
            ++i;
        } else if (order == "lossy" && i % 7 < 3) {
            continue;
        } else {
            seen.push_back({i, SrtpCmSession::Status::Ok});
            if (order == "duplicates" && i % 5 == 0)
                seen.push_back({i, SrtpCmSession::Status::Duplicate});
        }
    }
    std::vector<std::uint8_t> out;
    for (const auto &[i, expected] : seen) {
        const auto status = session.unprotect(wire[i].data(), wire[i].size(), &out);
        QVERIFY2(status == expected, qPrintable(QString("packet %1 gave %2").arg(i).arg(int(status))));
        if (expected == SrtpCmSession::Status::Ok)
            QVERIFY2(out == clear[i], qPrintable(QString("packet %1 decrypted differently").arg(i)));
    }
    std::uint32_t roc = 0;
    QVERIFY(session.roc(kSsrc, &roc));
    QCOMPARE(roc, seqStart + 199 > 65535 ? 1u : 0u);

    // Tampered: a flipped payload bit, a flipped tag bit; and a packet older than the 1,024-packet window.
    std::vector<std::uint8_t> bad = wire[150];
    bad[40] ^= 1;
    QVERIFY(session.unprotect(bad.data(), bad.size(), &out) != SrtpCmSession::Status::Ok);
    bad = wire[150];
    bad.back() ^= 0x80;
    QVERIFY(session.unprotect(bad.data(), bad.size(), &out) != SrtpCmSession::Status::Ok);
    QVERIFY(session.unprotect(wire[0].data(), 11, &out) == SrtpCmSession::Status::Malformed);
}

void TestSrtpCm::lateJoinFindsRollOverCounter()
{
    // A call the recorder joins with the roll-over counter at 3: the decryptor probes it (RFC 3711 3.3.1).
    vv::capgen::SrtpSender sender("AES_CM_128_HMAC_SHA1_80", 7);
    SrtpDecryptor decryptor;
    QVERIFY(decryptor.addKey(cryptoOf(sender), 0));
    std::vector<std::uint8_t> out;
    int decrypted = 0;
    for (int i = 0; i < 40; ++i) {
        std::vector<std::uint8_t> p = rtpPacket(std::uint16_t(500 + i), 0xabcdef01, 0, false);
        const std::vector<std::uint8_t> clear = p;
        QVERIFY(sender.protect(p, 3));
        if (decryptor.unprotectRtp(p.data(), p.size(), i * 20000, &out) == SrtpDecryptor::Result::Decrypted) {
            QVERIFY(out == clear);
            ++decrypted;
        }
    }
    QVERIFY2(decrypted >= 38, qPrintable(QString::number(decrypted)));
    QVERIFY(decryptor.counters().rocTrials > 0);
}

void TestSrtpCm::aeadStaysWithLibsrtp()
{
    vv::capgen::SrtpSender sender("AEAD_AES_128_GCM", 9);
    QVERIFY(!SrtpCmSession::handles(cryptoOf(sender)));
    SrtpDecryptor decryptor;
    QVERIFY(decryptor.addKey(cryptoOf(sender), 0));
    std::vector<std::uint8_t> p = rtpPacket(1, 5, 0, false);
    const std::vector<std::uint8_t> clear = p;
    QVERIFY(sender.protect(p));
    std::vector<std::uint8_t> out;
    QVERIFY(decryptor.unprotectRtp(p.data(), p.size(), 0, &out) == SrtpDecryptor::Result::Decrypted);
    QVERIFY(out == clear);
}

QTEST_GUILESS_MAIN(TestSrtpCm)
#include "tst_srtpcm.moc"
