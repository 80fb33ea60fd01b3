#pragma once
// SIP over TCP (RFC 3261 18.3): rebuilds each direction's byte stream from
// segments (reordering and retransmissions handled) and cuts it into messages
// by Content-Length, so several messages in one segment and one message over
// several segments both come out whole. A capture that starts mid-stream
// resynchronises at the next SIP start line. Bounded per flow and in flows.
#include "capture/linkdecoder.h"

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <tuple>

namespace vv::agent {

class TcpSipStreams
{
public:
    using MessageSink = std::function<void(std::string_view message, const UdpDatagram &segment)>;

    void add(const UdpDatagram &segment, const MessageSink &sink);
    void expire(PacketTime now);
    std::uint64_t gaps() const { return m_gaps; }           // bytes never seen: stream resynchronised
    std::uint64_t oversized() const { return m_oversized; } // messages beyond the size limit, skipped

private:
    struct Key
    {
        Endpoint src;
        Endpoint dst;
        bool operator<(const Key &o) const
        {
            return std::tie(src.address.family, src.address.bytes, src.port, dst.address.bytes, dst.port) <
                   std::tie(o.src.address.family, o.src.address.bytes, o.src.port, o.dst.address.bytes, o.dst.port);
        }
    };
    struct Flow
    {
        bool synced = false;
        std::uint32_t nextSeq = 0;
        std::string buffer;
        std::map<std::uint32_t, std::string> early; // out-of-order segments by sequence number
        std::size_t earlyBytes = 0;
        PacketTime lastSeen = 0;
    };
    void append(Flow &flow, std::uint32_t seq, std::string_view data);
    void extract(Flow &flow, const UdpDatagram &segment, const MessageSink &sink);

    std::map<Key, Flow> m_flows;
    std::uint64_t m_gaps = 0;
    std::uint64_t m_oversized = 0;
};

} // namespace vv::agent
