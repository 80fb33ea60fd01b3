// libFuzzer target: the SIP message parser and the URI / name-addr parsers
// applied to every header a call tracker reads.
#include "sip/sipmessage.h"
#include "sip/sipuri.h"

#include <cstddef>
#include <cstdint>

using namespace vv::agent;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    SipMessage msg;
    std::string error;
    if (parseSipMessage(text, &msg, &error)) {
        for (const char *h : {"from", "to", "p-asserted-identity", "contact"})
            parseNameAddr(msg.headerOr(h));
        parseUri(msg.requestUri);
        std::uint32_t n = 0;
        std::string method;
        msg.cseq(&n, &method);
    }
    normaliseNumber(text.substr(0, 256));
    looksLikeSip(data, size);
    return 0;
}
