#pragma once
// RTP demultiplexing: which call and which party a UDP datagram belongs to,
// by the media endpoints the calls' SDP named (destination first, then
// source), and which copy of a direction is the one to record when a proxy or
// media relay shows the same audio twice (flow locking).
#include "calls/dialog.h"
#include "capture/linkdecoder.h"

#include <cstdint>
#include <optional>
#include <unordered_map>

namespace vv::agent {

struct MediaCounters
{
    std::uint64_t rtpPackets = 0;   // matched to a call
    std::uint64_t rtpInvalid = 0;   // matched endpoint but not RTP
    std::uint64_t rtpSecondary = 0; // a second copy of a direction (proxy/relay)
};

class MediaRouter
{
public:
    struct Flows;
    struct Match
    {
        Dialog *dialog = nullptr;
        int speaker = 0; // kCaller or kCallee: the side that sent the datagram
        Flows *flows = nullptr;
    };

    void addEndpoint(Dialog &dialog, int side, const Endpoint &endpoint);
    // The call and sending side of a datagram, if it is addressed to or from a known media endpoint.
    std::optional<Match> find(const UdpDatagram &d) const;
    // One flow per direction: true if this datagram is the copy of `speaker`'s audio to record.
    bool acceptFlow(const Match &m, const UdpDatagram &d);
    // The call ended: forget its endpoints and flows.
    void remove(const Dialog &dialog);

    MediaCounters &counters() { return m_counters; }
    const MediaCounters &counters() const { return m_counters; }

    struct Flow
    {
        bool locked = false;
        Endpoint src;
        Endpoint dst;
        PacketTime lastSeen = 0;
    };
    struct Flows
    {
        Flow bySpeaker[2];
    };

private:
    struct EndpointRef
    {
        Dialog *dialog = nullptr;
        int side = 0;
        Flows *flows = nullptr; // node of m_flows: stable while the call lasts
    };

    std::unordered_map<Endpoint, EndpointRef, EndpointHash> m_endpoints;
    std::unordered_map<const Dialog *, Flows> m_flows;
    MediaCounters m_counters;
};

} // namespace vv::agent
