#pragma once
// Compact, hashable IPv4/IPv6 address and transport endpoint used on the hot
// path (no allocation, no Qt types), so the RTP demultiplexer stays cheap.
#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace vv::agent {

struct IpAddress
{
    std::uint8_t family = 0; // 4 or 6; 0 = unset
    std::array<std::uint8_t, 16> bytes{};

    static IpAddress fromV4(const std::uint8_t *p);
    static IpAddress fromV6(const std::uint8_t *p);
    // Parses dotted IPv4 or textual IPv6 (as found in SDP c= lines); nullopt on garbage.
    static std::optional<IpAddress> parse(std::string_view text);
    bool isUnspecified() const; // 0.0.0.0 or :: (RFC 3264 hold idiom)
    std::string toString() const;
    bool operator==(const IpAddress &o) const = default;
};

struct Endpoint
{
    IpAddress address;
    std::uint16_t port = 0;
    std::string toString() const;
    bool operator==(const Endpoint &o) const = default;
};

struct EndpointHash
{
    std::size_t operator()(const Endpoint &e) const noexcept;
};

} // namespace vv::agent
