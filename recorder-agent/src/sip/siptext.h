#pragma once
// Small text helpers the SIP parsers share: header names and tokens compare
// case-insensitively (RFC 3261 §7.3.1), and values are trimmed of whitespace.
#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>

namespace vv::agent::siptext {

inline std::string lower(std::string_view s)
{
    std::string r(s);
    std::transform(r.begin(), r.end(), r.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return r;
}

inline std::string_view trim(std::string_view s)
{
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front())))
        s.remove_prefix(1);
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back())))
        s.remove_suffix(1);
    return s;
}

} // namespace vv::agent::siptext
