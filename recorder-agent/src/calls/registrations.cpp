#include "calls/registrations.h"

#include "sip/sipuri.h"

#include <cctype>
#include <cstdlib>

namespace vv::agent {

namespace {

// "<sip:203@10.0.0.3:5060>;expires=3600, <sip:203@[2001:db8::3]>" -> each contact with its expires parameter.
std::vector<std::pair<std::string, int>> contactsOf(std::string_view v)
{
    std::vector<std::pair<std::string, int>> out;
    int angle = 0;
    std::size_t start = 0;
    auto take = [&](std::string_view one) {
        int expires = -1;
        std::string lower(one);
        for (char &c : lower)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        const auto gt = lower.rfind('>');
        const auto e = lower.find("expires=", gt == std::string::npos ? 0 : gt);
        if (e != std::string::npos)
            expires = std::atoi(lower.c_str() + e + 8);
        out.emplace_back(std::string(one), expires);
    };
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (v[i] == '<')
            ++angle;
        else if (v[i] == '>' && angle > 0)
            --angle;
        else if (v[i] == ',' && angle == 0) {
            take(v.substr(start, i - start));
            start = i + 1;
        }
    }
    take(v.substr(start));
    return out;
}

} // namespace

Registrations::Registered Registrations::onRegister(const SipMessage &msg, PacketTime)
{
    const NameAddr aor = parseNameAddr(msg.headerOr("to"));
    if (!aor.valid)
        return {};
    const std::string number = normaliseNumber(aor.user);
    const std::string expiresHeader = msg.headerOr("expires");
    const int defaultExpires = expiresHeader.empty() ? -1 : std::atoi(expiresHeader.c_str());
    if (const std::string *contact = msg.header("contact"))
        for (const auto &[text, expiresParam] : contactsOf(*contact)) {
            const NameAddr c = parseNameAddr(text);
            const auto address = c.valid ? IpAddress::parse(c.host) : std::nullopt;
            if (!address)
                continue;
            const Endpoint device{*address, c.port ? c.port : std::uint16_t{5060}};
            const int expires = expiresParam >= 0 ? expiresParam : defaultExpires;
            const std::string key = address->toString();
            if (expires == 0) {
                m_byEndpoint.erase(device);
                continue;
            }
            m_byEndpoint[device] = number;
            const auto it = m_byAddress.find(key);
            m_byAddress[key] = it == m_byAddress.end() || it->second == number ? number : std::string();
        }
    return {number, aor.host};
}

std::string Registrations::numberAt(const Endpoint &device) const
{
    if (auto it = m_byEndpoint.find(device); it != m_byEndpoint.end())
        return it->second;
    if (auto it = m_byAddress.find(device.address.toString()); it != m_byAddress.end())
        return it->second;
    return {};
}

} // namespace vv::agent
