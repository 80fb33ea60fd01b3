#pragma once
// Name-addr / addr-spec parsing (RFC 3261 20.10, 25.1) and identity
// normalisation: "\"Bob\" <sip:+44 (20) 7946-0000@pbx;user=phone>;tag=a1"
// becomes user "+442079460000", host "pbx", tag "a1".
#include <cstdint>
#include <string>
#include <string_view>

namespace vv::agent {

struct NameAddr
{
    std::string scheme;     // sip, sips, tel (lower-case)
    std::string user;       // raw user part (percent-decoded), without user parameters
    std::string host;       // lower-case, without port
    std::string tag;        // the header's tag parameter, if any
    std::uint16_t port = 0; // 0 when the URI names none
    std::string headers;    // URI headers after '?', percent-decoded ("Replaces=abc;to-tag=1;from-tag=2")
    bool valid = false;
};

NameAddr parseNameAddr(std::string_view headerValue);
// For a Request-URI (no header parameters).
NameAddr parseUri(std::string_view uri);
// Plain number or extension: visual separators removed, leading '+' kept.
std::string normaliseNumber(std::string_view user);

} // namespace vv::agent
