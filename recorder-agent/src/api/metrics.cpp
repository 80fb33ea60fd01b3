#include "api/metrics.h"

namespace vv::agent {

void ApiMetrics::observe(const QString &method, const QString &route, int status, double seconds)
{
    std::lock_guard lock(m_mutex);
    ++m_requests[{method + QLatin1Char(' ') + route, status}];
    for (std::size_t i = 0; i < kBuckets.size(); ++i)
        if (seconds <= kBuckets[i])
            ++m_bucketCounts[i];
    ++m_count;
    m_sum += seconds;
}

void ApiMetrics::countFailure(const QString &kind)
{
    std::lock_guard lock(m_mutex);
    ++m_failures[kind];
}

QString promEscape(const QString &v)
{
    QString out = v;
    out.replace(QLatin1Char('\\'), QStringLiteral("\\\\"))
        .replace(QLatin1Char('"'), QStringLiteral("\\\""))
        .replace(QLatin1Char('\n'), QStringLiteral("\\n"));
    return out;
}

QString ApiMetrics::render() const
{
    std::lock_guard lock(m_mutex);
    QString out;
    out += QStringLiteral("# HELP vipvault_api_requests_total API requests by route and status.\n"
                          "# TYPE vipvault_api_requests_total counter\n");
    for (const auto &[key, n] : m_requests) {
        const QString method = key.first.section(QLatin1Char(' '), 0, 0);
        const QString route = key.first.section(QLatin1Char(' '), 1);
        out += QStringLiteral("vipvault_api_requests_total{method=\"%1\",route=\"%2\",status=\"%3\"} %4\n")
                   .arg(method, promEscape(route))
                   .arg(key.second)
                   .arg(n);
    }
    out += QStringLiteral("# HELP vipvault_api_request_duration_seconds API request latency.\n"
                          "# TYPE vipvault_api_request_duration_seconds histogram\n");
    for (std::size_t i = 0; i < kBuckets.size(); ++i)
        out += QStringLiteral("vipvault_api_request_duration_seconds_bucket{le=\"%1\"} %2\n")
                   .arg(kBuckets[i])
                   .arg(m_bucketCounts[i]);
    out += QStringLiteral("vipvault_api_request_duration_seconds_bucket{le=\"+Inf\"} %1\n").arg(m_count);
    out += QStringLiteral("vipvault_api_request_duration_seconds_sum %1\n").arg(m_sum, 0, 'f', 6);
    out += QStringLiteral("vipvault_api_request_duration_seconds_count %1\n").arg(m_count);
    out += QStringLiteral("# HELP vipvault_api_failures_total Requests answered 503 because the catalogue could not be "
                          "read or the recorder did not answer.\n# TYPE vipvault_api_failures_total counter\n");
    for (const QString kind : {QStringLiteral("catalogue"), QStringLiteral("recorder")})
        out += QStringLiteral("vipvault_api_failures_total{kind=\"%1\"} %2\n")
                   .arg(kind)
                   .arg(m_failures.count(kind) ? m_failures.at(kind) : 0);
    return out;
}

} // namespace vv::agent
