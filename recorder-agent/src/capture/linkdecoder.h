#pragma once
// Peels link, network and transport layers off a captured frame and yields the
// UDP payload with its endpoints. Knows the link types a VoIP host produces:
// Ethernet (with 802.1Q/802.1ad tags), Linux cooked v1/v2, BSD loopback and raw IP.
#include "common/netaddress.h"
#include "common/timeformat.h"

#include <cstddef>
#include <cstdint>

struct UdpDatagram
{
    PacketTime ts = 0;
    Endpoint src;
    Endpoint dst;
    const std::uint8_t *payload = nullptr;
    std::size_t length = 0;
    bool truncated = false; // snap length cut the payload
};

enum class DecodeStatus {
    Udp,      // *out is valid
    NotUdp,   // well-formed but not interesting (ARP, TCP, ICMP, ...)
    Fragment, // an IP fragment (reassembly is not done at this layer)
    UnsupportedLink,
    Malformed, // lengths or versions do not add up
};

class LinkDecoder
{
public:
    static bool isSupportedLinkType(int dlt);
    static DecodeStatus decode(int dlt, const std::uint8_t *data, std::size_t caplen, PacketTime ts, UdpDatagram *out);
    static DecodeStatus decodeIp(const std::uint8_t *data, std::size_t len, PacketTime ts, UdpDatagram *out);
};
