#include "cli/capturesupervisor.h"

#include "common/logging.h"

#include <thread>

namespace vv::agent {

namespace {
constexpr auto kRetry = std::chrono::seconds(5);
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
    return true;
}

void CaptureSupervisor::poll()
{
    if (m_capture && m_capture->failed()) {
        m_error = m_capture->failure();
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
