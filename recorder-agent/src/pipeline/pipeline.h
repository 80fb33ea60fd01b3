#pragma once
// Frames in, call reports out: decode layers -> SIP parser or RTP demux ->
// call tracker -> recorders. The same object serves replay and live capture;
// its clock is the packet timestamps, never the wall clock.
#include "capture/ipreassembler.h"
#include "config/agentconfig.h"
#include "pipeline/callrecordings.h"
#include "sip/tcpsipstream.h"

#include <QJsonObject>
#include <cstdint>

namespace vv::agent {

struct PipelineCounters
{
    std::uint64_t frames = 0;
    std::uint64_t udp = 0;
    std::uint64_t malformed = 0; // frames whose layers do not add up
    std::uint64_t truncated = 0; // payload cut by the snap length
    std::uint64_t fragments = 0;
    std::uint64_t reassembled = 0; // datagrams rebuilt from fragments
    std::uint64_t tcpSegments = 0;
    std::uint64_t unsupportedLink = 0;
    std::uint64_t sipMessages = 0;
    std::uint64_t malformedSip = 0;
    std::uint64_t unmatchedUdp = 0;
    std::uint64_t truncatedCaptures = 0;
    std::uint64_t captureDrops = 0;   // live: kernel + queue
    std::uint64_t sipTlsSegments = 0; // TCP to or from port 5061: SIP over TLS, which no recorder can read
};

class Pipeline
{
public:
    Pipeline(const AgentConfig &config, VaultStore *store, CallRecordings::ReportSink sink);
    CallRecordings &calls() { return m_calls; }

    void onFrame(PacketTime ts, int linkType, const std::uint8_t *data, std::size_t caplen);
    // Moves the clock without a packet (a quiet live interface still ages calls).
    void advanceClock(PacketTime now);
    void finish(const QString &cause);

    PipelineCounters &counters() { return m_counters; }
    const CallRecordings &calls() const { return m_calls; }
    QJsonObject summary() const;
    PacketTime now() const { return m_now; }

private:
    bool isSipPort(std::uint16_t port) const;
    void handleSip(const UdpDatagram &d);
    void handleSipText(std::string_view text, const UdpDatagram &d);
    void route(const UdpDatagram &d);

    AgentConfig m_config;
    CallRecordings m_calls;
    IpReassembler m_fragments;
    TcpSipStreams m_tcp;
    PipelineCounters m_counters;
    VaultStore *m_store = nullptr;
    PacketTime m_now = 0;
    PacketTime m_lastTick = 0;
    std::uint64_t m_loggedMalformed = 0;
};

} // namespace vv::agent
