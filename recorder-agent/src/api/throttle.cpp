#include "api/throttle.h"

#include <algorithm>

namespace vv::agent {

namespace {
constexpr auto kForget = std::chrono::minutes(15); // a quiet quarter hour resets the count
constexpr int kMaxDelaySeconds = 15 * 60;
constexpr int kMaxEntries = 100000; // bound memory under a flood of invented names or addresses
} // namespace

LoginThrottle::LoginThrottle(int freePairFailures, int freeAddressFailures, Clock clock)
    : m_freePair(freePairFailures)
    , m_freeAddress(freeAddressFailures)
    , m_clock(clock ? std::move(clock) : Clock([] { return std::chrono::steady_clock::now(); }))
{}

QString LoginThrottle::pairKey(const QString &username, const QString &address)
{
    return username.toLower() + QLatin1Char('\n') + address;
}

int LoginThrottle::wait(Entry &e, int freeFailures, std::chrono::steady_clock::time_point now) const
{
    if (now - e.lastFailure > kForget && e.inFlight == 0)
        e.failures = 0;
    if (e.blockedUntil > now)
        return static_cast<int>(std::chrono::duration_cast<std::chrono::seconds>(e.blockedUntil - now).count()) + 1;
    // Within the free failures, as many attempts as are left may run at once;
    // past them, one at a time.
    if (e.failures + e.inFlight < freeFailures || (e.failures >= freeFailures && e.inFlight == 0))
        return 0;
    return 1;
}

void LoginThrottle::bump(Entry &e, int freeFailures, std::chrono::steady_clock::time_point now) const
{
    e.lastFailure = now;
    ++e.failures;
    if (e.failures >= freeFailures) {
        const int exponent = std::min(e.failures - freeFailures, 10);
        const int delay = std::min(kMaxDelaySeconds, 30 << exponent);
        e.blockedUntil = now + std::chrono::seconds(delay);
    }
}

void LoginThrottle::prune(std::chrono::steady_clock::time_point now)
{
    auto sweep = [now](QHash<QString, Entry> &map) {
        if (map.size() < kMaxEntries)
            return;
        for (auto it = map.begin(); it != map.end();)
            it = (it->inFlight == 0 && it->blockedUntil <= now && now - it->lastFailure > kForget) ? map.erase(it)
                                                                                                   : std::next(it);
        if (map.size() >= kMaxEntries) // still full of live entries: keep only the blocked ones
            for (auto it = map.begin(); it != map.end();)
                it = (it->inFlight == 0 && it->blockedUntil <= now) ? map.erase(it) : std::next(it);
    };
    sweep(m_pairs);
    sweep(m_addresses);
}

int LoginThrottle::begin(const QString &username, const QString &address)
{
    std::lock_guard lock(m_mutex);
    const auto now = m_clock();
    prune(now);
    Entry &pair = m_pairs[pairKey(username, address)];
    Entry &addr = m_addresses[address];
    const int w = std::max(wait(pair, m_freePair, now), wait(addr, m_freeAddress, now));
    if (w > 0)
        return w;
    ++pair.inFlight;
    ++addr.inFlight;
    return 0;
}

void LoginThrottle::finished(const QString &username, const QString &address, bool succeeded)
{
    std::lock_guard lock(m_mutex);
    const auto now = m_clock();
    Entry &pair = m_pairs[pairKey(username, address)];
    Entry &addr = m_addresses[address];
    pair.inFlight = std::max(0, pair.inFlight - 1);
    addr.inFlight = std::max(0, addr.inFlight - 1);
    if (succeeded) {
        if (pair.inFlight == 0)
            m_pairs.remove(pairKey(username, address));
        return;
    }
    bump(pair, m_freePair, now);
    bump(addr, m_freeAddress, now);
}

} // namespace vv::agent
