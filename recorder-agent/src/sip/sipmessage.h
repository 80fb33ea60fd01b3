#pragma once
// A tolerant but bounded SIP message parser (RFC 3261 section 7): request or
// status line, headers (compact forms expanded, folded lines joined, names
// compared case-insensitively) and the body delimited by Content-Length.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vv::agent {

struct SipMessage
{
    bool isRequest = false;
    std::string method;                                       // requests
    std::string requestUri;                                   // requests
    int status = 0;                                           // responses
    std::string reason;                                       // responses
    std::vector<std::pair<std::string, std::string>> headers; // name lower-cased, long form
    std::string body;

    const std::string *header(std::string_view lowerName) const;
    std::string headerOr(std::string_view lowerName) const;
    std::string callId() const { return headerOr("call-id"); }
    // CSeq "<number> <METHOD>"; false if absent or malformed.
    bool cseq(std::uint32_t *number, std::string *method) const;
};

struct SipParseLimits
{
    std::size_t maxHeaders = 256;
    std::size_t maxHeaderBytes = std::size_t{16} * 1024; // one header's value
    std::size_t maxMessageBytes = 65535;
};

// Parses exactly one SIP message from a datagram. On failure returns false with
// a short, loggable reason (never the message content, which may hold secrets).
bool parseSipMessage(std::string_view data, SipMessage *out, std::string *error,
                     const SipParseLimits &limits = SipParseLimits());

// Cheap check used to route UDP payloads: does it start like SIP?
bool looksLikeSip(const std::uint8_t *data, std::size_t len);

} // namespace vv::agent
