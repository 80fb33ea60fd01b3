#pragma once
// Playback faster or slower at the same pitch (libsonic's pitch-synchronous overlap-add, made for speech): a
// listener skimming a call at 1.5x still hears the voices they know. Interleaved float frames in and out.
#include <memory>

struct sonicStreamStruct;

namespace vv::player {

class TimeStretch
{
public:
    TimeStretch(int sampleRate, int channels, double speed);
    ~TimeStretch();
    TimeStretch(const TimeStretch &) = delete;
    TimeStretch &operator=(const TimeStretch &) = delete;

    bool valid() const { return m_stream != nullptr; }
    void setSpeed(double speed);
    void write(float *frames, int count); // sonic's API takes a non-const pointer; the frames are not changed
    int read(float *frames, int maxCount);
    void flush(); // the end of the input: what is held comes out
    bool flushed() const { return m_flushed; }

private:
    sonicStreamStruct *m_stream = nullptr;
    bool m_flushed = false;
};

} // namespace vv::player
