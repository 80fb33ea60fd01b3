#include "api/throttle.h"

#include <algorithm>

namespace vv::agent {

namespace {
constexpr auto kForget = std::chrono::minutes(15); // a quiet quarter hour resets the count
constexpr int kMaxDelaySeconds = 15 * 60;
} // namespace

LoginThrottle::LoginThrottle(int freeUserFailures, int freeAddressFailures)
    : m_freeUser(freeUserFailures)
    , m_freeAddress(freeAddressFailures)
{}

int LoginThrottle::remaining(const Entry &e) const
{
    const auto now = std::chrono::steady_clock::now();
    if (e.blockedUntil <= now)
        return 0;
    return static_cast<int>(std::chrono::duration_cast<std::chrono::seconds>(e.blockedUntil - now).count()) + 1;
}

int LoginThrottle::retryAfter(const QString &username, const QString &address)
{
    std::lock_guard lock(m_mutex);
    return std::max(remaining(m_users.value(username.toLower())), remaining(m_addresses.value(address)));
}

void LoginThrottle::bump(Entry &e, int freeFailures)
{
    const auto now = std::chrono::steady_clock::now();
    if (now - e.lastFailure > kForget)
        e.failures = 0;
    e.lastFailure = now;
    ++e.failures;
    if (e.failures >= freeFailures) {
        const int exponent = std::min(e.failures - freeFailures, 10);
        const int delay = std::min(kMaxDelaySeconds, 30 << exponent);
        e.blockedUntil = now + std::chrono::seconds(delay);
    }
}

void LoginThrottle::failed(const QString &username, const QString &address)
{
    std::lock_guard lock(m_mutex);
    bump(m_users[username.toLower()], m_freeUser);
    bump(m_addresses[address], m_freeAddress);
    // Bound memory under a flood of invented user names.
    if (m_users.size() > 100000)
        m_users.clear();
}

void LoginThrottle::succeeded(const QString &username)
{
    std::lock_guard lock(m_mutex);
    m_users.remove(username.toLower());
}

} // namespace vv::agent
