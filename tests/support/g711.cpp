#include "g711.h"

namespace vv::capgen {

namespace {

constexpr int kUlawBias = 0x84;
constexpr int kUlawClip = 32635;
constexpr int16_t kSegEnd[8] = {0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF, 0x1FFF, 0x3FFF, 0x7FFF};

int segmentOf(int value)
{
    for (int i = 0; i < 8; ++i) {
        if (value <= kSegEnd[i])
            return i;
    }
    return 8;
}

} // namespace

uint8_t linearToUlaw(int16_t sample)
{
    int pcm = sample;
    int mask = 0xFF;
    if (pcm < 0) {
        pcm = -pcm;
        mask = 0x7F;
    }
    if (pcm > kUlawClip)
        pcm = kUlawClip;
    pcm += kUlawBias;
    const int seg = segmentOf(pcm);
    if (seg >= 8)
        return uint8_t(0x7F ^ mask);
    const int uval = (seg << 4) | ((pcm >> (seg + 3)) & 0xF);
    return uint8_t(uval ^ mask);
}

int16_t ulawToLinear(uint8_t code)
{
    const int u = ~code & 0xFF;
    int t = ((u & 0x0F) << 3) + kUlawBias;
    t <<= (u & 0x70) >> 4;
    return int16_t((u & 0x80) ? (kUlawBias - t) : (t - kUlawBias));
}

uint8_t linearToAlaw(int16_t sample)
{
    // The reference works on 13-bit magnitudes; A-law inverts even bits (0x55) on the wire.
    int pcm = sample >> 3;
    int mask;
    if (pcm >= 0) {
        mask = 0xD5;
    } else {
        mask = 0x55;
        pcm = -pcm - 1;
    }
    static constexpr int kSegAEnd[8] = {0x1F, 0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF};
    int seg = 8;
    for (int i = 0; i < 8; ++i) {
        if (pcm <= kSegAEnd[i]) {
            seg = i;
            break;
        }
    }
    if (seg >= 8)
        return uint8_t(0x7F ^ mask);
    int aval = seg << 4;
    aval |= (seg < 2) ? ((pcm >> 1) & 0xF) : ((pcm >> seg) & 0xF);
    return uint8_t(aval ^ mask);
}

int16_t alawToLinear(uint8_t code)
{
    const int a = code ^ 0x55;
    int t = (a & 0x0F) << 4;
    const int seg = (a & 0x70) >> 4;
    switch (seg) {
    case 0:
        t += 8;
        break;
    case 1:
        t += 0x108;
        break;
    default:
        t += 0x108;
        t <<= seg - 1;
    }
    return int16_t((a & 0x80) ? t : -t);
}

std::vector<uint8_t> encodeUlaw(std::span<const int16_t> samples)
{
    std::vector<uint8_t> out(samples.size());
    for (size_t i = 0; i < samples.size(); ++i)
        out[i] = linearToUlaw(samples[i]);
    return out;
}

std::vector<uint8_t> encodeAlaw(std::span<const int16_t> samples)
{
    std::vector<uint8_t> out(samples.size());
    for (size_t i = 0; i < samples.size(); ++i)
        out[i] = linearToAlaw(samples[i]);
    return out;
}

std::vector<int16_t> decodeUlaw(std::span<const uint8_t> codes)
{
    std::vector<int16_t> out(codes.size());
    for (size_t i = 0; i < codes.size(); ++i)
        out[i] = ulawToLinear(codes[i]);
    return out;
}

std::vector<int16_t> decodeAlaw(std::span<const uint8_t> codes)
{
    std::vector<int16_t> out(codes.size());
    for (size_t i = 0; i < codes.size(); ++i)
        out[i] = alawToLinear(codes[i]);
    return out;
}

} // namespace vv::capgen
