// libFuzzer target: the SDP parser and codec choice.
#include "sip/sdp.h"

#include <cstddef>
#include <cstdint>

using namespace vv::agent;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    SdpAudio sdp;
    std::string error;
    if (parseSdp(std::string_view(reinterpret_cast<const char *>(data), size), &sdp, &error))
        primaryCodec(sdp);
    return 0;
}
