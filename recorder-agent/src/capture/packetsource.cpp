#include "capture/packetsource.h"

#include "common/logging.h"

#include <pcap/pcap.h>

namespace vv::agent {

FileReadResult readCaptureFile(const QString &path, const FrameSink &sink)
{
    FileReadResult r;
    char err[PCAP_ERRBUF_SIZE] = {};
    // Nanosecond precision where the file has it; we keep microseconds.
    pcap_t *p =
        pcap_open_offline_with_tstamp_precision(path.toLocal8Bit().constData(), PCAP_TSTAMP_PRECISION_MICRO, err);
    if (!p) {
        r.error = QStringLiteral("cannot open capture %1: %2").arg(path, QString::fromLocal8Bit(err));
        return r;
    }
    r.opened = true;
    const int dlt = pcap_datalink(p);
    pcap_pkthdr *hdr = nullptr;
    const u_char *data = nullptr;
    for (;;) {
        const int rc = pcap_next_ex(p, &hdr, &data);
        if (rc == 1) {
            ++r.packets;
            const PacketTime ts = static_cast<PacketTime>(hdr->ts.tv_sec) * 1000000 + hdr->ts.tv_usec;
            sink(ts, dlt, data, hdr->caplen);
        } else if (rc == PCAP_ERROR_BREAK) {
            break; // clean end of file
        } else {
            // libpcap reports a record cut mid-way as an error: keep what we have.
            r.truncated = true;
            r.error = QStringLiteral("capture %1 ends early after %2 packets: %3")
                          .arg(path)
                          .arg(r.packets)
                          .arg(QString::fromLocal8Bit(pcap_geterr(p)));
            break;
        }
    }
    pcap_close(p);
    return r;
}

PacketTime firstPacketTime(const QString &path)
{
    char err[PCAP_ERRBUF_SIZE] = {};
    pcap_t *p =
        pcap_open_offline_with_tstamp_precision(path.toLocal8Bit().constData(), PCAP_TSTAMP_PRECISION_MICRO, err);
    if (!p)
        return 0;
    pcap_pkthdr *hdr = nullptr;
    const u_char *data = nullptr;
    PacketTime t = 0;
    if (pcap_next_ex(p, &hdr, &data) == 1)
        t = static_cast<PacketTime>(hdr->ts.tv_sec) * 1000000 + hdr->ts.tv_usec;
    pcap_close(p);
    return t;
}

LiveCapture::LiveCapture(QString interface, QString bpfFilter, std::size_t queueCapacity)
    : m_interface(std::move(interface))
    , m_filter(std::move(bpfFilter))
    , m_capacity(queueCapacity)
{}

LiveCapture::~LiveCapture()
{
    stop();
    if (m_pcap)
        pcap_close(m_pcap);
}

bool LiveCapture::start(QString *error)
{
    char err[PCAP_ERRBUF_SIZE] = {};
    m_pcap = pcap_create(m_interface.toLocal8Bit().constData(), err);
    if (!m_pcap) {
        *error = QStringLiteral("cannot open interface %1: %2").arg(m_interface, QString::fromLocal8Bit(err));
        return false;
    }
    pcap_set_snaplen(m_pcap, 65535);
    pcap_set_promisc(m_pcap, 1);
    // No immediate mode: libpcap then uses TPACKET_V3 blocks, which pack
    // packets by their real length (immediate mode's TPACKET_V2 reserves a
    // whole snap length per slot, so 32 MB held only ~500 packets and a capture
    // thread starved of CPU for 100 ms dropped some). Blocks are handed over at
    // least every 100 ms; timestamps come from the kernel, so nothing is lost
    // by the wait, and SIGTERM is still honoured quickly.
    pcap_set_buffer_size(m_pcap, 64 * 1024 * 1024);
    pcap_set_timeout(m_pcap, 100);
    const int rc = pcap_activate(m_pcap);
    if (rc < 0) {
        *error = QStringLiteral("cannot capture on %1: %2 (capture needs root or CAP_NET_RAW)")
                     .arg(m_interface, QString::fromLocal8Bit(pcap_geterr(m_pcap)));
        pcap_close(m_pcap);
        m_pcap = nullptr;
        return false;
    }
    m_linkType = pcap_datalink(m_pcap);
    bpf_program prog{};
    if (pcap_compile(m_pcap, &prog, m_filter.toLatin1().constData(), 1, PCAP_NETMASK_UNKNOWN) != 0 ||
        pcap_setfilter(m_pcap, &prog) != 0) {
        *error =
            QStringLiteral("bad capture filter \"%1\": %2").arg(m_filter, QString::fromLocal8Bit(pcap_geterr(m_pcap)));
        pcap_freecode(&prog);
        return false;
    }
    pcap_freecode(&prog);
    m_stop = false;
    m_thread = std::thread([this] { run(); });
    qCInfo(lcCapture) << "capturing on" << m_interface << "link type" << m_linkType << "filter" << m_filter;
    return true;
}

void LiveCapture::stop()
{
    if (!m_thread.joinable())
        return;
    m_stop = true;
    pcap_breakloop(m_pcap);
    m_thread.join();
    publishKernelDrops(); // the final count, now that the capture thread is done
    m_cv.notify_all();
}

void LiveCapture::run()
{
    pcap_pkthdr *hdr = nullptr;
    const u_char *data = nullptr;
    auto lastStats = std::chrono::steady_clock::now();
    while (!m_stop.load(std::memory_order_relaxed)) {
        // libpcap allows only pcap_breakloop() from another thread, so the
        // kernel's drop counters are read here and published.
        if (const auto now = std::chrono::steady_clock::now(); now - lastStats >= std::chrono::milliseconds(500)) {
            lastStats = now;
            publishKernelDrops();
        }
        const int rc = pcap_next_ex(m_pcap, &hdr, &data);
        if (rc == 0)
            continue; // timeout: look at m_stop again
        if (rc < 0) {
            if (!m_stop) {
                m_failure = QStringLiteral("capture on %1 failed: %2")
                                .arg(m_interface, QString::fromLocal8Bit(pcap_geterr(m_pcap)));
                qCCritical(lcCapture).noquote() << m_failure;
                m_failed.store(true);
                m_cv.notify_all();
            }
            break;
        }
        m_captured.fetch_add(1, std::memory_order_relaxed);
        RawPacket pkt;
        pkt.ts = static_cast<PacketTime>(hdr->ts.tv_sec) * 1000000 + hdr->ts.tv_usec;
        pkt.linkType = m_linkType;
        pkt.data.assign(data, data + hdr->caplen);
        {
            std::lock_guard lock(m_mutex);
            if (m_queue.size() >= m_capacity) {
                m_queueDrops.fetch_add(1, std::memory_order_relaxed);
                continue;
            }
            m_queue.push_back(std::move(pkt));
        }
        m_cv.notify_one();
    }
}

void LiveCapture::takePackets(std::vector<RawPacket> *out, int timeoutMs)
{
    std::unique_lock lock(m_mutex);
    if (m_queue.empty())
        m_cv.wait_for(lock, std::chrono::milliseconds(timeoutMs), [this] { return !m_queue.empty() || m_stop.load(); });
    while (!m_queue.empty()) {
        out->push_back(std::move(m_queue.front()));
        m_queue.pop_front();
    }
}

QString LiveCapture::failure() const
{
    return m_failed.load() ? m_failure : QString();
}

void LiveCapture::publishKernelDrops()
{
    pcap_stat st{};
    if (pcap_stats(m_pcap, &st) == 0)
        m_kernelDrops.store(std::uint64_t{st.ps_drop} + st.ps_ifdrop, std::memory_order_relaxed);
}

} // namespace vv::agent
