#pragma once
// Reading one HTTP/1.1 request head (request line and header fields) from raw
// bytes, strictly: everything two HTTP parsers could read differently is
// refused (folded lines, bare LF, Transfer-Encoding, repeated Content-Length,
// no Host), so a body can never be taken for a request (RFC 9112 §6.3, §11.2).
// No sockets here: the server (api/httpserver.cpp) feeds it bytes, and so do
// the unit tests and the fuzzer.
#include "api/http.h"

#include <cstddef>
#include <string>
#include <string_view>

namespace vv::agent::http {

struct HeadLimits
{
    std::size_t maxHeadBytes = 64 * 1024;  // request line + fields; past it: 431
    unsigned maxFields = 100;              // past it: 431
    std::size_t maxTargetBytes = 8 * 1024; // past it: 414
};

struct Head
{
    int refusal = 0;    // 0, or the status to refuse with (400, 411, 414, 417, 431, 501, 505)
    std::string detail; // why, for the problem document
    Request request;    // method, path, params, headers; body not read yet
    std::size_t contentLength = 0;
    bool keepAlive = true;
    bool expectContinue = false;
};

// Bytes up to and including the blank line that ends the head, or 0 while it
// is incomplete. A head ending in bare LFs is found too (then refused).
std::size_t headLength(std::string_view bytes);

// Parses a complete head as found by headLength().
Head parseHead(std::string_view head, const HeadLimits &limits = {});

// Percent-decoding; false on a malformed escape. `plusIsSpace` for query strings.
bool percentDecode(std::string_view in, std::string *out, bool plusIsSpace);

} // namespace vv::agent::http
