#include "api/httpframing.h"

#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <limits>

namespace vv::agent::http {

namespace bhttp = boost::beast::http;

namespace {

// Beast's request parser with a limit on the number of fields: Beast has
// none, and 200,000 short lines under the byte limit would all be stored.
class CountingParser : public bhttp::request_parser<bhttp::empty_body>
{
public:
    explicit CountingParser(unsigned maxFields)
        : m_maxFields(maxFields)
    {}
    bool tooManyFields() const { return m_tooMany; }

private:
    void on_field_impl(bhttp::field f, boost::beast::string_view name, boost::beast::string_view value,
                       boost::beast::error_code &ec) override
    {
        if (++m_fields > m_maxFields) {
            m_tooMany = true;
            ec = bhttp::error::header_limit;
            return;
        }
        get().insert(f, name, value); // what Beast's own parser does with a field
    }

    unsigned m_maxFields;
    unsigned m_fields = 0;
    bool m_tooMany = false;
};

bool hasControl(std::string_view s)
{
    for (const char c : s)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
            return true;
    return false;
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

Head refused(int status, std::string detail)
{
    Head h;
    h.refusal = status;
    h.detail = std::move(detail);
    h.keepAlive = false;
    return h;
}

// Folded lines and bare LF are what a proxy and a server may split
// differently; Beast would unfold them silently, so they are caught raw.
std::string rawProblem(std::string_view head)
{
    for (std::size_t i = 0; i < head.size(); ++i) {
        const char c = head[i];
        if (c == '\0')
            return "a NUL byte in the request head";
        if (c != '\n')
            continue;
        if (i == 0 || head[i - 1] != '\r')
            return "a line ends in a bare LF; HTTP lines end in CRLF";
        if (i + 1 < head.size() && (head[i + 1] == ' ' || head[i + 1] == '\t'))
            return "a folded header line (obs-fold) is not accepted";
    }
    return {};
}

bool splitTarget(std::string_view target, Request *r, std::string *why)
{
    const std::size_t q = target.find('?');
    if (!percentDecode(target.substr(0, q), &r->path, false) || hasControl(r->path)) {
        *why = "the path has a malformed escape or a control character";
        return false;
    }
    if (q == std::string_view::npos)
        return true;
    std::string_view query = target.substr(q + 1);
    while (!query.empty()) {
        const std::size_t amp = query.find('&');
        const std::string_view pair = query.substr(0, amp);
        query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
        if (pair.empty())
            continue;
        const std::size_t eq = pair.find('=');
        std::string key;
        std::string value;
        if (!percentDecode(pair.substr(0, eq), &key, true) ||
            (eq != std::string_view::npos && !percentDecode(pair.substr(eq + 1), &value, true))) {
            *why = "the query has a malformed escape";
            return false;
        }
        if (hasControl(key) || hasControl(value)) {
            *why = "query parameter \"" + (hasControl(key) ? std::string("?") : key) +
                   "\" contains a control character (a NUL, tab or line break)";
            return false;
        }
        r->params.emplace_back(std::move(key), std::move(value));
    }
    return true;
}

} // namespace

bool percentDecode(std::string_view in, std::string *out, bool plusIsSpace)
{
    out->clear();
    out->reserve(in.size());
    for (std::size_t i = 0; i < in.size(); ++i) {
        const char c = in[i];
        if (c == '%') {
            if (i + 2 >= in.size())
                return false;
            const int hi = hexValue(in[i + 1]);
            const int lo = hexValue(in[i + 2]);
            if (hi < 0 || lo < 0)
                return false;
            out->push_back(static_cast<char>(hi * 16 + lo));
            i += 2;
        } else if (c == '+' && plusIsSpace) {
            out->push_back(' ');
        } else {
            out->push_back(c);
        }
    }
    return true;
}

std::size_t headLength(std::string_view bytes)
{
    // The first empty line: "\n\r\n" or a bare "\n\n" (the latter refused later).
    for (std::size_t i = bytes.find('\n'); i != std::string_view::npos; i = bytes.find('\n', i + 1)) {
        if (i + 1 < bytes.size() && bytes[i + 1] == '\n')
            return i + 2;
        if (i + 2 < bytes.size() && bytes[i + 1] == '\r' && bytes[i + 2] == '\n')
            return i + 3;
    }
    return 0;
}

Head parseHead(std::string_view head, const HeadLimits &limits)
{
    if (head.size() > limits.maxHeadBytes)
        return refused(431, "the request head is larger than " + std::to_string(limits.maxHeadBytes / 1024) + " KiB");
    if (const std::string why = rawProblem(head); !why.empty())
        return refused(400, why);
    const std::size_t lineEnd = head.find("\r\n");
    const std::size_t firstSpace = head.find(' ');
    const std::size_t secondSpace = firstSpace == std::string_view::npos ? firstSpace : head.find(' ', firstSpace + 1);
    if (secondSpace != std::string_view::npos && secondSpace < lineEnd &&
        secondSpace - firstSpace - 1 > limits.maxTargetBytes)
        return refused(414, "the request target is longer than " + std::to_string(limits.maxTargetBytes) + " bytes");

    CountingParser parser(limits.maxFields);
    // Our own limit on the whole head is checked above; Beast applies its
    // limit to the request line and to the fields separately. Values of 64 KiB
    // or more make Beast throw, hence the catch.
    parser.header_limit(static_cast<std::uint32_t>(limits.maxHeadBytes));
    parser.body_limit(std::numeric_limits<std::uint64_t>::max()); // not boost::none: broken in Beast 1.74
    boost::beast::error_code ec;
    try {
        parser.put(boost::asio::buffer(head.data(), head.size()), ec);
    } catch (const std::exception &e) {
        return refused(431, std::string("a header field is too large: ") + e.what());
    }
    if (ec == bhttp::error::header_limit || ec == bhttp::error::buffer_overflow)
        return refused(431, parser.tooManyFields() ? "more than " + std::to_string(limits.maxFields) + " header fields"
                                                   : "the request head is larger than " +
                                                         std::to_string(limits.maxHeadBytes / 1024) + " KiB");
    if (ec == bhttp::error::bad_version)
        return refused(400, "not an HTTP/1.0 or HTTP/1.1 request line");
    if (ec)
        return refused(400, "malformed request head: " + ec.message());
    if (!parser.is_header_done())
        return refused(400, "the request head is incomplete");

    const auto &msg = parser.get();
    if (msg.count(bhttp::field::transfer_encoding) > 0)
        return parser.chunked() ? refused(411, "chunked request bodies are not accepted; send Content-Length")
                                : refused(400, "Transfer-Encoding is not accepted; send Content-Length");
    if (msg.count(bhttp::field::content_length) > 1)
        return refused(400, "more than one Content-Length header");
    if (msg.version() == 11 && msg.count(bhttp::field::host) != 1)
        return refused(400, "an HTTP/1.1 request needs exactly one Host header");
    if (msg.method() == bhttp::verb::unknown)
        return refused(501, "the method " + std::string(msg.method_string()) + " is not supported");
    const boost::beast::string_view target = msg.target();
    if (target.empty() || target.front() != '/')
        return refused(400, "the request target must be a path starting with /");
    if (msg.count(bhttp::field::expect) > 0 && !boost::beast::iequals(msg[bhttp::field::expect], "100-continue"))
        return refused(417, "only \"Expect: 100-continue\" is understood");

    Head h;
    std::string why;
    if (!splitTarget(std::string_view(target.data(), target.size()), &h.request, &why))
        return refused(400, why);
    h.request.method = std::string(msg.method_string());
    for (const auto &field : msg)
        h.request.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    h.contentLength = static_cast<std::size_t>(parser.content_length().value_or(0));
    h.keepAlive = parser.keep_alive();
    h.expectContinue = msg.count(bhttp::field::expect) > 0;
    return h;
}

} // namespace vv::agent::http
