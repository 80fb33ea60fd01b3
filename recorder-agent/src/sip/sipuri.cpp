#include "sip/sipuri.h"

#include "sip/siptext.h"

#include <algorithm>
#include <cctype>

namespace vv::agent {

namespace {

using siptext::lower;
using siptext::trim;

std::string percentDecode(std::string_view s)
{
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
            std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
            out += static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

// Finds a parameter ("tag") in a ";a=b;tag=x" list.
std::string findParam(std::string_view params, std::string_view name)
{
    std::size_t pos = 0;
    while (pos < params.size()) {
        auto semi = params.find(';', pos);
        if (semi == std::string_view::npos)
            break;
        auto next = params.find(';', semi + 1);
        std::string_view p =
            params.substr(semi + 1, next == std::string_view::npos ? std::string_view::npos : next - semi - 1);
        const auto eq = p.find('=');
        if (eq != std::string_view::npos && lower(trim(p.substr(0, eq))) == name)
            return std::string(trim(p.substr(eq + 1)));
        pos = next == std::string_view::npos ? params.size() : next;
    }
    return {};
}

} // namespace

NameAddr parseUri(std::string_view uri)
{
    NameAddr r;
    uri = trim(uri);
    const auto colon = uri.find(':');
    if (colon == std::string_view::npos || colon == 0 || colon > 8)
        return r;
    r.scheme = lower(uri.substr(0, colon));
    std::string_view rest = uri.substr(colon + 1);
    if (r.scheme == "tel") {
        const auto semi = rest.find(';');
        r.user = percentDecode(rest.substr(0, semi));
        r.valid = !r.user.empty();
        return r;
    }
    if (r.scheme != "sip" && r.scheme != "sips")
        return r;
    // URI headers (?...) first (a Refer-To may carry Replaces there); then split user@host.
    if (const auto q = rest.find('?'); q != std::string_view::npos) {
        r.headers = percentDecode(rest.substr(q + 1));
        rest = rest.substr(0, q);
    }
    const auto at = rest.rfind('@');
    std::string_view hostPart = rest;
    if (at != std::string_view::npos) {
        std::string_view userinfo = rest.substr(0, at);
        userinfo = userinfo.substr(0, userinfo.find(':')); // drop password
        userinfo = userinfo.substr(0, userinfo.find(';')); // drop user parameters (RFC 3966 style)
        r.user = percentDecode(userinfo);
        hostPart = rest.substr(at + 1);
    }
    hostPart = hostPart.substr(0, hostPart.find(';'));
    std::string_view portText;
    if (!hostPart.empty() && hostPart.front() == '[') {
        const auto close = hostPart.find(']');
        r.host = lower(hostPart.substr(1, close == std::string_view::npos ? std::string_view::npos : close - 1));
        if (close != std::string_view::npos && close + 1 < hostPart.size() && hostPart[close + 1] == ':')
            portText = hostPart.substr(close + 2);
    } else {
        const auto colon = hostPart.find(':');
        r.host = lower(hostPart.substr(0, colon));
        if (colon != std::string_view::npos)
            portText = hostPart.substr(colon + 1);
    }
    unsigned port = 0;
    for (char ch : portText) {
        if (ch < '0' || ch > '9' || port > 65535)
            break;
        port = port * 10 + unsigned(ch - '0');
    }
    r.port = port <= 65535 ? static_cast<std::uint16_t>(port) : 0;
    r.valid = !r.host.empty();
    return r;
}

NameAddr parseNameAddr(std::string_view value)
{
    value = trim(value);
    std::string_view uri;
    std::string_view params;
    const auto lt = value.find('<');
    if (lt != std::string_view::npos) {
        const auto gt = value.find('>', lt);
        if (gt == std::string_view::npos)
            return {};
        uri = value.substr(lt + 1, gt - lt - 1);
        params = value.substr(gt + 1);
    } else {
        // addr-spec form: everything after the first ';' is a header parameter.
        const auto semi = value.find(';');
        uri = value.substr(0, semi);
        params = semi == std::string_view::npos ? std::string_view() : value.substr(semi);
    }
    NameAddr r = parseUri(uri);
    r.tag = findParam(params, "tag");
    return r;
}

std::string normaliseNumber(std::string_view user)
{
    std::string out;
    out.reserve(user.size());
    for (char c : trim(user)) {
        if (c == '-' || c == '.' || c == '(' || c == ')' || c == ' ' || c == '\t')
            continue; // RFC 3966 visual separators
        out += c;
    }
    return out;
}

} // namespace vv::agent
