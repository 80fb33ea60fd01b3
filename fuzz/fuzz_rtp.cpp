// libFuzzer target: the RTP path of a recording — header parsing, placement
// on the timeline (reordering, jumps, SSRC changes), every decoder, and the
// Opus encoder behind them. Input: records of
// [length][arrival step][codec][RTP bytes...].
#include "audio/callrecorder.h"
#include "rtp/rtppacket.h"

#include <QDir>
#include <QString>
#include <cstddef>
#include <cstdint>
#include <unistd.h>

using namespace vv::agent;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static const char *kCodecs[] = {"PCMU", "PCMA", "G722", "G729", "GSM", "OPUS", "TELEPHONE-EVENT", "CN", "PT96"};
    static const QString path = QDir::tempPath() + QStringLiteral("/vv-fuzz-rtp-%1.opus.part").arg(::getpid());
    QDir().remove(path);
    const bool wide = size > 0 && (data[0] & 1);
    OpusSettings settings;
    settings.inputRate = wide ? 16000 : 8000;
    CallRecorder rec(path, 1'000'000, 120, settings);
    QString error;
    if (!rec.open({}, &error))
        return 0;
    PacketTime t = 1'000'000;
    std::size_t pos = 1;
    while (pos + 3 <= size) {
        const std::size_t len = data[pos];
        const PacketTime step = PacketTime(data[pos + 1]) * 1000;
        const char *codec = kCodecs[data[pos + 2] % (sizeof kCodecs / sizeof kCodecs[0])];
        pos += 3;
        if (pos + len > size)
            break;
        t += step;
        RtpPacket rtp;
        if (parseRtp(data + pos, len, &rtp) == RtpParse::Rtp) {
            const int clock = std::string(codec) == "OPUS" ? 48000 : 8000;
            rec.addRtp((data[pos] & 2) ? Party::Extension : Party::FarEnd, t, rtp, codec, clock);
        }
        rec.advance(t, &error);
        pos += len;
    }
    rec.finish(t + 20'000, &error);
    QDir().remove(path);
    return 0;
}
