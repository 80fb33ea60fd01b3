#pragma once
// Prometheus text exposition of the agent: API requests by route and status,
// a request latency histogram, and gauges/counters filled in at scrape time.
#include <QString>
#include <array>
#include <map>
#include <mutex>
#include <utility>

namespace vv::agent {

class ApiMetrics
{
public:
    void observe(const QString &method, const QString &route, int status, double seconds);
    // A request the agent could not serve through no fault of the client:
    // "catalogue" (unreadable), "recorder" (its thread did not answer).
    void countFailure(const QString &kind);
    QString render() const; // the API part; the caller appends capture and vault families

private:
    static constexpr std::array<double, 10> kBuckets{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1.0, 5.0};
    mutable std::mutex m_mutex;
    std::map<std::pair<QString, int>, quint64> m_requests; // "METHOD route" + status
    std::array<quint64, kBuckets.size()> m_bucketCounts{};
    std::map<QString, quint64> m_failures;
    quint64 m_count = 0;
    double m_sum = 0;
};

QString promEscape(const QString &labelValue);

} // namespace vv::agent
