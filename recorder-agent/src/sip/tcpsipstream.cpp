#include "sip/tcpsipstream.h"

#include "sip/sipmessage.h"

#include <algorithm>
#include <cctype>

namespace vv::agent {

namespace {

constexpr std::size_t kMaxMessage = 65535;
constexpr std::size_t kMaxEarlyBytes = 256 * 1024;
constexpr std::size_t kMaxFlows = 20000;
constexpr PacketTime kFlowIdle = 600'000'000; // SIP over TCP connections are long-lived

// Sequence number comparison with wrap-around (RFC 1982 style).
bool seqLess(std::uint32_t a, std::uint32_t b)
{
    return static_cast<std::int32_t>(a - b) < 0;
}

// Content-Length (or compact "l") from a header block; -1 if absent or bad.
long long contentLength(std::string_view head)
{
    std::size_t pos = 0;
    while (pos < head.size()) {
        std::size_t eol = head.find("\r\n", pos);
        if (eol == std::string_view::npos)
            eol = head.size();
        const std::string_view line = head.substr(pos, eol - pos);
        pos = eol + 2;
        const std::size_t colon = line.find(':');
        if (colon == std::string_view::npos)
            continue;
        std::string name(line.substr(0, colon));
        while (!name.empty() && (name.back() == ' ' || name.back() == '\t'))
            name.pop_back();
        std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
        if (name != "content-length" && name != "l")
            continue;
        long long n = 0;
        bool any = false;
        for (char c : line.substr(colon + 1)) {
            if (c == ' ' || c == '\t')
                continue;
            if (c < '0' || c > '9' || n > 10'000'000)
                return -1;
            n = n * 10 + (c - '0');
            any = true;
        }
        return any ? n : -1;
    }
    return -1;
}

} // namespace

void TcpSipStreams::append(Flow &flow, std::uint32_t seq, std::string_view data)
{
    if (seqLess(seq, flow.nextSeq)) { // retransmission, maybe with new bytes at its end
        const std::uint32_t skip = flow.nextSeq - seq;
        if (skip >= data.size())
            return;
        data.remove_prefix(skip);
        seq = flow.nextSeq;
    }
    if (seq != flow.nextSeq) {
        if (flow.earlyBytes + data.size() <= kMaxEarlyBytes && !flow.early.count(seq)) {
            flow.early.emplace(seq, std::string(data));
            flow.earlyBytes += data.size();
            return;
        }
        // Too much is missing: give up on the hole and resynchronise after it.
        ++m_gaps;
        flow.buffer.clear();
        flow.nextSeq = flow.early.empty() ? seq : std::min(seq, flow.early.begin()->first, seqLess);
    }
    if (seq == flow.nextSeq) {
        flow.buffer.append(data);
        flow.nextSeq += static_cast<std::uint32_t>(data.size());
    }
    // Segments that were waiting for this one.
    for (auto it = flow.early.begin(); it != flow.early.end();) {
        const std::uint32_t s = it->first;
        const std::string &d = it->second;
        if (seqLess(flow.nextSeq, s)) {
            ++it;
            continue;
        }
        const std::uint32_t skip = flow.nextSeq - s;
        if (skip < d.size()) {
            flow.buffer.append(d, skip, std::string::npos);
            flow.nextSeq += static_cast<std::uint32_t>(d.size() - skip);
        }
        flow.earlyBytes -= d.size();
        it = flow.early.erase(it);
        it = flow.early.begin(); // the next one may now fit
    }
}

void TcpSipStreams::extract(Flow &flow, const UdpDatagram &segment, const MessageSink &sink)
{
    std::string &b = flow.buffer;
    for (;;) {
        // Keep-alive CRLFs (RFC 5626) and junk before a start line (a capture
        // that began mid-message) are skipped line by line.
        std::size_t start = 0;
        while (start < b.size()) {
            if (b.compare(start, 2, "\r\n") == 0) {
                start += 2;
                continue;
            }
            if (b.size() - start >= 12 &&
                !looksLikeSip(reinterpret_cast<const std::uint8_t *>(b.data() + start), b.size() - start)) {
                const std::size_t eol = b.find("\r\n", start);
                if (eol == std::string::npos)
                    break;
                ++m_gaps;
                start = eol + 2;
                continue;
            }
            break;
        }
        b.erase(0, start);
        const std::size_t headEnd = b.find("\r\n\r\n");
        if (headEnd == std::string::npos) {
            if (b.size() > kMaxMessage) {
                ++m_oversized;
                b.clear();
            }
            return;
        }
        const long long length = contentLength(std::string_view(b).substr(0, headEnd + 2));
        const std::size_t total = headEnd + 4 + static_cast<std::size_t>(std::max(0LL, length));
        if (total > kMaxMessage) {
            ++m_oversized;
            b.erase(0, headEnd + 4);
            continue;
        }
        if (b.size() < total)
            return; // the rest of the body is still to come
        sink(std::string_view(b).substr(0, total), segment);
        b.erase(0, total);
    }
}

void TcpSipStreams::add(const UdpDatagram &seg, const MessageSink &sink)
{
    const Key key{seg.src, seg.dst};
    auto it = m_flows.find(key);
    if (it == m_flows.end()) {
        if (m_flows.size() >= kMaxFlows)
            expire(seg.ts);
        it = m_flows.emplace(key, Flow{}).first;
    }
    Flow &flow = it->second;
    flow.lastSeen = seg.ts;
    const bool syn = seg.tcpFlags & 0x02;
    const bool finOrRst = seg.tcpFlags & 0x05;
    if (syn) {
        flow = Flow{};
        flow.synced = true;
        flow.nextSeq = seg.tcpSeq + 1;
        flow.lastSeen = seg.ts;
    } else if (!flow.synced) {
        // Joined a connection already open: start from here and resynchronise.
        flow.synced = true;
        flow.nextSeq = seg.tcpSeq;
    }
    if (seg.length > 0 && !syn) {
        append(flow, seg.tcpSeq, std::string_view(reinterpret_cast<const char *>(seg.payload), seg.length));
        extract(flow, seg, sink);
    }
    if (finOrRst && flow.early.empty())
        m_flows.erase(it);
}

void TcpSipStreams::expire(PacketTime now)
{
    for (auto it = m_flows.begin(); it != m_flows.end();)
        it = now - it->second.lastSeen > kFlowIdle ? m_flows.erase(it) : std::next(it);
}

} // namespace vv::agent
