#include "vault/usage.h"

#include <QDate>
#include <QDateTime>
#include <QJsonValue>
#include <cmath>

namespace vv::agent {

namespace {
constexpr double kGb = 1e9;
constexpr PacketTime kDay = 86'400'000'000LL;

QJsonValue timeOrNull(PacketTime t)
{
    return t ? QJsonValue(isoUtcMillis(t)) : QJsonValue(QJsonValue::Null);
}
} // namespace

std::pair<PacketTime, PacketTime> monthBounds(int year, int month)
{
    const QDateTime start(QDate(year, month, 1), QTime(0, 0), Qt::UTC);
    const QDateTime end = start.addMonths(1);
    return {start.toMSecsSinceEpoch() * 1000, end.toMSecsSinceEpoch() * 1000};
}

MonthlyStatement computeStatement(int year, int month, const std::optional<UsageSample> &before,
                                  const std::vector<UsageSample> &samples, PacketTime now, int pricePence)
{
    MonthlyStatement s;
    s.year = year;
    s.month = month;
    s.pricePencePerGbMonth = pricePence;
    const auto [from, monthEnd] = monthBounds(year, month);
    s.from = from;
    s.complete = now >= monthEnd;
    s.to = s.complete ? monthEnd : std::max(from, now);
    // Step integration: the level before the first sample is the previous
    // month's last sample, or nothing held.
    double level = before ? static_cast<double>(before->storedBytes) : 0.0;
    PacketTime t = from;
    double byteMicros = 0;
    for (const UsageSample &u : samples) {
        if (u.at < from)
            continue;
        if (u.at >= s.to)
            break;
        byteMicros += level * static_cast<double>(u.at - t);
        level = static_cast<double>(u.storedBytes);
        t = u.at;
    }
    byteMicros += level * static_cast<double>(s.to - t);
    const double monthLength = static_cast<double>(monthEnd - from);
    // GB-months: average bytes over the WHOLE month (unelapsed days count as
    // nothing held yet), so a month in progress shows what has accrued so far.
    s.gbMonths = byteMicros / monthLength / kGb;
    const double elapsed = static_cast<double>(s.to - from);
    s.averageBytes = elapsed > 0 ? byteMicros / elapsed : 0;
    s.amountPence = std::llround(s.gbMonths * pricePence);
    return s;
}

QJsonObject MonthlyStatement::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("month"),
             QStringLiteral("%1-%2").arg(year, 4, 10, QLatin1Char('0')).arg(month, 2, 10, QLatin1Char('0')));
    o.insert(QStringLiteral("from"), isoUtcMillis(from));
    o.insert(QStringLiteral("to"), isoUtcMillis(to));
    o.insert(QStringLiteral("complete"), complete);
    o.insert(QStringLiteral("average_bytes_held"), std::round(averageBytes));
    o.insert(QStringLiteral("gb_months"), std::round(gbMonths * 1e6) / 1e6);
    o.insert(QStringLiteral("price_per_gb_month_gbp"), pricePencePerGbMonth / 100.0);
    o.insert(QStringLiteral("amount_gbp"), amountPence / 100.0);
    o.insert(QStringLiteral("pricing_note"), QStringLiteral("charged per GB-month of space held; GB = 10^9 bytes"));
    return o;
}

UsageReport computeUsage(Catalogue *cat, const VaultRecord &vault, PacketTime now, qint64 liveBytesInProgress)
{
    UsageReport r;
    r.vault = vault.name;
    r.capBytes = vault.capBytes;
    const UsageTotals t = cat->usageTotals(vault.id);
    r.bytesHeld = t.storedBytes + liveBytesInProgress;
    r.recordings = t.storedRecordings;
    std::tie(r.oldest, r.newest) = cat->storedTimeRange(vault.id);
    r.recordedMinutes = t.storedDurationMs / 60000.0;
    if (t.writtenDurationMs > 0)
        r.bytesPerMinute = t.writtenBytes / (t.writtenDurationMs / 60000.0);
    if (const UsageTotals all = cat->agentUsageTotals(); all.writtenDurationMs > 0)
        r.agentBytesPerMinute = all.writtenBytes / (all.writtenDurationMs / 60000.0);
    // Growth: bytes written over (up to) the last 7 days of samples.
    if (auto past = cat->lastSampleBefore(vault.id, now - 7 * kDay + 1); !past) {
        const auto first = cat->usageSamples(vault.id, 0, now);
        if (!first.empty() && now - first.front().at >= kDay / 24)
            past = first.front();
        if (past) {
            const double days = double(now - past->at) / kDay;
            r.dailyGrowthBytes = (t.writtenBytes - past->writtenBytes) / days;
        }
    } else {
        const double days = double(now - past->at) / kDay;
        r.dailyGrowthBytes = (t.writtenBytes - past->writtenBytes) / days;
    }
    if (r.capBytes && r.dailyGrowthBytes && *r.dailyGrowthBytes > 0) {
        const double daysLeft = std::max(0.0, double(*r.capBytes - r.bytesHeld) / *r.dailyGrowthBytes);
        r.capReachedAt = now + static_cast<PacketTime>(daysLeft * kDay);
    }
    const QDate d = QDateTime::fromMSecsSinceEpoch(now / 1000, Qt::UTC).date();
    const auto [from, to] = monthBounds(d.year(), d.month());
    r.thisMonth = computeStatement(d.year(), d.month(), cat->lastSampleBefore(vault.id, from),
                                   cat->usageSamples(vault.id, from, to), now, vault.pricePencePerGbMonth);
    return r;
}

QJsonObject UsageReport::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("vault"), vault);
    o.insert(QStringLiteral("storage"), capBytes ? QStringLiteral("cap") : QStringLiteral("grow indefinitely"));
    o.insert(QStringLiteral("cap_bytes"), capBytes ? QJsonValue(*capBytes) : QJsonValue(QJsonValue::Null));
    o.insert(QStringLiteral("bytes_used"), bytesHeld);
    o.insert(QStringLiteral("recordings"), recordings);
    o.insert(QStringLiteral("oldest"), timeOrNull(oldest));
    o.insert(QStringLiteral("newest"), timeOrNull(newest));
    o.insert(QStringLiteral("recorded_minutes"), std::round(recordedMinutes * 10) / 10);
    o.insert(QStringLiteral("bytes_per_recorded_minute"),
             bytesPerMinute ? QJsonValue(std::round(*bytesPerMinute)) : QJsonValue(QJsonValue::Null));
    o.insert(QStringLiteral("agent_bytes_per_recorded_minute"),
             agentBytesPerMinute ? QJsonValue(std::round(*agentBytesPerMinute)) : QJsonValue(QJsonValue::Null));
    o.insert(QStringLiteral("minutes_per_gb"), bytesPerMinute && *bytesPerMinute > 0
                                                   ? QJsonValue(std::round(kGb / *bytesPerMinute))
                                                   : QJsonValue(QJsonValue::Null));
    o.insert(QStringLiteral("daily_growth_bytes"),
             dailyGrowthBytes ? QJsonValue(std::round(*dailyGrowthBytes)) : QJsonValue(QJsonValue::Null));
    o.insert(QStringLiteral("cap_reached_at"), capReachedAt ? timeOrNull(*capReachedAt) : QJsonValue(QJsonValue::Null));
    o.insert(QStringLiteral("this_month"), thisMonth.toJson());
    return o;
}

} // namespace vv::agent
