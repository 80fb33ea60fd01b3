#pragma once
// Audio decoders the recorder supports, behind one small interface. Every
// decoder hands back PCM at the recording's timeline rate (8 kHz for
// narrowband calls, 16 kHz when the call is wideband), converting if its
// codec runs at the other rate, so a codec change mid-call keeps one timeline.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace vv::agent {

class AudioDecoder
{
public:
    virtual ~AudioDecoder() = default;
    // Appends decoded mono PCM at the timeline rate; false if the payload is unusable.
    virtual bool decode(const std::uint8_t *payload, std::size_t len, std::vector<std::int16_t> *out) = 0;
};

bool isSupportedCodec(const std::string &upperName);
bool isWidebandCodec(const std::string &upperName); // G722, OPUS: record at 16 kHz
std::unique_ptr<AudioDecoder> createDecoder(const std::string &upperName, int timelineRate);

} // namespace vv::agent
