#include "sip/sipuri.h"

#include <algorithm>
#include <cctype>

namespace vv::agent {

namespace {

std::string_view trim(std::string_view s)
{
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
        s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
        s.remove_suffix(1);
    return s;
}

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

std::string lower(std::string_view s)
{
    std::string r(s);
    std::transform(r.begin(), r.end(), r.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return r;
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
    // Strip URI headers (?...) first; then split user@host.
    rest = rest.substr(0, rest.find('?'));
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
    if (!hostPart.empty() && hostPart.front() == '[') {
        const auto close = hostPart.find(']');
        r.host = lower(hostPart.substr(1, close == std::string_view::npos ? std::string_view::npos : close - 1));
    } else {
        r.host = lower(hostPart.substr(0, hostPart.find(':')));
    }
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
