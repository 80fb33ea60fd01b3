#pragma once
// ITU-T G.711 mu-law and A-law expansion via 256-entry tables.
#include <cstddef>
#include <cstdint>

namespace vv::agent {

void decodeUlaw(const std::uint8_t *in, std::size_t n, std::int16_t *out);
void decodeAlaw(const std::uint8_t *in, std::size_t n, std::int16_t *out);

} // namespace vv::agent
