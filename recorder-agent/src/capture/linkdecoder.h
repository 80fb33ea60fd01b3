#pragma once
// Peels link, network and transport layers off a captured frame and yields the
// UDP payload with its endpoints. Knows the link types a VoIP host produces:
// Ethernet (with 802.1Q/802.1ad tags), Linux cooked v1/v2, BSD loopback and raw IP.
#include "common/netaddress.h"
#include "common/timeformat.h"

#include <cstddef>
#include <cstdint>

namespace vv::agent {

struct IpFragment
{
    std::uint32_t id = 0;      // IPv4 identification or IPv6 fragment id
    std::uint32_t offset = 0;  // bytes
    bool more = false;         // more fragments follow
    std::uint8_t protocol = 0; // of the reassembled payload (17 UDP, 6 TCP)
};

// A transport payload with its endpoints: a UDP datagram or a TCP segment.
struct UdpDatagram
{
    PacketTime ts = 0;
    Endpoint src;
    Endpoint dst;
    const std::uint8_t *payload = nullptr;
    std::size_t length = 0;
    bool truncated = false; // snap length cut the payload
    bool tcp = false;
    std::uint32_t tcpSeq = 0;
    std::uint8_t tcpFlags = 0; // FIN 0x01, SYN 0x02, RST 0x04
    IpFragment fragment;       // valid when decode() said Fragment: payload is the fragment's data
};

enum class DecodeStatus {
    Udp,      // *out is a UDP datagram
    Tcp,      // *out is a TCP segment
    NotUdp,   // well-formed but not interesting (ARP, ICMP, ...)
    Fragment, // an IP fragment: *out holds addresses, fragment info and its data
    UnsupportedLink,
    Malformed, // lengths or versions do not add up
};

class LinkDecoder
{
public:
    static bool isSupportedLinkType(int dlt);
    static DecodeStatus decode(int dlt, const std::uint8_t *data, std::size_t caplen, PacketTime ts, UdpDatagram *out);
    static DecodeStatus decodeIp(const std::uint8_t *data, std::size_t len, PacketTime ts, UdpDatagram *out);
    // The transport header of a (reassembled) IP payload; addresses in *out are kept.
    static DecodeStatus decodeTransport(std::uint8_t protocol, const std::uint8_t *data, std::size_t len,
                                        std::size_t claimedLen, UdpDatagram *out);
};

} // namespace vv::agent
