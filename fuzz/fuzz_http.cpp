// libFuzzer target: the API's request-head reader (api/httpframing), fed the
// way the server feeds it: find the end of the head, parse it, and for what
// it accepts check the invariants the server relies on.
#include "api/httpframing.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace vv::agent;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view bytes(reinterpret_cast<const char *>(data), size);
    const std::size_t length = http::headLength(bytes);
    if (length > size)
        std::abort();
    const http::Head h = http::parseHead(length ? bytes.substr(0, length) : bytes);
    if (h.refusal == 0) {
        // Accepted heads have a method, an origin-form path and no control characters where routes look.
        if (h.request.method.empty() || h.request.path.empty() || h.request.path.front() != '/')
            std::abort();
        for (const auto &[key, value] : h.request.params)
            for (const char c : key + value)
                if (static_cast<unsigned char>(c) < 0x20)
                    std::abort();
    } else if (h.detail.empty() || h.keepAlive) {
        std::abort(); // every refusal says why and closes
    }
    return 0;
}
