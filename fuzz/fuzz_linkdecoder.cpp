// libFuzzer target: the packet decode layers (link types, VLAN, IPv4/IPv6,
// UDP, TCP) plus IP fragment reassembly and SIP-over-TCP stream reassembly.
#include "capture/ipreassembler.h"
#include "capture/linkdecoder.h"
#include "sip/tcpsipstream.h"

#include <cstddef>
#include <cstdint>

using namespace vv::agent;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static const int kLinks[] = {1, 113, 276, 0, 108, 101, 12, 228, 229};
    static IpReassembler fragments;
    static TcpSipStreams streams;
    if (size < 1)
        return 0;
    const int dlt = kLinks[data[0] % (sizeof kLinks / sizeof kLinks[0])];
    UdpDatagram d;
    static PacketTime now = 0;
    now += 1000;
    const DecodeStatus s = LinkDecoder::decode(dlt, data + 1, size - 1, now, &d);
    if (s == DecodeStatus::Fragment) {
        if (auto whole = fragments.add(d)) {
            UdpDatagram r;
            LinkDecoder::decodeTransport(whole->protocol, whole->payload.data(), whole->payload.size(),
                                         whole->payload.size(), &r);
        }
    } else if (s == DecodeStatus::Tcp) {
        streams.add(d, [](std::string_view, const UdpDatagram &) {});
    }
    if (now % 1'000'000 == 0) {
        fragments.expire(now);
        streams.expire(now);
    }
    return 0;
}
