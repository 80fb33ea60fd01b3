// The network the agent tests pretend to watch: a PBX at 192.0.2.10 with phones 201–299 at 192.0.2.(ext-180)
// and a carrier trunk at 198.51.100.20 (RFC 5737 documentation addresses: they only ever live inside files).
#pragma once

#include "scenario.h"

#include <string>

namespace vv::capgen::topology {

constexpr double kEpoch = 1795687200.0; // 2026-11-26T10:00:00Z
inline const std::string kPbx = "192.0.2.10";
inline const std::string kCarrier = "198.51.100.20";

inline Party phone(int extension)
{
    return makeParty(std::to_string(extension), kPbx, "192.0.2." + std::to_string(extension - 180), 5060,
                     uint16_t(40000 + (extension - 200) * 10));
}

inline Party external(const std::string &number, uint16_t mediaPort)
{
    return makeParty(number, kCarrier, kCarrier, 5060, mediaPort);
}

inline CallSpec call(const std::string &callId, Party caller, Party callee, double startOffset, uint64_t seed)
{
    CallSpec spec;
    spec.callId = callId;
    spec.caller = std::move(caller);
    spec.callee = std::move(callee);
    spec.start = kEpoch + startOffset;
    spec.seed = seed;
    return spec;
}

} // namespace vv::capgen::topology
