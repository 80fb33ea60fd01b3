#include "sip/sipmessage.h"

#include "sip/siptext.h"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace vv::agent {

namespace {

using siptext::lower;

std::string_view trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

std::string expandCompact(const std::string &name)
{
    if (name.size() != 1)
        return name;
    switch (name[0]) {
    case 'i':
        return "call-id";
    case 'f':
        return "from";
    case 't':
        return "to";
    case 'v':
        return "via";
    case 'm':
        return "contact";
    case 'l':
        return "content-length";
    case 'c':
        return "content-type";
    case 'k':
        return "supported";
    case 's':
        return "subject";
    case 'e':
        return "content-encoding";
    case 'o':
        return "event";
    case 'r':
        return "refer-to";
    case 'b':
        return "referred-by";
    case 'x':
        return "session-expires";
    default:
        return name;
    }
}

bool isToken(std::string_view s)
{
    if (s.empty() || s.size() > 32)
        return false;
    return std::all_of(s.begin(), s.end(), [](unsigned char c) {
        return std::isalnum(c) || c == '-' || c == '.' || c == '!' || c == '%' || c == '*' || c == '_' || c == '+' ||
               c == '`' || c == '\'' || c == '~';
    });
}

} // namespace

const std::string *SipMessage::header(std::string_view lowerName) const
{
    for (const auto &h : headers)
        if (h.first == lowerName)
            return &h.second;
    return nullptr;
}

std::string SipMessage::headerOr(std::string_view lowerName) const
{
    const std::string *h = header(lowerName);
    return h ? *h : std::string();
}

bool SipMessage::cseq(std::uint32_t *number, std::string *methodOut) const
{
    const std::string *h = header("cseq");
    if (!h)
        return false;
    std::string_view v = trim(*h);
    const auto sp = v.find_first_of(" \t");
    if (sp == std::string_view::npos)
        return false;
    std::uint32_t n = 0;
    auto [ptr, ec] = std::from_chars(v.data(), v.data() + sp, n);
    if (ec != std::errc() || ptr != v.data() + sp)
        return false;
    *number = n;
    *methodOut = std::string(trim(v.substr(sp + 1)));
    return !methodOut->empty();
}

bool looksLikeSip(const std::uint8_t *data, std::size_t len)
{
    if (len < 12)
        return false;
    std::string_view s(reinterpret_cast<const char *>(data), std::min<std::size_t>(len, 256));
    if (s.substr(0, 8) == "SIP/2.0 ")
        return true;
    const auto eol = s.find("\r\n");
    const auto line = s.substr(0, eol == std::string_view::npos ? s.size() : eol);
    return line.size() > 8 && line.substr(line.size() - 8) == " SIP/2.0";
}

bool parseSipMessage(std::string_view data, SipMessage *out, std::string *error, const SipParseLimits &limits)
{
    *out = SipMessage();
    if (data.size() > limits.maxMessageBytes) {
        *error = "message larger than " + std::to_string(limits.maxMessageBytes) + " bytes";
        return false;
    }
    // Leading CRLFs are keep-alives (RFC 5626) or padding; skip them.
    while (data.size() >= 2 && data.substr(0, 2) == "\r\n")
        data.remove_prefix(2);
    const auto headEnd = data.find("\r\n\r\n");
    std::size_t bodyStart = 0;
    std::string_view head;
    if (headEnd == std::string_view::npos) {
        // Tolerate bare-LF messages from sloppy senders.
        const auto lf = data.find("\n\n");
        if (lf == std::string_view::npos) {
            *error = "no end of headers";
            return false;
        }
        head = data.substr(0, lf);
        bodyStart = lf + 2;
    } else {
        head = data.substr(0, headEnd);
        bodyStart = headEnd + 4;
    }

    // Split lines, joining folded continuation lines (leading SP/HT).
    std::vector<std::string> lines;
    std::size_t pos = 0;
    while (pos <= head.size()) {
        auto nl = head.find('\n', pos);
        if (nl == std::string_view::npos)
            nl = head.size();
        std::string_view line = head.substr(pos, nl - pos);
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        if (!lines.empty() && !line.empty() && (line.front() == ' ' || line.front() == '\t') && lines.size() > 1) {
            lines.back() += ' ';
            lines.back() += std::string(trim(line));
            if (lines.back().size() > limits.maxHeaderBytes) {
                *error = "header line too long";
                return false;
            }
        } else {
            lines.emplace_back(line);
        }
        if (lines.size() > limits.maxHeaders + 1) {
            *error = "more than " + std::to_string(limits.maxHeaders) + " headers";
            return false;
        }
        pos = nl + 1;
    }
    if (lines.empty()) {
        *error = "empty message";
        return false;
    }

    const std::string_view start = lines.front();
    if (start.substr(0, 8) == "SIP/2.0 ") {
        out->isRequest = false;
        std::string_view rest = start.substr(8);
        if (rest.size() < 3) {
            *error = "bad status line";
            return false;
        }
        int code = 0;
        auto [p, ec] = std::from_chars(rest.data(), rest.data() + 3, code);
        if (ec != std::errc() || p != rest.data() + 3 || code < 100 || code > 699 ||
            (rest.size() > 3 && rest[3] != ' ')) {
            *error = "bad status code";
            return false;
        }
        out->status = code;
        out->reason = std::string(trim(rest.substr(3)));
    } else {
        const auto sp1 = start.find(' ');
        const auto sp2 = start.rfind(' ');
        if (sp1 == std::string_view::npos || sp2 == sp1 || start.substr(sp2 + 1) != "SIP/2.0") {
            *error = "bad request line";
            return false;
        }
        const auto method = start.substr(0, sp1);
        if (!isToken(method)) {
            *error = "bad method";
            return false;
        }
        out->isRequest = true;
        out->method = std::string(method);
        out->requestUri = std::string(trim(start.substr(sp1 + 1, sp2 - sp1 - 1)));
        if (out->requestUri.empty()) {
            *error = "empty Request-URI";
            return false;
        }
    }

    long long contentLength = -1;
    for (std::size_t i = 1; i < lines.size(); ++i) {
        const std::string &line = lines[i];
        if (line.empty())
            continue;
        const auto colon = line.find(':');
        if (colon == std::string::npos || colon == 0) {
            *error = "header without colon";
            return false;
        }
        std::string name = expandCompact(lower(trim(std::string_view(line).substr(0, colon))));
        if (!isToken(name)) {
            *error = "bad header name";
            return false;
        }
        std::string_view value = trim(std::string_view(line).substr(colon + 1));
        if (value.size() > limits.maxHeaderBytes) {
            *error = "header " + name + " longer than " + std::to_string(limits.maxHeaderBytes) + " bytes";
            return false;
        }
        if (name == "content-length") {
            long long n = -1;
            auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
            if (ec != std::errc() || p != value.data() + value.size() || n < 0) {
                *error = "bad Content-Length";
                return false;
            }
            contentLength = n;
        }
        out->headers.emplace_back(std::move(name), std::string(value));
    }

    const std::string_view rest = bodyStart <= data.size() ? data.substr(bodyStart) : std::string_view();
    if (contentLength >= 0) {
        // RFC 3261 18.3: over UDP a body shorter than Content-Length is an error.
        if (static_cast<unsigned long long>(contentLength) > rest.size()) {
            *error = "Content-Length larger than the body";
            return false;
        }
        out->body = std::string(rest.substr(0, static_cast<std::size_t>(contentLength)));
    } else {
        out->body = std::string(rest);
    }
    if (out->callId().empty()) {
        *error = "no Call-ID";
        return false;
    }
    std::uint32_t n = 0;
    std::string m;
    if (!out->cseq(&n, &m)) {
        *error = "missing or bad CSeq";
        return false;
    }
    return true;
}

} // namespace vv::agent
