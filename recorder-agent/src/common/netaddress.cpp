#include "common/netaddress.h"

#include <arpa/inet.h>
#include <cstring>

namespace vv::agent {

IpAddress IpAddress::fromV4(const std::uint8_t *p)
{
    IpAddress a;
    a.family = 4;
    std::memcpy(a.bytes.data(), p, 4);
    return a;
}

IpAddress IpAddress::fromV6(const std::uint8_t *p)
{
    IpAddress a;
    a.family = 6;
    std::memcpy(a.bytes.data(), p, 16);
    return a;
}

std::optional<IpAddress> IpAddress::parse(std::string_view text)
{
    if (text.empty() || text.size() > 63)
        return std::nullopt;
    char buf[64];
    std::memcpy(buf, text.data(), text.size());
    buf[text.size()] = '\0';
    std::uint8_t raw[16];
    if (inet_pton(AF_INET, buf, raw) == 1)
        return fromV4(raw);
    if (inet_pton(AF_INET6, buf, raw) == 1) {
        // An IPv4-mapped IPv6 address is the same host as the IPv4 one.
        static const std::uint8_t mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
        if (std::memcmp(raw, mapped, 12) == 0)
            return fromV4(raw + 12);
        return fromV6(raw);
    }
    return std::nullopt;
}

bool IpAddress::isUnspecified() const
{
    const int n = family == 4 ? 4 : 16;
    for (int i = 0; i < n; ++i)
        if (bytes[i] != 0)
            return false;
    return family != 0;
}

std::string IpAddress::toString() const
{
    char buf[INET6_ADDRSTRLEN] = {};
    if (family == 4)
        inet_ntop(AF_INET, bytes.data(), buf, sizeof buf);
    else if (family == 6)
        inet_ntop(AF_INET6, bytes.data(), buf, sizeof buf);
    return buf;
}

std::string Endpoint::toString() const
{
    if (address.family == 6)
        return "[" + address.toString() + "]:" + std::to_string(port);
    return address.toString() + ":" + std::to_string(port);
}

std::size_t EndpointHash::operator()(const Endpoint &e) const noexcept
{
    // FNV-1a over the significant bytes; endpoints are few per call, so this is plenty.
    std::uint64_t h = 1469598103934665603ULL;
    const int n = e.address.family == 4 ? 4 : 16;
    for (int i = 0; i < n; ++i) {
        h ^= e.address.bytes[i];
        h *= 1099511628211ULL;
    }
    h ^= e.port;
    h *= 1099511628211ULL;
    h ^= e.address.family;
    return static_cast<std::size_t>(h);
}

} // namespace vv::agent
