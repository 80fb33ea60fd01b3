#pragma once
// Usage and billing figures of a vault. The reseller pays per GB-month of
// space held (GB = 10^9 bytes): the time-weighted average of bytes held over a
// calendar month, from samples taken at least hourly.
#include "common/timeformat.h"
#include "vault/catalogue.h"

#include <QJsonObject>
#include <optional>
#include <vector>

namespace vv::agent {

struct MonthlyStatement
{
    int year = 0;
    int month = 0;
    PacketTime from = 0;
    PacketTime to = 0;       // end of the month, or "now" for the month in progress
    double averageBytes = 0; // time-weighted over the whole month so far
    double gbMonths = 0;     // GB held x fraction of the month
    int pricePencePerGbMonth = 100;
    qint64 amountPence = 0;
    bool complete = false; // the month is over
    QJsonObject toJson() const;
};

// Integrates a step function of bytes held (each sample holds until the next)
// over [monthStart, min(monthEnd, now)); `before` is the last sample before the
// month, if any. Pure arithmetic, so it is tested on known inputs.
MonthlyStatement computeStatement(int year, int month, const std::optional<UsageSample> &before,
                                  const std::vector<UsageSample> &samples, PacketTime now, int pricePence);

struct UsageReport
{
    QString vault;
    std::optional<qint64> capBytes;
    qint64 bytesHeld = 0;
    qint64 recordings = 0;
    PacketTime oldest = 0;
    PacketTime newest = 0;
    double recordedMinutes = 0;
    std::optional<double> bytesPerMinute;
    std::optional<double> agentBytesPerMinute; // over every vault of the agent
    std::optional<double> dailyGrowthBytes;
    std::optional<PacketTime> capReachedAt; // projected
    MonthlyStatement thisMonth;
    QJsonObject toJson() const;
};

UsageReport computeUsage(Catalogue *catalogue, const VaultRecord &vault, PacketTime now,
                         qint64 liveBytesInProgress = 0);
std::pair<PacketTime, PacketTime> monthBounds(int year, int month);

} // namespace vv::agent
