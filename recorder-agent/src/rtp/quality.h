#pragma once
// Call quality as a listener would judge it: an E-model estimate (ITU-T
// G.107, simplified as most monitoring tools do) from the codec, the packet
// loss and a one-way delay estimate; and the verdicts a reviewer needs first:
// one side silent, one direction missing.
#include <string>

namespace vv::agent {

struct EModelInput
{
    std::string codec; // PCMU, PCMA, G722, G729, GSM, OPUS
    double lossPercent = 0;
    double delayMs = 0; // one-way mouth-to-ear estimate
};

// R factor (0-100) and MOS (1.0-4.5).
double eModelR(const EModelInput &in);
double mosFromR(double r);

} // namespace vv::agent
