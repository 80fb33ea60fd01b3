#include "pipeline/pipeline.h"

#include "common/logging.h"
#include "sip/sipmessage.h"

#include <QFile>
#include <algorithm>

namespace vv::agent {

namespace {
constexpr PacketTime kTickInterval = 20'000;   // one audio frame
constexpr std::uint64_t kMaxDetailedLogs = 20; // then only counters, so garbage cannot flood the log
constexpr std::uint16_t kSipTlsPort = 5061;
} // namespace

Pipeline::Pipeline(const AgentConfig &config, VaultStore *store, CallRecordings::ReportSink sink)
    : m_config(config)
    , m_calls(config, store, std::move(sink))
    , m_store(store)
{}

bool Pipeline::isSipPort(std::uint16_t port) const
{
    return std::find(m_config.sipPorts.begin(), m_config.sipPorts.end(), port) != m_config.sipPorts.end();
}

void Pipeline::advanceClock(PacketTime now)
{
    if (now > m_now)
        m_now = now;
    if (m_now - m_lastTick >= kTickInterval) {
        if (m_now / 1'000'000 != m_lastTick / 1'000'000) { // once a second
            m_fragments.expire(m_now);
            m_tcp.expire(m_now);
        }
        m_lastTick = m_now;
        m_calls.tick(m_now);
    }
}

void Pipeline::onFrame(PacketTime ts, int linkType, const std::uint8_t *data, std::size_t caplen)
{
    ++m_counters.frames;
    // Capture files can hold slightly out-of-order timestamps; the clock never runs back.
    advanceClock(ts);
    UdpDatagram d;
    switch (LinkDecoder::decode(linkType, data, caplen, ts, &d)) {
    case DecodeStatus::Udp:
    case DecodeStatus::Tcp:
        route(d);
        return;
    case DecodeStatus::NotUdp:
        return;
    case DecodeStatus::Fragment: {
        ++m_counters.fragments;
        const auto whole = m_fragments.add(d);
        if (!whole)
            return;
        ++m_counters.reassembled;
        UdpDatagram r;
        r.ts = ts;
        r.src.address = d.src.address;
        r.dst.address = d.dst.address;
        const DecodeStatus s = LinkDecoder::decodeTransport(whole->protocol, whole->payload.data(),
                                                            whole->payload.size(), whole->payload.size(), &r);
        if (s == DecodeStatus::Udp || s == DecodeStatus::Tcp)
            route(r);
        else if (s == DecodeStatus::Malformed)
            ++m_counters.malformed;
        return;
    }
    case DecodeStatus::UnsupportedLink:
        if (m_counters.unsupportedLink++ == 0)
            qCWarning(lcCapture) << "unsupported link type" << linkType << "- frames ignored";
        return;
    case DecodeStatus::Malformed:
        if (m_counters.malformed++ < kMaxDetailedLogs)
            qCWarning(lcCapture) << "malformed frame of" << caplen << "bytes at" << isoUtcMillis(ts);
        return;
    }
}

void Pipeline::route(const UdpDatagram &d)
{
    const bool sipPort = isSipPort(d.dst.port) || isSipPort(d.src.port);
    if (d.tcp) {
        if (d.dst.port == kSipTlsPort || d.src.port == kSipTlsPort) {
            // Calls signalled over TLS cannot be seen, so cannot be recorded: say so once, count always.
            if (m_counters.sipTlsSegments++ == 0)
                qCWarning(lcSip) << "SIP over TLS (port 5061) seen: calls signalled over TLS cannot be recorded";
            return;
        }
        // Only SIP rides on TCP here (RTP over TCP is not used by phones).
        if (!sipPort)
            return;
        ++m_counters.tcpSegments;
        m_tcp.add(d, [this](std::string_view message, const UdpDatagram &seg) { handleSipText(message, seg); });
        return;
    }
    ++m_counters.udp;
    if (d.truncated)
        ++m_counters.truncated;
    if (sipPort && looksLikeSip(d.payload, d.length)) {
        handleSip(d);
        return;
    }
    if (!m_calls.onMedia(d))
        ++m_counters.unmatchedUdp;
}

void Pipeline::handleSip(const UdpDatagram &d)
{
    handleSipText(std::string_view(reinterpret_cast<const char *>(d.payload), d.length), d);
}

void Pipeline::handleSipText(std::string_view text, const UdpDatagram &d)
{
    SipMessage msg;
    std::string error;
    if (!parseSipMessage(text, &msg, &error)) {
        if (m_counters.malformedSip++ < kMaxDetailedLogs)
            qCWarning(lcSip) << "malformed SIP from" << QString::fromStdString(d.src.toString()) << "at"
                             << isoUtcMillis(d.ts) << ":" << QString::fromStdString(error);
        return;
    }
    ++m_counters.sipMessages;
    m_calls.onSip(msg, d.ts, d.src, d.dst);
}

void Pipeline::finish(const QString &cause)
{
    m_calls.finishAll(m_now, cause);
}

// Peak resident memory of this process image (VmHWM): unlike getrusage's
// maxrss it does not count what a parent held before it exec'ed us.
static double peakMemoryMb()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    return -1;
}

QJsonObject Pipeline::summary() const
{
    const DialogCounters &dialogs = m_calls.dialogCounters();
    const MediaCounters &media = m_calls.mediaCounters();
    QJsonObject o;
    o.insert(QStringLiteral("event"), QStringLiteral("summary"));
    o.insert(QStringLiteral("packets"), static_cast<qint64>(m_counters.frames));
    o.insert(QStringLiteral("udp_packets"), static_cast<qint64>(m_counters.udp));
    o.insert(QStringLiteral("malformed_packets"), static_cast<qint64>(m_counters.malformed));
    o.insert(QStringLiteral("truncated_packets"), static_cast<qint64>(m_counters.truncated));
    o.insert(QStringLiteral("ip_fragments"), static_cast<qint64>(m_counters.fragments));
    o.insert(QStringLiteral("ip_reassembled"), static_cast<qint64>(m_counters.reassembled));
    o.insert(QStringLiteral("ip_fragments_timed_out"), static_cast<qint64>(m_fragments.timedOut()));
    o.insert(QStringLiteral("tcp_segments"), static_cast<qint64>(m_counters.tcpSegments));
    o.insert(QStringLiteral("tcp_stream_gaps"), static_cast<qint64>(m_tcp.gaps()));
    o.insert(QStringLiteral("unsupported_link_frames"), static_cast<qint64>(m_counters.unsupportedLink));
    o.insert(QStringLiteral("sip_messages"), static_cast<qint64>(m_counters.sipMessages));
    o.insert(QStringLiteral("malformed_sip"), static_cast<qint64>(m_counters.malformedSip));
    o.insert(QStringLiteral("sip_out_of_dialog"), static_cast<qint64>(dialogs.sipOutOfDialog));
    o.insert(QStringLiteral("bad_sdp"), static_cast<qint64>(dialogs.badSdp));
    o.insert(QStringLiteral("rtp_packets"), static_cast<qint64>(media.rtpPackets));
    o.insert(QStringLiteral("rtp_invalid"), static_cast<qint64>(media.rtpInvalid));
    o.insert(QStringLiteral("rtp_secondary_copies"), static_cast<qint64>(media.rtpSecondary));
    o.insert(QStringLiteral("unmatched_udp"), static_cast<qint64>(m_counters.unmatchedUdp));
    const RecordingCounters &rec = m_calls.counters();
    o.insert(QStringLiteral("recorder_errors"), static_cast<qint64>(rec.recorderErrors));
    o.insert(QStringLiteral("bad_crypto_attributes"), static_cast<qint64>(dialogs.badCrypto));
    o.insert(QStringLiteral("srtp_packets_decrypted"), static_cast<qint64>(rec.srtpDecrypted));
    o.insert(QStringLiteral("srtp_packets_failed"), static_cast<qint64>(rec.srtpFailed));
    o.insert(QStringLiteral("srtp_duplicates"), static_cast<qint64>(rec.srtpDuplicates));
    o.insert(QStringLiteral("encrypted_calls_missed"), static_cast<qint64>(rec.encryptedMissed));
    o.insert(QStringLiteral("sip_tls_segments"), static_cast<qint64>(m_counters.sipTlsSegments));
    o.insert(QStringLiteral("truncated_captures"), static_cast<qint64>(m_counters.truncatedCaptures));
    o.insert(QStringLiteral("capture_drops"), static_cast<qint64>(m_counters.captureDrops));
    o.insert(QStringLiteral("peak_memory_mb"), peakMemoryMb());
    if (m_store) {
        const StoreStatus s = m_store->status();
        o.insert(QStringLiteral("disk_low"), s.diskLow);
        o.insert(QStringLiteral("disk_free_bytes"), s.freeBytes);
        o.insert(QStringLiteral("disk_reserve_bytes"), s.reserveBytes);
        o.insert(QStringLiteral("recordings_refused_disk"), s.refusedRecordings);
        o.insert(QStringLiteral("recordings_overwritten"), s.evictions);
    }
    return o;
}

} // namespace vv::agent
