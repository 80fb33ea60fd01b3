#include "rtp/g711.h"

#include <array>

namespace vv::agent {

namespace {

std::int16_t ulawToLinear(std::uint8_t u)
{
    u = static_cast<std::uint8_t>(~u);
    int t = ((u & 0x0f) << 3) + 0x84;
    t <<= (u & 0x70) >> 4;
    return static_cast<std::int16_t>((u & 0x80) ? (0x84 - t) : (t - 0x84));
}

std::int16_t alawToLinear(std::uint8_t a)
{
    a ^= 0x55;
    int t = (a & 0x0f) << 4;
    const int seg = (a & 0x70) >> 4;
    if (seg == 0)
        t += 8;
    else if (seg == 1)
        t += 0x108;
    else
        t = (t + 0x108) << (seg - 1);
    return static_cast<std::int16_t>((a & 0x80) ? t : -t);
}

template<std::int16_t (*F)(std::uint8_t)> std::array<std::int16_t, 256> makeTable()
{
    std::array<std::int16_t, 256> t{};
    for (int i = 0; i < 256; ++i)
        t[i] = F(static_cast<std::uint8_t>(i));
    return t;
}

const std::array<std::int16_t, 256> kUlaw = makeTable<ulawToLinear>();
const std::array<std::int16_t, 256> kAlaw = makeTable<alawToLinear>();

} // namespace

void decodeUlaw(const std::uint8_t *in, std::size_t n, std::int16_t *out)
{
    for (std::size_t i = 0; i < n; ++i)
        out[i] = kUlaw[in[i]];
}

void decodeAlaw(const std::uint8_t *in, std::size_t n, std::int16_t *out)
{
    for (std::size_t i = 0; i < n; ++i)
        out[i] = kAlaw[in[i]];
}

} // namespace vv::agent
