#include "rtp/quality.h"

#include <algorithm>

namespace vv::agent {

namespace {

struct CodecImpairment
{
    double ie;  // equipment impairment without loss
    double bpl; // packet-loss robustness
};

// G.113 Appendix I values; G.711 with the packet loss concealment phones do
// (Bpl 25.1), since the MOS estimates the call as its parties heard it.
// Wideband codecs are mapped onto the narrowband scale, as tools usually do.
CodecImpairment impairment(const std::string &codec)
{
    if (codec == "G729")
        return {11.0, 19.0};
    if (codec == "GSM")
        return {20.0, 10.0};
    if (codec == "OPUS")
        return {0.0, 10.0};
    return {0.0, 25.1}; // PCMU, PCMA, G722
}

} // namespace

double eModelR(const EModelInput &in)
{
    const CodecImpairment c = impairment(in.codec);
    const double ppl = std::clamp(in.lossPercent, 0.0, 100.0);
    const double ieEff = c.ie + (95.0 - c.ie) * ppl / (ppl + c.bpl);
    const double d = std::max(0.0, in.delayMs);
    const double id = 0.024 * d + (d > 177.3 ? 0.11 * (d - 177.3) : 0.0);
    return std::clamp(93.2 - id - ieEff, 0.0, 100.0);
}

double mosFromR(double r)
{
    if (r <= 0)
        return 1.0;
    if (r >= 100)
        return 4.5;
    return std::clamp(1.0 + 0.035 * r + 7.0e-6 * r * (r - 60.0) * (100.0 - r), 1.0, 4.5);
}

} // namespace vv::agent
