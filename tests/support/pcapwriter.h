// Writes capture files the way tcpdump/dumpcap do: classic pcap (µs) or pcapng (SHB/IDB/EPB), with the link
// layers a recorder meets in the field (Ethernet ± 802.1Q, Linux cooked v1/v2, BSD loopback, raw IP).
#pragma once

#include "packet.h"

#include <cstdio>
#include <optional>
#include <string>
#include <vector>

namespace vv::capgen {

enum class LinkType : uint32_t {
    Null = 0, // BSD loopback: 4-byte address family in host byte order
    Ethernet = 1,
    RawIp = 101,
    LinuxSll = 113,
    LinuxSll2 = 276,
};

struct CaptureOptions
{
    LinkType link = LinkType::Ethernet;
    bool pcapng = false;
    std::optional<uint16_t> vlanId; // Ethernet only
    uint32_t snaplen = 262144;
};

// IP + UDP datagram (with checksums) for a packet; empty if an address does not parse.
std::vector<uint8_t> buildIpDatagram(const GenPacket &packet, uint16_t ipId = 0);
// Complete link-layer frame for a packet.
std::vector<uint8_t> buildFrame(const GenPacket &packet, const CaptureOptions &options, uint16_t ipId = 0);

class PcapWriter
{
public:
    PcapWriter() = default;
    ~PcapWriter();
    PcapWriter(const PcapWriter &) = delete;
    PcapWriter &operator=(const PcapWriter &) = delete;

    bool open(const std::string &path, const CaptureOptions &options);
    bool write(const GenPacket &packet);
    // Writes an arbitrary frame; origLen > frame size records a packet truncated by the snap length.
    bool writeFrame(double ts, const std::vector<uint8_t> &frame, uint32_t origLen = 0);
    bool close();
    const std::string &error() const { return m_error; }

private:
    bool put(const void *data, size_t size);

    std::FILE *m_file = nullptr;
    CaptureOptions m_options;
    uint16_t m_ipId = 1;
    std::string m_error;
};

// Convenience: writes all packets in order. Returns false and sets *error on failure.
bool writeCapture(const std::string &path, const std::vector<GenPacket> &packets, const CaptureOptions &options,
                  std::string *error = nullptr);

} // namespace vv::capgen
