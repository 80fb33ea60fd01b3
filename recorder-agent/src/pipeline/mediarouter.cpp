#include "pipeline/mediarouter.h"

namespace vv::agent {

namespace {
constexpr PacketTime kFlowSwitchIdle = 300'000; // us a locked media flow may be silent before another takes over
} // namespace

void MediaRouter::addEndpoint(Dialog &dialog, int side, const Endpoint &endpoint)
{
    m_endpoints[endpoint] = EndpointRef{&dialog, side, &m_flows[&dialog]};
}

std::optional<MediaRouter::Match> MediaRouter::find(const UdpDatagram &d) const
{
    auto it = m_endpoints.find(d.dst);
    if (it != m_endpoints.end())
        return Match{it->second.dialog, 1 - it->second.side, it->second.flows}; // sent to a side: the other spoke
    if ((it = m_endpoints.find(d.src)) != m_endpoints.end())
        return Match{it->second.dialog, it->second.side, it->second.flows};
    return std::nullopt;
}

bool MediaRouter::acceptFlow(const Match &m, const UdpDatagram &d)
{
    Flow &flow = m.flows->bySpeaker[m.speaker];
    const bool same = flow.locked && flow.src == d.src && flow.dst == d.dst;
    if (!same) {
        // Prefer the flow that matches what the latest SDP says (after a
        // re-INVITE moved the media); otherwise keep the locked flow unless it
        // has gone quiet.
        const Endpoint &mine = m.dialog->sides[m.speaker].latest;
        const Endpoint &theirs = m.dialog->sides[1 - m.speaker].latest;
        const int score = (d.src == mine ? 1 : 0) + (d.dst == theirs ? 1 : 0);
        const int lockedScore = (flow.src == mine ? 1 : 0) + (flow.dst == theirs ? 1 : 0);
        if (flow.locked && score <= lockedScore && d.ts - flow.lastSeen <= kFlowSwitchIdle) {
            ++m_counters.rtpSecondary;
            return false;
        }
        flow.locked = true;
        flow.src = d.src;
        flow.dst = d.dst;
    }
    flow.lastSeen = d.ts;
    return true;
}

void MediaRouter::remove(const Dialog &dialog)
{
    for (const Endpoint &e : dialog.mediaEndpoints) {
        auto it = m_endpoints.find(e);
        if (it != m_endpoints.end() && it->second.dialog == &dialog)
            m_endpoints.erase(it);
    }
    m_flows.erase(&dialog);
}

} // namespace vv::agent
