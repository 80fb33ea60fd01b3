#pragma once
// Sign-in throttling per user name and per client address: after a few
// failures further attempts are refused (429 + Retry-After) for a delay that
// doubles with each failure, up to 15 minutes. Success clears the user's count.
#include <QHash>
#include <QString>
#include <chrono>
#include <mutex>

namespace vv::agent {

class LoginThrottle
{
public:
    LoginThrottle(int freeUserFailures = 5, int freeAddressFailures = 20);
    // Seconds to wait before another attempt is allowed; 0 = go ahead.
    int retryAfter(const QString &username, const QString &address);
    void failed(const QString &username, const QString &address);
    void succeeded(const QString &username);

private:
    struct Entry
    {
        int failures = 0;
        std::chrono::steady_clock::time_point blockedUntil{};
        std::chrono::steady_clock::time_point lastFailure{};
    };
    void bump(Entry &e, int freeFailures);
    int remaining(const Entry &e) const;

    std::mutex m_mutex;
    QHash<QString, Entry> m_users;
    QHash<QString, Entry> m_addresses;
    int m_freeUser;
    int m_freeAddress;
};

} // namespace vv::agent
