// Deterministic speech-like test signals and the envelope maths the tests judge recordings with.
// Real speech would need shipped samples; a voiced-burst model has the property that matters here: an on/off,
// syllable-rate amplitude envelope that survives G.711 and a low-rate Opus encoder and is unique to each party.
#pragma once

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

namespace vv::capgen {

constexpr int kSpeechRate = 8000;

// One talker: talk spurts of 0.5–3 s separated by 0.3–2 s pauses, peak about -10 dBFS.
std::vector<int16_t> generateSpeech(uint64_t seed, double seconds, int rate = kSpeechRate);

// Two talkers taking turns (each one's pauses are mostly the other's spurts), so the parties' envelopes are
// clearly distinguishable even in calls only a few seconds long. Each talker has its own voice (pitch, formants).
std::pair<std::vector<int16_t>, std::vector<int16_t>> generateConversation(uint64_t seed, double seconds,
                                                                           int rate = kSpeechRate);

// RMS per window of windowMs; the last partial window is dropped.
std::vector<double> envelope(std::span<const int16_t> samples, int rate, int windowMs = 20);
std::vector<double> envelope(std::span<const float> samples, int rate, int windowMs = 20);

// Pearson correlation over the common length; 0 when either side is constant or empty.
double pearson(std::span<const double> a, std::span<const double> b);

struct LagCorrelation
{
    double correlation = 0.0;
    int lagWindows = 0; // b is shifted by this many windows: a[i] ~ b[i - lag]
};

// Best correlation of a against b shifted by -maxLagWindows..+maxLagWindows windows.
LagCorrelation bestLagCorrelation(std::span<const double> a, std::span<const double> b, int maxLagWindows);

} // namespace vv::capgen
