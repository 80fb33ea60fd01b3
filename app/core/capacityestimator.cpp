#include "capacityestimator.h"

#include <cmath>

namespace vv::app {

Estimate CapacityEstimator::estimate(const EstimateInput &in)
{
    Estimate e;
    e.minutes = std::max(0, in.users) * std::max(0.0, in.monthsToKeep) * std::max(0.0, in.minutesPerUserPerMonth);
    if (in.measuredBytesPerMinute && *in.measuredBytesPerMinute > 0) {
        e.basis = Estimate::Basis::Vault;
        e.bytesPerMinute = *in.measuredBytesPerMinute;
    } else if (in.agentBytesPerMinute && *in.agentBytesPerMinute > 0) {
        e.basis = Estimate::Basis::Agent;
        e.bytesPerMinute = *in.agentBytesPerMinute;
    } else {
        e.basis = Estimate::Basis::Encoder;
        e.bytesPerMinute = kEncoderBytesPerMinute;
    }
    e.measured = e.basis != Estimate::Basis::Encoder;
    e.bytes = qint64(std::ceil(e.minutes * e.bytesPerMinute));
    e.gb = double(e.bytes) / kGb;
    e.monthlyCost = e.gb * std::max(0.0, in.pricePerGbMonth);
    e.ruleOfThumbGb = e.minutes / kRuleOfThumbMinutesPerGb;
    return e;
}

double CapacityEstimator::capGb(const Estimate &estimate)
{
    if (estimate.bytes <= 0)
        return 0;
    // Round up in whole bytes of 10^7 (0.01 GB) so the cap is never below the estimate.
    return std::ceil(double(estimate.bytes) / 1e7) / 100.0;
}

} // namespace vv::app
