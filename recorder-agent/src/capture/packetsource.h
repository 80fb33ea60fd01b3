#pragma once
// Where packets come from: a capture file (pcap or pcapng, read in order) or a
// live interface. Both hand RawPackets to the same consumer, so replay and live
// capture exercise one pipeline.
#include "common/timeformat.h"

#include <QString>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

typedef struct pcap pcap_t; // libpcap's handle, declared as <pcap.h> does

namespace vv::agent {

struct RawPacket
{
    PacketTime ts = 0;
    int linkType = 0;
    std::vector<std::uint8_t> data;
};

// Reads a whole capture file, calling sink for every frame. Returns false if the
// file cannot be opened at all; a file cut short sets *truncated and keeps
// every packet read before the cut.
struct FileReadResult
{
    bool opened = false;
    bool truncated = false;
    std::uint64_t packets = 0;
    QString error;
};
using FrameSink = std::function<void(PacketTime ts, int linkType, const std::uint8_t *data, std::size_t caplen)>;
FileReadResult readCaptureFile(const QString &path, const FrameSink &sink);
// Timestamp of the first packet of a capture file, 0 if none.
PacketTime firstPacketTime(const QString &path);

// Captures on a live interface on its own thread. The thread only copies frames
// into a bounded queue: it never waits for the pipeline, so a slow disk or
// encoder can cost counted drops, never a stalled capture.
class LiveCapture
{
public:
    LiveCapture(QString interface, QString bpfFilter, std::size_t queueCapacity);
    ~LiveCapture();

    bool start(QString *error);
    void stop();
    // Waits up to timeoutMs for packets; moves what is queued into out.
    void takePackets(std::vector<RawPacket> *out, int timeoutMs);

    std::uint64_t queueDrops() const { return m_queueDrops.load(); }
    // From pcap_stats, read on the capture thread every half second.
    std::uint64_t kernelDrops() const { return m_kernelDrops.load(std::memory_order_relaxed); }
    std::uint64_t captured() const { return m_captured.load(); }
    int linkType() const { return m_linkType; }
    // True once the capture thread has given up (interface gone, socket error);
    // the agent then exits non-zero so its service manager restarts it.
    bool failed() const { return m_failed.load(); }
    QString failure() const;

private:
    void run();
    void publishKernelDrops();

    QString m_interface;
    QString m_filter;
    std::size_t m_capacity;
    pcap_t *m_pcap = nullptr;
    int m_linkType = 0;
    std::thread m_thread;
    std::atomic<bool> m_stop{false};
    std::mutex m_mutex;
    std::condition_variable m_cv;
    std::deque<RawPacket> m_queue;
    std::atomic<std::uint64_t> m_queueDrops{0};
    std::atomic<std::uint64_t> m_captured{0};
    std::atomic<std::uint64_t> m_kernelDrops{0};
    std::atomic<bool> m_failed{false};
    QString m_failure; // written once by the capture thread before m_failed is set
};

} // namespace vv::agent
