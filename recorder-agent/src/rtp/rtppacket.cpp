#include "rtp/rtppacket.h"

namespace vv::agent {

RtpParse parseRtp(const std::uint8_t *d, std::size_t len, RtpPacket *out)
{
    if (len < 12 || (d[0] >> 6) != 2)
        return RtpParse::Invalid;
    // RFC 5761 4: RTCP packet types 192-223 occupy the RTP marker+PT byte range 64-95.
    const int pt7 = d[1] & 0x7f;
    if (pt7 >= 64 && pt7 <= 95)
        return RtpParse::Rtcp;
    const bool padding = d[0] & 0x20;
    const bool extension = d[0] & 0x10;
    const std::size_t csrcCount = d[0] & 0x0f;
    std::size_t offset = 12 + 4 * csrcCount;
    if (offset > len)
        return RtpParse::Invalid;
    if (extension) {
        if (offset + 4 > len)
            return RtpParse::Invalid;
        const std::size_t words = static_cast<std::size_t>(d[offset + 2] << 8 | d[offset + 3]);
        offset += 4 + 4 * words;
        if (offset > len)
            return RtpParse::Invalid;
    }
    std::size_t end = len;
    if (padding) {
        const std::size_t pad = d[len - 1];
        if (pad == 0 || offset + pad > len)
            return RtpParse::Invalid;
        end -= pad;
    }
    out->marker = d[1] & 0x80;
    out->payloadType = pt7;
    out->sequence = static_cast<std::uint16_t>(d[2] << 8 | d[3]);
    out->timestamp = static_cast<std::uint32_t>(d[4]) << 24 | d[5] << 16 | d[6] << 8 | d[7];
    out->ssrc = static_cast<std::uint32_t>(d[8]) << 24 | d[9] << 16 | d[10] << 8 | d[11];
    out->payload = d + offset;
    out->payloadLength = end - offset;
    return RtpParse::Rtp;
}

} // namespace vv::agent
