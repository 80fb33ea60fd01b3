#pragma once

#include <QByteArray>
#include <chrono>

namespace vv::agent {

// The systemd notification protocol (sd_notify(3)), spoken directly over the
// datagram socket named in $NOTIFY_SOCKET so the agent needs no libsystemd and
// behaves identically when started by hand (no socket: every call is a no-op).
//
// The unit is Type=notify with WatchdogSec=: READY=1 is sent only once capture
// and the API are up, and WATCHDOG=1 only from the loop that feeds the recorder,
// so a wedged pipeline stops the pings and systemd restarts the agent.
class ServiceNotifier
{
public:
    ServiceNotifier(); // reads NOTIFY_SOCKET, WATCHDOG_USEC and WATCHDOG_PID

    bool active() const { return !m_socketPath.isEmpty(); }
    std::chrono::microseconds watchdogInterval() const { return m_watchdog; }

    void ready(const QByteArray &status);
    void reloading();
    void stopping();
    void status(const QByteArray &status);
    // Sends WATCHDOG=1 when half the watchdog interval has passed since the last
    // ping (systemd's advice); cheap enough to call on every loop iteration.
    void keepAlive();

    // Sends one raw notification ("KEY=VALUE\n..."); false if it could not be sent.
    bool notify(const QByteArray &message);

private:
    QByteArray m_socketPath;
    std::chrono::microseconds m_watchdog{0};
    std::chrono::steady_clock::time_point m_lastPing{};
    bool m_warned = false;
};

} // namespace vv::agent
