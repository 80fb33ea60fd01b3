#include "service/servicenotifier.h"

#include "common/logging.h"

#include <cerrno>
#include <cstring>
#include <ctime>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace vv::agent {

ServiceNotifier::ServiceNotifier()
{
    m_socketPath = qgetenv("NOTIFY_SOCKET");
    const QByteArray usec = qgetenv("WATCHDOG_USEC");
    const QByteArray pid = qgetenv("WATCHDOG_PID");
    bool ok = false;
    const qint64 interval = usec.toLongLong(&ok);
    // WATCHDOG_PID names the process the manager watches; a child that
    // inherited the environment must not ping on its parent's behalf.
    if (ok && interval > 0 && (pid.isEmpty() || pid.toLongLong() == getpid()))
        m_watchdog = std::chrono::microseconds(interval);
    // Children the agent might start should not inherit the socket (sd_notify's unset_environment).
    qunsetenv("NOTIFY_SOCKET");
    qunsetenv("WATCHDOG_USEC");
    qunsetenv("WATCHDOG_PID");
}

bool ServiceNotifier::notify(const QByteArray &message)
{
    if (m_socketPath.isEmpty())
        return false;
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    if (m_socketPath.size() >= static_cast<qsizetype>(sizeof(addr.sun_path)) ||
        (m_socketPath[0] != '/' && m_socketPath[0] != '@')) {
        if (!m_warned)
            qCWarning(lcService) << "NOTIFY_SOCKET is not a usable socket path; systemd notifications disabled";
        m_warned = true;
        return false;
    }
    std::memcpy(addr.sun_path, m_socketPath.constData(), m_socketPath.size());
    if (addr.sun_path[0] == '@')
        addr.sun_path[0] = '\0'; // abstract namespace
    const socklen_t len = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + m_socketPath.size());
    const int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return false;
    const ssize_t sent =
        ::sendto(fd, message.constData(), message.size(), MSG_NOSIGNAL, reinterpret_cast<const sockaddr *>(&addr), len);
    const int err = errno;
    ::close(fd);
    if (sent != message.size()) {
        if (!m_warned) // once: the manager may simply be gone during shutdown
            qCWarning(lcService) << "systemd notification failed:" << std::strerror(err);
        m_warned = true;
        return false;
    }
    return true;
}

void ServiceNotifier::ready(const QByteArray &status)
{
    notify("READY=1\nSTATUS=" + status);
    m_lastPing = std::chrono::steady_clock::now();
}

void ServiceNotifier::reloading()
{
    // MONOTONIC_USEC lets systemd >= 253 tie the reload to this request; older
    // managers ignore it.
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    const qint64 usec = static_cast<qint64>(ts.tv_sec) * 1000000 + ts.tv_nsec / 1000;
    notify("RELOADING=1\nMONOTONIC_USEC=" + QByteArray::number(usec));
}

void ServiceNotifier::stopping()
{
    notify("STOPPING=1\nSTATUS=finishing calls in progress");
}

void ServiceNotifier::status(const QByteArray &status)
{
    notify("STATUS=" + status);
}

void ServiceNotifier::keepAlive()
{
    if (m_watchdog.count() == 0)
        return;
    const auto now = std::chrono::steady_clock::now();
    if (now - m_lastPing < m_watchdog / 2)
        return;
    m_lastPing = now;
    notify("WATCHDOG=1");
}

} // namespace vv::agent
