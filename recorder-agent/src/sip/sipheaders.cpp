#include "sip/sipheaders.h"

#include "sip/siptext.h"

#include <algorithm>
#include <cctype>

namespace vv::agent {

namespace {

using siptext::lower;
using siptext::trim;

// Splits a header value on commas that are not inside <...> or quotes.
std::vector<std::string_view> splitList(std::string_view v)
{
    std::vector<std::string_view> out;
    bool quoted = false;
    int angle = 0;
    std::size_t start = 0;
    for (std::size_t i = 0; i < v.size(); ++i) {
        const char c = v[i];
        if (c == '"')
            quoted = !quoted;
        else if (!quoted && c == '<')
            ++angle;
        else if (!quoted && c == '>' && angle > 0)
            --angle;
        else if (!quoted && angle == 0 && c == ',') {
            out.push_back(v.substr(start, i - start));
            start = i + 1;
        }
    }
    out.push_back(v.substr(start));
    return out;
}

} // namespace

std::string topViaBranch(const SipMessage &msg)
{
    const std::string *via = msg.header("via");
    if (!via)
        return {};
    // The first Via may share its header line with others (comma-separated).
    const std::string_view first = splitList(*via).front();
    const std::string l = lower(first);
    const auto b = l.find(";branch=");
    if (b == std::string::npos)
        return {};
    std::string_view rest = first.substr(b + 8);
    const auto end = rest.find_first_of(";, \t");
    return std::string(trim(rest.substr(0, end)));
}

std::optional<ReplacesTarget> parseReplaces(std::string_view value)
{
    value = trim(value);
    const auto semi = value.find(';');
    ReplacesTarget t;
    t.callId = std::string(trim(value.substr(0, semi)));
    if (t.callId.empty() || t.callId.size() > 256)
        return std::nullopt;
    std::string_view params = semi == std::string_view::npos ? std::string_view() : value.substr(semi + 1);
    while (!params.empty()) {
        const auto next = params.find(';');
        const std::string_view p = trim(params.substr(0, next));
        const auto eq = p.find('=');
        const std::string name = lower(trim(p.substr(0, eq)));
        const std::string_view v = eq == std::string_view::npos ? std::string_view() : trim(p.substr(eq + 1));
        if (name == "to-tag")
            t.toTag = std::string(v);
        else if (name == "from-tag")
            t.fromTag = std::string(v);
        else if (name == "early-only")
            t.earlyOnly = true;
        params = next == std::string_view::npos ? std::string_view() : params.substr(next + 1);
    }
    return t;
}

std::vector<NameAddr> assertedIdentities(const SipMessage &msg)
{
    std::vector<NameAddr> out;
    for (const char *name : {"p-asserted-identity", "remote-party-id"})
        if (const std::string *v = msg.header(name))
            for (std::string_view one : splitList(*v)) {
                NameAddr a = parseNameAddr(one);
                if (a.valid)
                    out.push_back(std::move(a));
            }
    return out;
}

} // namespace vv::agent
