#pragma once
// Audio decoders the recorder supports, behind one small interface so more
// codecs (G.722, G.729, Opus) can be added without touching the call logic.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

class AudioDecoder
{
public:
    virtual ~AudioDecoder() = default;
    virtual int sampleRate() const = 0; // of the decoded PCM
    // Appends decoded mono PCM to out; returns false if the payload is unusable.
    virtual bool decode(const std::uint8_t *payload, std::size_t len, std::vector<std::int16_t> *out) = 0;
    // Samples of PCM per RTP timestamp unit (e.g. G.722: 2 samples per 8 kHz tick).
    virtual int samplesPerTick() const { return 1; }
};

bool isSupportedCodec(const std::string &upperName);
std::unique_ptr<AudioDecoder> createDecoder(const std::string &upperName);
