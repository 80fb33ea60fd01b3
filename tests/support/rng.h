// Small deterministic PRNG for the capture generator.
// std:: distributions are implementation-defined, so the same seed could give different captures with another
// standard library; splitmix64 plus our own mapping keeps every generated capture bit-identical everywhere.
#pragma once

#include <cstdint>

namespace vv::capgen {

class Rng
{
public:
    // The seed is mixed first: with a plain state = seed, Rng(n + 1) would replay Rng(n) shifted by one step.
    explicit Rng(uint64_t seed)
        : m_state(mix(seed ^ 0x632BE59BD9B4E019ull))
    {}

    uint64_t next() { return mix(m_state += 0x9E3779B97F4A7C15ull); }
    uint32_t next32() { return uint32_t(next() >> 32); }
    // Uniform in [0, 1).
    double unit() { return double(next() >> 11) * (1.0 / 9007199254740992.0); }
    double uniform(double lo, double hi) { return lo + (hi - lo) * unit(); }
    // Uniform integer in [lo, hi] inclusive.
    int range(int lo, int hi) { return lo + int(next() % uint64_t(hi - lo + 1)); }
    bool chance(double p) { return unit() < p; }

private:
    static uint64_t mix(uint64_t z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }

    uint64_t m_state;
};

} // namespace vv::capgen
