// ITU-T G.711 µ-law and A-law companding, the classic reference algorithm (segment search with bias / sign
// inversion) so encoded bytes match what real phones put on the wire.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace vv::capgen {

uint8_t linearToUlaw(int16_t sample);
int16_t ulawToLinear(uint8_t code);
uint8_t linearToAlaw(int16_t sample);
int16_t alawToLinear(uint8_t code);

std::vector<uint8_t> encodeUlaw(std::span<const int16_t> samples);
std::vector<uint8_t> encodeAlaw(std::span<const int16_t> samples);
std::vector<int16_t> decodeUlaw(std::span<const uint8_t> codes);
std::vector<int16_t> decodeAlaw(std::span<const uint8_t> codes);

} // namespace vv::capgen
