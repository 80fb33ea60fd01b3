#pragma once
// How big a vault's cap has to be: users × months kept × minutes per user per month → minutes → bytes, at the
// vault's measured bytes per recorded minute when the agent has measured one, else at the source document's rule
// of thumb (1 GB ≈ 2,000 minutes, which is uncompressed G.711). GB = 10^9 bytes, as the agent bills.
#include <QtGlobal>
#include <optional>

namespace vv::app {

struct EstimateInput
{
    int users = 0;
    double monthsToKeep = 0;
    double minutesPerUserPerMonth = 400;
    std::optional<double> measuredBytesPerMinute; // usage's bytes_per_recorded_minute (null: nothing recorded yet)
    double pricePerGbMonth = 1.0;                 // the vault's price, £
};

struct Estimate
{
    double minutes = 0;
    double bytesPerMinute = 0; // the rate used
    bool measured = false;     // false: the rule of thumb
    qint64 bytes = 0;
    double gb = 0;
    double monthlyCost = 0;   // £ per month once the vault holds `gb`
    double ruleOfThumbGb = 0; // the same minutes at 2,000 minutes per GB, shown beside
};

class CapacityEstimator
{
public:
    static constexpr double kGb = 1e9;
    static constexpr double kRuleOfThumbMinutesPerGb = 2000;

    static Estimate estimate(const EstimateInput &input);
    // A cap in GB to enter: the estimate rounded up to 0.01 GB (never 0 when anything is needed).
    static double capGb(const Estimate &estimate);
};

} // namespace vv::app
