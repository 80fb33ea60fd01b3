#pragma once
// RTP fixed header parsing (RFC 3550 section 5.1) with CSRC list, extension
// header and padding handled, plus the RFC 5761 test that tells RTCP apart
// when RTP and RTCP share a port.
#include <cstddef>
#include <cstdint>

namespace vv::agent {

struct RtpPacket
{
    bool marker = false;
    int payloadType = 0;
    std::uint16_t sequence = 0;
    std::uint32_t timestamp = 0;
    std::uint32_t ssrc = 0;
    const std::uint8_t *payload = nullptr;
    std::size_t payloadLength = 0;
};

enum class RtpParse { Rtp, Rtcp, Invalid };

RtpParse parseRtp(const std::uint8_t *data, std::size_t len, RtpPacket *out);

} // namespace vv::agent
