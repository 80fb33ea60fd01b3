// Builds the fuzzers' seed corpus from capture files (the generator's demo
// capture and any other): every frame, every SIP message, every SDP body and
// records of RTP packets, one file each.
#include "capture/linkdecoder.h"
#include "capture/packetsource.h"
#include "rtp/rtppacket.h"
#include "rtp/srtpkeys.h"
#include "sip/sipmessage.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <cstdio>
#include <cstring>
#include <srtp2/srtp.h>

using namespace vv::agent;

namespace {

void save(const QString &dir, const QByteArray &bytes)
{
    QDir().mkpath(dir);
    const QString name = QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha1).toHex());
    QFile f(dir + QLatin1Char('/') + name);
    if (f.open(QIODevice::WriteOnly))
        f.write(bytes);
}

// An RTP packet (PCMU, 80 bytes of audio) protected with fuzz_srtp's fixed key in suite number `suite`.
QByteArray protectedSeed(int suite, int index)
{
    static const char kKey[] = "vipvault-fuzz-srtp-key-and-salt-0123456789abcd";
    static const char *kSuites[] = {"AES_CM_128_HMAC_SHA1_80", "AES_CM_128_HMAC_SHA1_32", "AES_256_CM_HMAC_SHA1_80",
                                    "AEAD_AES_128_GCM", "AEAD_AES_256_GCM"};
    static const std::pair<void (*)(srtp_crypto_policy_t *), int> kSetters[] = {
        {srtp_crypto_policy_set_rtp_default, 30},
        {srtp_crypto_policy_set_aes_cm_128_hmac_sha1_32, 30},
        {srtp_crypto_policy_set_aes_cm_256_hmac_sha1_80, 46},
        {srtp_crypto_policy_set_aes_gcm_128_16_auth, 28},
        {srtp_crypto_policy_set_aes_gcm_256_16_auth, 44}};
    static bool initialised = srtp_init() == srtp_err_status_ok;
    static srtp_t sessions[5] = {};
    if (!initialised || !srtpSuiteNamed(kSuites[suite]))
        return {};
    if (!sessions[suite]) {
        srtp_policy_t p;
        std::memset(&p, 0, sizeof p);
        kSetters[suite].first(&p.rtp);
        kSetters[suite].first(&p.rtcp);
        p.ssrc.type = ssrc_any_outbound;
        p.key = reinterpret_cast<unsigned char *>(const_cast<char *>(kKey));
        if (srtp_create(&sessions[suite], &p) != srtp_err_status_ok)
            return {};
    }
    std::vector<std::uint8_t> packet(12 + 80 + SRTP_MAX_TRAILER_LEN, 0xD5);
    packet[0] = 0x80;
    packet[1] = 0;
    packet[2] = 0x12;
    packet[3] = std::uint8_t(index);
    packet[7] = std::uint8_t(index * 80);
    packet[11] = 0x42;
    int len = 12 + 80;
    if (srtp_protect(sessions[suite], packet.data(), &len) != srtp_err_status_ok)
        return {};
    return QByteArray(reinterpret_cast<const char *>(packet.data()), len);
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 3) {
        std::fprintf(stderr, "usage: make_corpus OUTDIR CAPTURE...\n");
        return 2;
    }
    const QString out = QString::fromLocal8Bit(argv[1]);
    QByteArray rtpRecords;
    int frames = 0;
    for (int i = 2; i < argc; ++i) {
        readCaptureFile(QString::fromLocal8Bit(argv[i]), [&](PacketTime ts, int dlt, const std::uint8_t *d,
                                                             std::size_t n) {
            static const int kLinks[] = {1, 113, 276, 0, 108, 101, 12, 228, 229};
            int index = 0;
            for (int k = 0; k < 9; ++k)
                if (kLinks[k] == dlt)
                    index = k;
            if (frames++ % 7 == 0) // every frame would be thousands of near-identical RTP seeds
                save(out + QStringLiteral("/linkdecoder"),
                     QByteArray(1, char(index)) + QByteArray(reinterpret_cast<const char *>(d), int(n)));
            UdpDatagram u;
            if (LinkDecoder::decode(dlt, d, n, ts, &u) != DecodeStatus::Udp)
                return;
            const QByteArray payload(reinterpret_cast<const char *>(u.payload), int(u.length));
            if (looksLikeSip(u.payload, u.length)) {
                save(out + QStringLiteral("/sip"), payload);
                const int body = payload.indexOf("\r\n\r\nv=0");
                if (body > 0)
                    save(out + QStringLiteral("/sdp"), payload.mid(body + 4));
                return;
            }
            RtpPacket rtp;
            if (parseRtp(u.payload, u.length, &rtp) == RtpParse::Rtp && u.length < 256 && rtpRecords.size() < 4000) {
                rtpRecords.append(char(u.length));
                rtpRecords.append(char(20));
                rtpRecords.append(char(rtp.payloadType == 8 ? 1 : 0));
                rtpRecords.append(payload);
            }
        });
    }
    save(out + QStringLiteral("/rtp"), QByteArray(1, 0) + rtpRecords);
    // SDP with security descriptions (good and malformed a=crypto lines, DTLS fingerprints).
    const QByteArray head = "v=0\r\no=- 1 1 IN IP4 192.0.2.5\r\ns=-\r\nc=IN IP4 192.0.2.5\r\nt=0 0\r\n";
    const char *const security[] = {
        "m=audio 5000 RTP/SAVP 0 101\r\na=crypto:1 AES_CM_128_HMAC_SHA1_80 "
        "inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^31|1:4\r\na=crypto:2 AES_CM_128_HMAC_SHA1_32 "
        "inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz UNENCRYPTED_SRTCP WSH=256\r\n",
        "m=audio 5000 RTP/SAVP 8\r\na=crypto:1 AEAD_AES_256_GCM inline:"
        "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVpBQkNERUZHSElKS0xNTk9QUVI=\r\n",
        "m=audio 5000 UDP/TLS/RTP/SAVPF 0\r\na=fingerprint:sha-256 AB:CD:EF\r\na=setup:actpass\r\n",
        "m=audio 5000 RTP/SAVP 0\r\na=crypto:1 F8_128_HMAC_SHA1_80 inline:!!\r\na=crypto:\r\n",
    };
    for (const char *media : security)
        save(out + QStringLiteral("/sdp"), head + media);
    // SRTP: RTP seeds protected with fuzz_srtp's fixed key in each suite (the first byte picks the suite).
    QByteArray srtpRecords;
    for (int suite = 0; suite < 5; ++suite) {
        QByteArray seed(1, char(suite));
        for (int i = 0; i < 12; ++i) {
            const QByteArray packet = protectedSeed(suite, i);
            if (packet.isEmpty())
                break;
            seed.append(char(packet.size()));
            seed.append(packet);
        }
        save(out + QStringLiteral("/srtp"), seed);
    }
    // HTTP: request heads real clients send, and the smuggling and flooding shapes the server refuses.
    const char *const httpSeeds[] = {
        "GET /api/v1/healthz HTTP/1.1\r\nHost: 127.0.0.1:8443\r\n\r\n",
        "POST /api/v1/session HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nContent-Length: 41\r\n\r\n",
        "GET /api/v1/vaults/1/recordings?number=%2B44&limit=50&cursor=abc HTTP/1.1\r\nHost: a\r\n"
        "Authorization: Bearer x\r\nRange: bytes=0-\r\n\r\n",
        "PUT /api/v1/vaults/1/settings?dry_run=true HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n"
        "Expect: 100-continue\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding : chunked\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: a\r\nX: one\r\n two\r\n\r\n",
        "GET / HTTP/1.0\n\n",
    };
    for (const char *seed : httpSeeds)
        save(out + QStringLiteral("/http"), QByteArray(seed));
    std::printf("corpus written to %s from %d frames\n", qPrintable(out), frames);
    return 0;
}
