#include "cli/capturesupervisor.h"

#include "common/logging.h"

#include <net/if.h>
#include <thread>

namespace vv::agent {

namespace {
constexpr auto kRetry = std::chrono::seconds(5);
constexpr auto kIndexCheck = std::chrono::seconds(1);

// The kernel's index of the interface, 0 when it does not exist (or for "any", which is no device).
unsigned indexOf(const QString &interface)
{
    return interface == u"any" ? 0 : ::if_nametoindex(interface.toLocal8Bit().constData());
}
} // namespace

CaptureSupervisor::CaptureSupervisor(QString interface, QString filter, std::size_t queuePackets)
    : m_interface(std::move(interface))
    , m_filter(std::move(filter))
    , m_queue(queuePackets)
{}

bool CaptureSupervisor::start(QString *error)
{
    auto capture = std::make_unique<LiveCapture>(m_interface, m_filter, m_queue);
    if (!capture->start(error))
        return false;
    m_capture = std::move(capture);
    m_ifIndex = indexOf(m_interface);
    return true;
}

void CaptureSupervisor::poll()
{
    // libpcap does not always report an interface deleted under it (a read on a vanished veth can just wait
    // for ever): once a second the interface must still exist with the index it had when capture started.
    QString vanished;
    if (m_capture && m_ifIndex && std::chrono::steady_clock::now() >= m_nextIndexCheck) {
        m_nextIndexCheck = std::chrono::steady_clock::now() + kIndexCheck;
        const unsigned now = indexOf(m_interface);
        if (now != m_ifIndex)
            vanished = now ? QStringLiteral("interface %1 was replaced (index %2, now %3)")
                                 .arg(m_interface)
                                 .arg(m_ifIndex)
                                 .arg(now)
                           : QStringLiteral("interface %1 disappeared").arg(m_interface);
    }
    if (m_capture && (m_capture->failed() || !vanished.isEmpty())) {
        m_error = vanished.isEmpty() ? m_capture->failure() : vanished;
        qCCritical(lcCapture).noquote() << m_error << "- NOT RECORDING; capture is retried every" << kRetry.count()
                                        << "s";
        std::vector<RawPacket> rest;
        stop(&rest); // what was queued is dropped: its calls end by timeout
        m_nextTry = std::chrono::steady_clock::now() + kRetry;
        return;
    }
    if (m_capture || std::chrono::steady_clock::now() < m_nextTry)
        return;
    m_nextTry = std::chrono::steady_clock::now() + kRetry;
    QString why;
    auto capture = std::make_unique<LiveCapture>(m_interface, m_filter, m_queue);
    if (!capture->start(&why)) {
        m_error = why;
        return;
    }
    qCInfo(lcCapture).noquote() << "capture on" << m_interface << "runs again";
    m_capture = std::move(capture);
    m_ifIndex = indexOf(m_interface);
    m_error.clear();
}

void CaptureSupervisor::takePackets(std::vector<RawPacket> *out, int timeoutMs)
{
    if (m_capture)
        m_capture->takePackets(out, timeoutMs);
    else
        std::this_thread::sleep_for(std::chrono::milliseconds(timeoutMs));
}

void CaptureSupervisor::stop(std::vector<RawPacket> *rest)
{
    if (!m_capture)
        return;
    m_capture->stop();
    m_capture->takePackets(rest, 0);
    m_capturedBefore += m_capture->captured();
    m_queueDropsBefore += m_capture->queueDrops();
    m_kernelDropsBefore += m_capture->kernelDrops();
    m_capture.reset();
}

quint64 CaptureSupervisor::captured() const
{
    return m_capturedBefore + (m_capture ? m_capture->captured() : 0);
}

quint64 CaptureSupervisor::queueDrops() const
{
    return m_queueDropsBefore + (m_capture ? m_capture->queueDrops() : 0);
}

quint64 CaptureSupervisor::kernelDrops() const
{
    return m_kernelDropsBefore + (m_capture ? m_capture->kernelDrops() : 0);
}

} // namespace vv::agent
