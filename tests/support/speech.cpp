#include "speech.h"

#include "rng.h"

#include <algorithm>
#include <cmath>

namespace vv::capgen {

namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kPeak = 0.316 * 32767.0; // -10 dBFS

struct Voice
{
    double pitchHz;
    double formant1;
    double formant2;
};

Voice makeVoice(Rng &rng)
{
    return Voice{rng.uniform(100.0, 250.0), rng.uniform(450.0, 750.0), rng.uniform(1100.0, 2200.0)};
}

double resonance(double f, double centre, double bandwidth)
{
    const double x = (f - centre) / bandwidth;
    return 1.0 / (1.0 + x * x);
}

// Adds one syllable starting at `start` (samples) into out.
void addSyllable(std::vector<double> &out, size_t start, size_t length, const Voice &voice, Rng &rng, int rate)
{
    const double f0 = voice.pitchHz * rng.uniform(0.87, 1.15);
    const double glide = rng.uniform(-0.12, 0.12); // pitch moves over a syllable, as intonation does
    const double vibratoHz = rng.uniform(4.5, 6.5);
    const double f1 = voice.formant1 * rng.uniform(0.8, 1.25);
    const double f2 = voice.formant2 * rng.uniform(0.8, 1.25);
    const double gain = rng.uniform(0.55, 1.0);
    const int harmonics = std::max(1, int((rate / 2.0 - 300.0) / f0));
    std::vector<double> amps(static_cast<size_t>(harmonics));
    double ampSum = 0.0;
    for (int h = 0; h < harmonics; ++h) {
        const double f = f0 * (h + 1);
        amps[size_t(h)] = (resonance(f, f1, 110.0) + 0.6 * resonance(f, f2, 160.0) + 0.02) / std::sqrt(h + 1.0);
        ampSum += amps[size_t(h)];
    }
    double phase = 0.0;
    const size_t end = std::min(out.size(), start + length);
    for (size_t i = start; i < end; ++i) {
        const double pos = double(i - start) / double(length);
        const double f = f0 * (1.0 + glide * pos) * (1.0 + 0.02 * std::sin(2.0 * kPi * vibratoHz * (i - start) / rate));
        phase += 2.0 * kPi * f / rate;
        // Raised-sine attack and decay give the 80–250 ms syllable envelope.
        const double env = std::pow(std::sin(kPi * pos), 1.5);
        double v = 0.0;
        for (int h = 0; h < harmonics; ++h)
            v += amps[size_t(h)] * std::sin(phase * (h + 1));
        out[i] += gain * env * v / ampSum;
    }
}

// Fills [start, start + length) with syllables separated by short gaps.
void addSpurt(std::vector<double> &out, size_t start, size_t length, const Voice &voice, Rng &rng, int rate)
{
    size_t pos = start;
    const size_t end = std::min(out.size(), start + length);
    while (pos < end) {
        const size_t syllable = size_t(rng.uniform(0.08, 0.25) * rate);
        addSyllable(out, pos, std::min(syllable, end - pos), voice, rng, rate);
        pos += syllable + size_t(rng.uniform(0.01, 0.05) * rate);
    }
}

std::vector<int16_t> normalise(const std::vector<double> &in)
{
    double peak = 0.0;
    for (double v : in)
        peak = std::max(peak, std::abs(v));
    const double scale = peak > 0.0 ? kPeak / peak : 0.0;
    std::vector<int16_t> out(in.size());
    for (size_t i = 0; i < in.size(); ++i)
        out[i] = int16_t(std::lround(in[i] * scale));
    return out;
}

template<typename T>
std::vector<double> envelopeImpl(std::span<const T> samples, int rate, int windowMs, double fullScale)
{
    const size_t window = size_t(rate) * size_t(windowMs) / 1000;
    std::vector<double> out;
    if (window == 0)
        return out;
    out.reserve(samples.size() / window);
    for (size_t start = 0; start + window <= samples.size(); start += window) {
        double sum = 0.0;
        for (size_t i = start; i < start + window; ++i) {
            const double v = double(samples[i]) * fullScale;
            sum += v * v;
        }
        out.push_back(std::sqrt(sum / double(window)));
    }
    return out;
}

} // namespace

std::vector<int16_t> generateSpeech(uint64_t seed, double seconds, int rate)
{
    Rng rng(seed);
    const Voice voice = makeVoice(rng);
    std::vector<double> out(size_t(seconds * rate), 0.0);
    double t = rng.uniform(0.0, 0.5);
    while (t < seconds) {
        const double spurt = rng.uniform(0.5, 3.0);
        addSpurt(out, size_t(t * rate), size_t(spurt * rate), voice, rng, rate);
        t += spurt + rng.uniform(0.3, 2.0);
    }
    return normalise(out);
}

std::pair<std::vector<int16_t>, std::vector<int16_t>> generateConversation(uint64_t seed, double seconds, int rate)
{
    Rng rng(seed);
    const Voice voices[2] = {makeVoice(rng), makeVoice(rng)};
    std::vector<double> out[2] = {std::vector<double>(size_t(seconds * rate), 0.0),
                                  std::vector<double>(size_t(seconds * rate), 0.0)};
    int talker = rng.range(0, 1);
    double t = rng.uniform(0.05, 0.3);
    // Short calls get short turns so that both parties are heard within a few seconds.
    const double longest = std::clamp(seconds / 3.5, 0.6, 2.2);
    for (int turn = 0; t < seconds; ++turn) {
        const double spurt = rng.uniform(0.5, longest);
        addSpurt(out[talker], size_t(t * rate), size_t(spurt * rate), voices[talker], rng, rate);
        t += spurt + rng.uniform(0.3, 0.9);
        // Mostly turn-taking, sometimes the same talker carries on after a pause; the first turn always passes.
        if (turn == 0 || rng.chance(0.8))
            talker = 1 - talker;
    }
    return {normalise(out[0]), normalise(out[1])};
}

std::vector<double> envelope(std::span<const int16_t> samples, int rate, int windowMs)
{
    return envelopeImpl(samples, rate, windowMs, 1.0 / 32768.0);
}

std::vector<double> envelope(std::span<const float> samples, int rate, int windowMs)
{
    return envelopeImpl(samples, rate, windowMs, 1.0);
}

double pearson(std::span<const double> a, std::span<const double> b)
{
    const size_t n = std::min(a.size(), b.size());
    if (n < 2)
        return 0.0;
    double ma = 0.0, mb = 0.0;
    for (size_t i = 0; i < n; ++i) {
        ma += a[i];
        mb += b[i];
    }
    ma /= double(n);
    mb /= double(n);
    double sab = 0.0, saa = 0.0, sbb = 0.0;
    for (size_t i = 0; i < n; ++i) {
        sab += (a[i] - ma) * (b[i] - mb);
        saa += (a[i] - ma) * (a[i] - ma);
        sbb += (b[i] - mb) * (b[i] - mb);
    }
    if (saa <= 0.0 || sbb <= 0.0)
        return 0.0;
    return sab / std::sqrt(saa * sbb);
}

LagCorrelation bestLagCorrelation(std::span<const double> a, std::span<const double> b, int maxLagWindows)
{
    LagCorrelation best{-2.0, 0};
    for (int lag = -maxLagWindows; lag <= maxLagWindows; ++lag) {
        // a[i] is compared with b[i - lag].
        std::span<const double> sa = a, sb = b;
        if (lag > 0) {
            if (size_t(lag) >= sa.size())
                continue;
            sa = sa.subspan(size_t(lag));
        } else if (lag < 0) {
            if (size_t(-lag) >= sb.size())
                continue;
            sb = sb.subspan(size_t(-lag));
        }
        const double c = pearson(sa, sb);
        if (c > best.correlation)
            best = {c, lag};
    }
    if (best.correlation < -1.0)
        best.correlation = 0.0;
    return best;
}

} // namespace vv::capgen
