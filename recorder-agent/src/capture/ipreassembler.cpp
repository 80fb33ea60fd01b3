#include "capture/ipreassembler.h"

#include <cstring>
#include <tuple>

namespace vv::agent {

namespace {
constexpr std::uint32_t kMaxDatagram = 65535;
constexpr std::size_t kMaxPending = 4096;
constexpr PacketTime kTimeout = 30'000'000;
} // namespace

bool IpReassembler::Key::operator<(const Key &o) const
{
    return std::tie(src.family, src.bytes, dst.bytes, id, protocol) <
           std::tie(o.src.family, o.src.bytes, o.dst.bytes, o.id, o.protocol);
}

std::optional<IpReassembler::Result> IpReassembler::add(const UdpDatagram &f)
{
    const std::uint32_t end = f.fragment.offset + static_cast<std::uint32_t>(f.length);
    if (end > kMaxDatagram || (f.fragment.more && f.length % 8 != 0)) {
        ++m_refused; // RFC 791/8200: all but the last fragment are multiples of 8 bytes
        return std::nullopt;
    }
    const Key key{f.src.address, f.dst.address, f.fragment.id, f.fragment.protocol};
    auto it = m_pending.find(key);
    if (it == m_pending.end()) {
        if (m_pending.size() >= kMaxPending) {
            ++m_refused;
            return std::nullopt;
        }
        it = m_pending.emplace(key, Pending{}).first;
        it->second.first = f.ts;
    }
    Pending &p = it->second;
    // Overlapping or duplicate fragments: keep the first copy (RFC 5722 says
    // drop the datagram for IPv6; for a passive recorder, keeping is kinder).
    p.pieces.emplace(f.fragment.offset, std::vector<std::uint8_t>(f.payload, f.payload + f.length));
    if (!f.fragment.more) {
        p.haveLast = true;
        p.totalLength = end;
    }
    if (!p.haveLast)
        return std::nullopt;
    std::uint32_t covered = 0;
    for (const auto &[offset, bytes] : p.pieces) {
        if (offset > covered)
            return std::nullopt; // a hole
        covered = std::max<std::uint32_t>(covered, offset + static_cast<std::uint32_t>(bytes.size()));
    }
    if (covered < p.totalLength)
        return std::nullopt;
    Result r;
    r.protocol = key.protocol;
    r.payload.assign(p.totalLength, 0);
    for (const auto &[offset, bytes] : p.pieces) {
        const std::size_t n = std::min<std::size_t>(bytes.size(), p.totalLength - std::min(offset, p.totalLength));
        if (n)
            std::memcpy(r.payload.data() + offset, bytes.data(), n);
    }
    m_pending.erase(it);
    return r;
}

void IpReassembler::expire(PacketTime now)
{
    for (auto it = m_pending.begin(); it != m_pending.end();) {
        if (now - it->second.first > kTimeout) {
            ++m_timedOut;
            it = m_pending.erase(it);
        } else {
            ++it;
        }
    }
}

} // namespace vv::agent
