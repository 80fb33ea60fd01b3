#include "rtp/payloadformat.h"

#include <vector>

namespace vv::agent {

PayloadFormat staticPayloadFormat(int pt)
{
    switch (pt) {
    case 0:
        return {"PCMU", 8000, 1};
    case 3:
        return {"GSM", 8000, 1};
    case 4:
        return {"G723", 8000, 1};
    case 8:
        return {"PCMA", 8000, 1};
    case 9:
        return {"G722", 8000, 1}; // RFC 3551: clock rate 8000 for historic reasons
    case 13:
        return {"CN", 8000, 1};
    case 18:
        return {"G729", 8000, 1};
    default:
        return {};
    }
}

const PayloadFormat &staticPayloadFormatRef(int pt)
{
    static const std::vector<PayloadFormat> table = [] {
        std::vector<PayloadFormat> t(128);
        for (int i = 0; i < 128; ++i) {
            t[static_cast<std::size_t>(i)] = staticPayloadFormat(i);
            if (t[static_cast<std::size_t>(i)].name.empty())
                t[static_cast<std::size_t>(i)].name = "PT" + std::to_string(i);
        }
        return t;
    }();
    return table[static_cast<std::size_t>(pt & 127)];
}

bool isNonAudioFormat(const std::string &name)
{
    return name == "TELEPHONE-EVENT" || name == "CN";
}

} // namespace vv::agent
