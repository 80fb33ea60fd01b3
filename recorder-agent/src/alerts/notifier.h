#pragma once
// Delivers what the health log queued (vault/healthstore's deliveries): its
// own thread and catalogue connection, so a slow or unreachable receiver never
// holds up the recorder. Each delivery is tried until it succeeds, with waits
// doubling from 5 s to an hour, for two days; then it is given up and logged.
// The queue is in the catalogue, so what was not yet sent survives restarts
// and kill -9.
#include "common/timeformat.h"
#include "config/alertsconfig.h"

#include <QString>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace vv::agent {

class Notifier
{
public:
    Notifier(QString cataloguePath, AlertsConfig config);
    ~Notifier();
    bool start(QString *error);
    void stop();
    void wake(); // something was queued

    quint64 delivered() const { return m_delivered.load(); }
    quint64 failedAttempts() const { return m_failedAttempts.load(); }
    quint64 abandoned() const { return m_abandoned.load(); }

private:
    QString m_path;
    AlertsConfig m_config;
    std::thread m_thread;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stop = false;
    bool m_woken = false;
    std::atomic<quint64> m_delivered{0};
    std::atomic<quint64> m_failedAttempts{0};
    std::atomic<quint64> m_abandoned{0};
};

} // namespace vv::agent
