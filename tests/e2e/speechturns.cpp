#include "speechturns.h"

#include "peerprocess.h"

#include <QDir>
#include <QFile>
#include <cmath>
#include <cstring>

namespace vv::e2e {

// Speech for one party: espeak-ng's rendering of a text in a voice, cut into the party's talk slots of the
// shared schedule, silence elsewhere.
std::vector<int16_t> renderSpeech(const QString &dir, const QString &name, const QString &voice, int pitch,
                                  const QString &text, QString *error)
{
    const QString wav = QDir(dir).filePath(name + "-espeak.wav");
    const QString raw = QDir(dir).filePath(name + "-espeak.raw");
    Cmd c = runCmd("espeak-ng", {"-v", voice, "-p", QString::number(pitch), "-s", "165", "-w", wav, text});
    if (c.exitCode != 0) {
        *error = "espeak-ng: " + c.output;
        return {};
    }
    c = runCmd("sox", {wav, "-t", "raw", "-r", "8000", "-c", "1", "-b", "16", "-e", "signed-integer", raw});
    if (c.exitCode != 0) {
        *error = "sox: " + c.output;
        return {};
    }
    QFile f(raw);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = "cannot read " + raw;
        return {};
    }
    const QByteArray bytes = f.readAll();
    std::vector<int16_t> samples(size_t(bytes.size() / 2));
    if (!samples.empty())
        memcpy(samples.data(), bytes.constData(), samples.size() * 2);
    // Drop leading and trailing silence so every slot starts with speech.
    size_t first = 0, last = samples.size();
    while (first < last && std::abs(samples[first]) < 300)
        ++first;
    while (last > first && std::abs(samples[last - 1]) < 300)
        --last;
    return std::vector<int16_t>(samples.begin() + long(first), samples.begin() + long(last));
}

// Slot boundaries in samples: 0.6–1.4 s slots from a fixed LCG, covering kPlaySeconds.
std::vector<size_t> slotSchedule()
{
    std::vector<size_t> bounds{0};
    uint32_t state = 12345;
    while (bounds.back() < size_t(kPlaySeconds * kRate)) {
        state = state * 1664525u + 1013904223u;
        const double len = 0.6 + 0.8 * ((state >> 8) % 1000) / 1000.0;
        bounds.push_back(bounds.back() + size_t(len * kRate));
    }
    return bounds;
}

std::vector<int16_t> composeTurns(const std::vector<int16_t> &speech, bool evenSlots)
{
    const std::vector<size_t> bounds = slotSchedule();
    std::vector<int16_t> out(bounds.back(), 0);
    size_t cursor = 0;
    const size_t gap = kRate / 8; // 125 ms of silence at the end of a turn
    const size_t fade = kRate / 100;
    for (size_t i = 0; i + 1 < bounds.size(); ++i) {
        if ((i % 2 == 0) != evenSlots)
            continue;
        const size_t len = bounds[i + 1] - bounds[i] - gap;
        for (size_t k = 0; k < len; ++k) {
            double gain = 1.0;
            if (k < fade)
                gain = double(k) / fade;
            else if (len - k < fade)
                gain = double(len - k) / fade;
            out[bounds[i] + k] = int16_t(speech[(cursor + k) % speech.size()] * gain);
        }
        cursor = (cursor + len) % speech.size();
    }
    return out;
}

bool writeWav(const QString &path, const std::vector<int16_t> &samples)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    auto u32 = [&](uint32_t v) { f.write(reinterpret_cast<const char *>(&v), 4); };
    auto u16 = [&](uint16_t v) { f.write(reinterpret_cast<const char *>(&v), 2); };
    const uint32_t dataBytes = uint32_t(samples.size() * 2);
    f.write("RIFF");
    u32(36 + dataBytes);
    f.write("WAVEfmt ");
    u32(16);
    u16(1);
    u16(1);
    u32(kRate);
    u32(kRate * 2);
    u16(2);
    u16(16);
    f.write("data");
    u32(dataBytes);
    f.write(reinterpret_cast<const char *>(samples.data()), qint64(dataBytes));
    return true;
}

} // namespace vv::e2e
