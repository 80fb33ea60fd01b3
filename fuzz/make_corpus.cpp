// Builds the fuzzers' seed corpus from capture files (the generator's demo
// capture and any other): every frame, every SIP message, every SDP body and
// records of RTP packets, one file each.
#include "capture/linkdecoder.h"
#include "capture/packetsource.h"
#include "rtp/rtppacket.h"
#include "sip/sipmessage.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <cstdio>

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
    std::printf("corpus written to %s from %d frames\n", qPrintable(out), frames);
    return 0;
}
