#include "pcapwriter.h"

#include <arpa/inet.h>
#include <cmath>
#include <cstring>

namespace vv::capgen {

namespace {

void put16(std::vector<uint8_t> &out, uint16_t v)
{
    out.push_back(uint8_t(v >> 8));
    out.push_back(uint8_t(v));
}

void put32(std::vector<uint8_t> &out, uint32_t v)
{
    put16(out, uint16_t(v >> 16));
    put16(out, uint16_t(v));
}

uint32_t checksumAdd(uint32_t sum, const uint8_t *data, size_t size)
{
    for (size_t i = 0; i + 1 < size; i += 2)
        sum += uint32_t(data[i]) << 8 | data[i + 1];
    if (size & 1)
        sum += uint32_t(data[size - 1]) << 8;
    return sum;
}

uint16_t checksumFinish(uint32_t sum)
{
    while (sum >> 16)
        sum = (sum & 0xFFFF) + (sum >> 16);
    return uint16_t(~sum);
}

// Stable fake MAC per IP so a conversation keeps its addresses across packets.
void macFor(const std::string &ip, uint8_t mac[6])
{
    uint32_t h = 2166136261u;
    for (char c : ip)
        h = (h ^ uint8_t(c)) * 16777619u;
    mac[0] = 0x02; // locally administered, unicast
    mac[1] = 0x42;
    mac[2] = uint8_t(h >> 24);
    mac[3] = uint8_t(h >> 16);
    mac[4] = uint8_t(h >> 8);
    mac[5] = uint8_t(h);
}

} // namespace

std::vector<uint8_t> buildIpDatagram(const GenPacket &packet, uint16_t ipId)
{
    const bool v6 = packet.src.isIpv6();
    uint8_t src[16] = {}, dst[16] = {};
    const int family = v6 ? AF_INET6 : AF_INET;
    if (inet_pton(family, packet.src.ip.c_str(), src) != 1 || inet_pton(family, packet.dst.ip.c_str(), dst) != 1)
        return {};
    const size_t addrLen = v6 ? 16 : 4;
    const uint16_t udpLen = uint16_t(8 + packet.payload.size());

    std::vector<uint8_t> udp;
    udp.reserve(udpLen);
    put16(udp, packet.src.port);
    put16(udp, packet.dst.port);
    put16(udp, udpLen);
    put16(udp, 0);
    udp.insert(udp.end(), packet.payload.begin(), packet.payload.end());
    // Pseudo-header sum is the same shape for v4 and v6 once lengths and protocol are added as words.
    uint32_t sum = checksumAdd(0, src, addrLen);
    sum = checksumAdd(sum, dst, addrLen);
    sum += 17;
    sum += udpLen;
    sum = checksumAdd(sum, udp.data(), udp.size());
    uint16_t csum = checksumFinish(sum);
    if (csum == 0)
        csum = 0xFFFF;
    udp[6] = uint8_t(csum >> 8);
    udp[7] = uint8_t(csum);

    std::vector<uint8_t> ip;
    if (v6) {
        put32(ip, 0x60000000u);
        put16(ip, udpLen);
        ip.push_back(17); // next header UDP
        ip.push_back(64);
        ip.insert(ip.end(), src, src + 16);
        ip.insert(ip.end(), dst, dst + 16);
    } else {
        ip.push_back(0x45);
        ip.push_back(0);
        put16(ip, uint16_t(20 + udpLen));
        put16(ip, ipId);
        put16(ip, 0x4000); // DF
        ip.push_back(64);
        ip.push_back(17);
        put16(ip, 0);
        ip.insert(ip.end(), src, src + 4);
        ip.insert(ip.end(), dst, dst + 4);
        const uint16_t hc = checksumFinish(checksumAdd(0, ip.data(), ip.size()));
        ip[10] = uint8_t(hc >> 8);
        ip[11] = uint8_t(hc);
    }
    ip.insert(ip.end(), udp.begin(), udp.end());
    return ip;
}

std::vector<uint8_t> buildFrame(const GenPacket &packet, const CaptureOptions &options, uint16_t ipId)
{
    const std::vector<uint8_t> ip = buildIpDatagram(packet, ipId);
    if (ip.empty())
        return {};
    const bool v6 = packet.src.isIpv6();
    const uint16_t etherType = v6 ? 0x86DD : 0x0800;
    std::vector<uint8_t> frame;
    uint8_t srcMac[6], dstMac[6];
    macFor(packet.src.ip, srcMac);
    macFor(packet.dst.ip, dstMac);
    switch (options.link) {
    case LinkType::Ethernet:
        frame.insert(frame.end(), dstMac, dstMac + 6);
        frame.insert(frame.end(), srcMac, srcMac + 6);
        if (options.vlanId) {
            put16(frame, 0x8100);
            put16(frame, uint16_t(*options.vlanId & 0x0FFF));
        }
        put16(frame, etherType);
        break;
    case LinkType::LinuxSll:
        put16(frame, 0); // packet type: to us
        put16(frame, 1); // ARPHRD_ETHER
        put16(frame, 6); // address length
        frame.insert(frame.end(), srcMac, srcMac + 6);
        put16(frame, 0); // address padded to 8 bytes
        put16(frame, etherType);
        break;
    case LinkType::LinuxSll2:
        put16(frame, etherType);
        put16(frame, 0);    // reserved
        put32(frame, 2);    // interface index
        put16(frame, 1);    // ARPHRD_ETHER
        frame.push_back(0); // packet type: to us
        frame.push_back(6);
        frame.insert(frame.end(), srcMac, srcMac + 6);
        put16(frame, 0);
        break;
    case LinkType::Null: {
        // Family is in the writer's host byte order; 24 is BSD's AF_INET6, which readers accept everywhere.
        const uint32_t family = v6 ? 24 : 2;
        uint8_t raw[4];
        std::memcpy(raw, &family, 4);
        frame.insert(frame.end(), raw, raw + 4);
        break;
    }
    case LinkType::RawIp:
        break;
    }
    frame.insert(frame.end(), ip.begin(), ip.end());
    return frame;
}

PcapWriter::~PcapWriter()
{
    close();
}

bool PcapWriter::put(const void *data, size_t size)
{
    if (std::fwrite(data, 1, size, m_file) != size) {
        m_error = "write failed";
        return false;
    }
    return true;
}

bool PcapWriter::open(const std::string &path, const CaptureOptions &options)
{
    close();
    m_options = options;
    m_file = std::fopen(path.c_str(), "wb");
    if (!m_file) {
        m_error = "cannot open " + path + ": " + std::strerror(errno);
        return false;
    }
    const uint32_t link = uint32_t(options.link);
    if (!options.pcapng) {
        // Classic header in host byte order; readers detect the order from the magic.
        struct
        {
            uint32_t magic = 0xA1B2C3D4;
            uint16_t major = 2, minor = 4;
            int32_t zone = 0;
            uint32_t sigfigs = 0;
            uint32_t snaplen;
            uint32_t network;
        } header;
        header.snaplen = options.snaplen;
        header.network = link;
        return put(&header, sizeof header);
    }
    const uint32_t shb[7] = {0x0A0D0D0A, 28, 0x1A2B3C4D, 0x00000001 /* major 1, minor 0 */, 0xFFFFFFFF, 0xFFFFFFFF, 28};
    // IDB without options: if_tsresol defaults to microseconds.
    const uint32_t idb[5] = {1, 20, link & 0xFFFF, options.snaplen, 20};
    return put(shb, sizeof shb) && put(idb, sizeof idb);
}

bool PcapWriter::write(const GenPacket &packet)
{
    const std::vector<uint8_t> frame = buildFrame(packet, m_options, m_ipId++);
    if (frame.empty()) {
        m_error = "bad address in packet " + packet.src.ip + " -> " + packet.dst.ip;
        return false;
    }
    return writeFrame(packet.ts, frame);
}

bool PcapWriter::writeFrame(double ts, const std::vector<uint8_t> &frame, uint32_t origLen)
{
    if (!m_file)
        return false;
    const uint64_t micros = uint64_t(std::llround(ts * 1e6));
    const uint32_t capLen = uint32_t(frame.size());
    origLen = std::max(origLen, capLen);
    if (!m_options.pcapng) {
        const uint32_t rec[4] = {uint32_t(micros / 1000000), uint32_t(micros % 1000000), capLen, origLen};
        return put(rec, sizeof rec) && put(frame.data(), frame.size());
    }
    const uint32_t padded = (capLen + 3) & ~3u;
    const uint32_t total = 32 + padded;
    const uint32_t head[7] = {6, total, 0, uint32_t(micros >> 32), uint32_t(micros), capLen, origLen};
    static const uint8_t zeros[4] = {};
    return put(head, sizeof head) && put(frame.data(), frame.size()) && put(zeros, padded - capLen) && put(&total, 4);
}

bool PcapWriter::close()
{
    if (!m_file)
        return true;
    const bool ok = std::fclose(m_file) == 0;
    m_file = nullptr;
    return ok;
}

bool writeCapture(const std::string &path, const std::vector<GenPacket> &packets, const CaptureOptions &options,
                  std::string *error)
{
    PcapWriter writer;
    bool ok = writer.open(path, options);
    for (size_t i = 0; ok && i < packets.size(); ++i)
        ok = writer.write(packets[i]);
    ok = writer.close() && ok;
    if (!ok && error)
        *error = writer.error();
    return ok;
}

} // namespace vv::capgen
