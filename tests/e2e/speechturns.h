// The speech each real peer plays: espeak-ng renderings cut into turns on one shared slot schedule (carriers speak
// in even slots, extensions in odd ones, like a conversation), so each recording channel can be matched to its file.
#pragma once

#include <QString>
#include <cstdint>
#include <vector>

namespace vv::e2e {

constexpr int kRate = 8000;           // G.711 sample rate of the played files
constexpr double kPlaySeconds = 60.0; // length of every played file

// espeak-ng's rendering of `text` in a voice, at 8 kHz, leading and trailing silence removed. Empty with *error.
std::vector<int16_t> renderSpeech(const QString &dir, const QString &name, const QString &voice, int pitch,
                                  const QString &text, QString *error);
// Slot boundaries in samples: 0.6-1.4 s slots from a fixed LCG, covering kPlaySeconds.
std::vector<size_t> slotSchedule();
// The party's turns: its speech in the even (or odd) slots, silence elsewhere.
std::vector<int16_t> composeTurns(const std::vector<int16_t> &speech, bool evenSlots);
bool writeWav(const QString &path, const std::vector<int16_t> &samples);

} // namespace vv::e2e
