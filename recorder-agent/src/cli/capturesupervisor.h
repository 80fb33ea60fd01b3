#pragma once
// Live capture that survives its interface: when capture fails (the interface
// went down or away, a socket error), calls in progress keep their audio so
// far, the failure is reported (a health event: see alerts/), and capture is
// started again every 5 s until it runs. Recording nothing while the API and
// the service look healthy is the failure a recorder must never hide, and
// exiting would also stop the API that reports it.
#include "capture/packetsource.h"

#include <QString>
#include <chrono>
#include <memory>
#include <vector>

namespace vv::agent {

class CaptureSupervisor
{
public:
    CaptureSupervisor(QString interface, QString filter, std::size_t queuePackets);
    // The first start: a failure here is a configuration error and ends the command.
    bool start(QString *error);
    // Notices a failed capture and retries a stopped one (every 5 s).
    void poll();
    // Packets, or a short wait while capture is down.
    void takePackets(std::vector<RawPacket> *out, int timeoutMs);
    void stop(std::vector<RawPacket> *rest);

    bool running() const { return m_capture != nullptr; }
    QString error() const { return m_error; }
    const QString &interface() const { return m_interface; }
    quint64 captured() const;
    quint64 queueDrops() const;
    quint64 kernelDrops() const;
    quint64 drops() const { return queueDrops() + kernelDrops(); }

private:
    QString m_interface;
    QString m_filter;
    std::size_t m_queue;
    std::unique_ptr<LiveCapture> m_capture;
    QString m_error;
    std::chrono::steady_clock::time_point m_nextTry{};
    std::chrono::steady_clock::time_point m_nextIndexCheck{};
    unsigned m_ifIndex = 0; // the interface's index when capture started; 0 for "any" or unknown
    // Counts of captures that ended, so totals never go back.
    quint64 m_capturedBefore = 0;
    quint64 m_queueDropsBefore = 0;
    quint64 m_kernelDropsBefore = 0;
};

} // namespace vv::agent
