#include "capture/linkdecoder.h"

#include <pcap/dlt.h>

namespace vv::agent {

namespace {

constexpr int kDltLinuxSll2 = 276;
constexpr int kDltIpv4 = 228;
constexpr int kDltIpv6 = 229;

std::uint16_t be16(const std::uint8_t *p)
{
    return static_cast<std::uint16_t>(p[0] << 8 | p[1]);
}
std::uint32_t le32(const std::uint8_t *p)
{
    return p[0] | p[1] << 8 | p[2] << 16 | static_cast<std::uint32_t>(p[3]) << 24;
}
std::uint32_t be32(const std::uint8_t *p)
{
    return static_cast<std::uint32_t>(p[0]) << 24 | p[1] << 16 | p[2] << 8 | p[3];
}

DecodeStatus decodeUdp(const std::uint8_t *p, std::size_t len, std::size_t claimedIpPayload, UdpDatagram *out)
{
    if (len < 8)
        return DecodeStatus::Malformed;
    out->src.port = be16(p);
    out->dst.port = be16(p + 2);
    const std::size_t udpLen = be16(p + 4);
    if (udpLen < 8 || udpLen > claimedIpPayload)
        return DecodeStatus::Malformed;
    const std::size_t want = udpLen - 8;
    const std::size_t have = len - 8;
    out->payload = p + 8;
    out->length = want <= have ? want : have;
    out->truncated = want > have;
    return DecodeStatus::Udp;
}

DecodeStatus decodeTcp(const std::uint8_t *p, std::size_t len, UdpDatagram *out)
{
    if (len < 20)
        return DecodeStatus::Malformed;
    const std::size_t dataOffset = static_cast<std::size_t>(p[12] >> 4) * 4;
    if (dataOffset < 20 || dataOffset > len)
        return DecodeStatus::Malformed;
    out->src.port = be16(p);
    out->dst.port = be16(p + 2);
    out->tcp = true;
    out->tcpSeq = be32(p + 4);
    out->tcpFlags = p[13] & 0x07;
    out->payload = p + dataOffset;
    out->length = len - dataOffset;
    return DecodeStatus::Tcp;
}

DecodeStatus decodeEtherType(std::uint16_t type, const std::uint8_t *p, std::size_t len, PacketTime ts,
                             UdpDatagram *out)
{
    // Skip any stack of VLAN tags (802.1Q, 802.1ad, old QinQ).
    int tags = 0;
    while (type == 0x8100 || type == 0x88a8 || type == 0x9100) {
        if (len < 4 || ++tags > 4)
            return DecodeStatus::Malformed;
        type = be16(p + 2);
        p += 4;
        len -= 4;
    }
    if (type == 0x0800 || type == 0x86dd)
        return LinkDecoder::decodeIp(p, len, ts, out);
    return DecodeStatus::NotUdp;
}

} // namespace

bool LinkDecoder::isSupportedLinkType(int dlt)
{
    switch (dlt) {
    case DLT_EN10MB:
    case DLT_LINUX_SLL:
    case kDltLinuxSll2:
    case DLT_NULL:
    case DLT_LOOP:
    case DLT_RAW:
    case 101: // LINKTYPE_RAW as stored in files
    case 14:  // DLT_RAW on OpenBSD
    case kDltIpv4:
    case kDltIpv6:
        return true;
    default:
        return false;
    }
}

DecodeStatus LinkDecoder::decode(int dlt, const std::uint8_t *p, std::size_t len, PacketTime ts, UdpDatagram *out)
{
    switch (dlt) {
    case DLT_EN10MB:
        if (len < 14)
            return DecodeStatus::Malformed;
        return decodeEtherType(be16(p + 12), p + 14, len - 14, ts, out);
    case DLT_LINUX_SLL:
        if (len < 16)
            return DecodeStatus::Malformed;
        return decodeEtherType(be16(p + 14), p + 16, len - 16, ts, out);
    case kDltLinuxSll2:
        if (len < 20)
            return DecodeStatus::Malformed;
        return decodeEtherType(be16(p), p + 20, len - 20, ts, out);
    case DLT_NULL:
    case DLT_LOOP: {
        if (len < 4)
            return DecodeStatus::Malformed;
        // DLT_NULL stores the family in the capturing host's byte order; accept both.
        const std::uint32_t fam = dlt == DLT_LOOP ? be32(p) : (le32(p) < 0x10000 ? le32(p) : be32(p));
        if (fam == 2 || fam == 24 || fam == 28 || fam == 30)
            return decodeIp(p + 4, len - 4, ts, out);
        return DecodeStatus::NotUdp;
    }
    case DLT_RAW:
    case 101:
    case 14:
    case kDltIpv4:
    case kDltIpv6:
        return decodeIp(p, len, ts, out);
    default:
        return DecodeStatus::UnsupportedLink;
    }
}

DecodeStatus LinkDecoder::decodeTransport(std::uint8_t protocol, const std::uint8_t *data, std::size_t len,
                                          std::size_t claimedLen, UdpDatagram *out)
{
    if (protocol == 17)
        return decodeUdp(data, len, claimedLen, out);
    if (protocol == 6)
        return decodeTcp(data, len, out);
    return DecodeStatus::NotUdp;
}

DecodeStatus LinkDecoder::decodeIp(const std::uint8_t *p, std::size_t len, PacketTime ts, UdpDatagram *out)
{
    if (len < 1)
        return DecodeStatus::Malformed;
    out->ts = ts;
    const int version = p[0] >> 4;
    if (version == 4) {
        if (len < 20)
            return DecodeStatus::Malformed;
        const std::size_t ihl = static_cast<std::size_t>(p[0] & 0x0f) * 4;
        const std::size_t total = be16(p + 2);
        if (ihl < 20 || total < ihl || len < ihl)
            return DecodeStatus::Malformed;
        out->src.address = IpAddress::fromV4(p + 12);
        out->dst.address = IpAddress::fromV4(p + 16);
        // Ethernet padding can make the frame longer than the IP packet; trust total length.
        const std::size_t avail = (len < total ? len : total) - ihl;
        const std::uint16_t frag = be16(p + 6);
        if ((frag & 0x3fff) != 0) { // MF set or non-zero offset
            out->fragment.id = be16(p + 4);
            out->fragment.offset = static_cast<std::uint32_t>(frag & 0x1fff) * 8;
            out->fragment.more = (frag & 0x2000) != 0;
            out->fragment.protocol = p[9];
            out->payload = p + ihl;
            out->length = avail;
            return DecodeStatus::Fragment;
        }
        return decodeTransport(p[9], p + ihl, avail, total - ihl, out);
    }
    if (version == 6) {
        if (len < 40)
            return DecodeStatus::Malformed;
        const std::size_t payloadLen = be16(p + 4);
        std::uint8_t next = p[6];
        out->src.address = IpAddress::fromV6(p + 8);
        out->dst.address = IpAddress::fromV6(p + 24);
        const std::uint8_t *q = p + 40;
        std::size_t avail = len - 40 < payloadLen ? len - 40 : payloadLen;
        std::size_t claimed = payloadLen;
        // Walk extension headers; each is at least 8 bytes.
        for (int hops = 0; hops < 8; ++hops) {
            if (next == 17 || next == 6)
                return decodeTransport(next, q, avail, claimed, out);
            if (next == 44) { // RFC 8200 4.5 fragment header
                if (avail < 8)
                    return DecodeStatus::Malformed;
                const std::uint16_t offMf = be16(q + 2);
                out->fragment.protocol = q[0];
                out->fragment.offset = static_cast<std::uint32_t>(offMf >> 3) * 8;
                out->fragment.more = (offMf & 1) != 0;
                out->fragment.id = be32(q + 4);
                out->payload = q + 8;
                out->length = avail - 8;
                return DecodeStatus::Fragment;
            }
            if (next != 0 && next != 43 && next != 60)
                return DecodeStatus::NotUdp;
            if (avail < 8)
                return DecodeStatus::Malformed;
            const std::size_t extLen = (static_cast<std::size_t>(q[1]) + 1) * 8;
            if (extLen > avail)
                return DecodeStatus::Malformed;
            next = q[0];
            q += extLen;
            avail -= extLen;
            claimed -= extLen;
        }
        return DecodeStatus::Malformed;
    }
    return DecodeStatus::Malformed;
}

} // namespace vv::agent
