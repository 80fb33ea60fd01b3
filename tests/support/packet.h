// The generator's unit of traffic: one UDP datagram at a capture timestamp.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace vv::capgen {

struct Endpoint
{
    std::string ip; // dotted IPv4 or textual IPv6
    uint16_t port = 0;

    bool isIpv6() const { return ip.find(':') != std::string::npos; }
    bool operator==(const Endpoint &) const = default;
};

struct GenPacket
{
    double ts = 0.0; // seconds since the Unix epoch
    Endpoint src;
    Endpoint dst;
    std::vector<uint8_t> payload; // UDP payload
};

} // namespace vv::capgen
