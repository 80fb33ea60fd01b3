#pragma once
// How big a vault's cap has to be: users × months kept × minutes per user per month → minutes → bytes, at the
// best rate known: the vault's own measured bytes per recorded minute, else the agent's over all its vaults (a
// new vault on a busy agent), else the most VIP Vault's encoder writes (every frame encoded, ~8,300 minutes per
// GB). The source document's rule of thumb (1 GB ≈ 2,000 minutes, uncompressed G.711) is shown beside only: it
// overestimates Ogg Opus about 7 times. GB = 10^9 bytes, as the agent bills.
#include <QtGlobal>
#include <optional>

namespace vv::app {

struct EstimateInput
{
    int users = 0;
    double monthsToKeep = 0;
    double minutesPerUserPerMonth = 400;
    std::optional<double> measuredBytesPerMinute; // usage's bytes_per_recorded_minute (null: nothing recorded yet)
    std::optional<double> agentBytesPerMinute;    // usage's agent_bytes_per_recorded_minute (every vault)
    double pricePerGbMonth = 1.0;                 // the vault's price, £
};

struct Estimate
{
    double minutes = 0;
    enum class Basis { Vault, Agent, Encoder };
    double bytesPerMinute = 0; // the rate used
    Basis basis = Basis::Encoder;
    bool measured = false; // the rate was measured (this vault's or the agent's)
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
    // Two 8 kbit/s Opus streams with every frame encoded, plus Ogg framing: the most a recorded minute takes.
    static constexpr double kEncoderBytesPerMinute = 120000;

    static Estimate estimate(const EstimateInput &input);
    // A cap in GB to enter: the estimate rounded up to 0.01 GB (never 0 when anything is needed).
    static double capGb(const Estimate &estimate);
};

} // namespace vv::app
