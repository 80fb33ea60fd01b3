#pragma once
// Sign-in throttling. Failures count per (user name, client address), so an
// attacker elsewhere cannot lock a person out by guessing their password, and
// per address with a higher ceiling, so one address cannot try thousands of
// names. Past the free failures each further one blocks for a delay that
// doubles, up to 15 minutes; a quiet quarter hour forgets. An attempt is
// counted when it starts (before the password is checked), so parallel
// attempts cannot get more guesses than sequential ones.
#include <QHash>
#include <QString>
#include <chrono>
#include <functional>
#include <mutex>

namespace vv::agent {

class LoginThrottle
{
public:
    using Clock = std::function<std::chrono::steady_clock::time_point()>;

    explicit LoginThrottle(int freePairFailures = 5, int freeAddressFailures = 50, Clock clock = {});

    // Reserves an attempt: 0 = go ahead, and call finished() with the outcome;
    // otherwise the seconds to wait, and nothing was reserved.
    int begin(const QString &username, const QString &address);
    void finished(const QString &username, const QString &address, bool succeeded);

private:
    struct Entry
    {
        int failures = 0;
        int inFlight = 0;
        std::chrono::steady_clock::time_point blockedUntil{};
        std::chrono::steady_clock::time_point lastFailure{};
    };
    int wait(Entry &e, int freeFailures, std::chrono::steady_clock::time_point now) const;
    void bump(Entry &e, int freeFailures, std::chrono::steady_clock::time_point now) const;
    void prune(std::chrono::steady_clock::time_point now);
    static QString pairKey(const QString &username, const QString &address);

    std::mutex m_mutex;
    QHash<QString, Entry> m_pairs;
    QHash<QString, Entry> m_addresses;
    int m_freePair;
    int m_freeAddress;
    Clock m_clock;
};

} // namespace vv::agent
