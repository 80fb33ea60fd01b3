#pragma once
// Puts IP fragments back together (IPv4 RFC 791, IPv6 RFC 8200), so a large
// SIP INVITE sent over UDP in several fragments is parsed whole. Bounded:
// at most 64 KiB per datagram and a fixed number of datagrams in progress;
// incomplete ones are dropped after 30 s of packet time, and counted.
#include "capture/linkdecoder.h"

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

namespace vv::agent {

class IpReassembler
{
public:
    struct Result
    {
        std::vector<std::uint8_t> payload; // the whole IP payload (transport header + data)
        std::uint8_t protocol = 0;
    };
    // Adds a fragment; returns the reassembled payload when it completes.
    std::optional<Result> add(const UdpDatagram &fragment);
    void expire(PacketTime now);
    std::uint64_t timedOut() const { return m_timedOut; }
    std::uint64_t refused() const { return m_refused; }

private:
    struct Key
    {
        IpAddress src;
        IpAddress dst;
        std::uint32_t id;
        std::uint8_t protocol;
        bool operator<(const Key &o) const;
    };
    struct Pending
    {
        PacketTime first = 0;
        std::map<std::uint32_t, std::vector<std::uint8_t>> pieces; // offset -> bytes
        std::uint32_t totalLength = 0;                             // known once the last fragment arrived
        bool haveLast = false;
    };
    std::map<Key, Pending> m_pending;
    std::uint64_t m_timedOut = 0;
    std::uint64_t m_refused = 0;
};

} // namespace vv::agent
