#include "timestretch.h"

#include <sonic.h>

namespace vv::player {

TimeStretch::TimeStretch(int sampleRate, int channels, double speed)
    : m_stream(sonicCreateStream(sampleRate, channels))
{
    setSpeed(speed);
}

TimeStretch::~TimeStretch()
{
    if (m_stream)
        sonicDestroyStream(m_stream);
}

void TimeStretch::setSpeed(double speed)
{
    if (m_stream)
        sonicSetSpeed(m_stream, float(speed));
}

void TimeStretch::write(float *frames, int count)
{
    if (m_stream && count > 0)
        sonicWriteFloatToStream(m_stream, frames, count);
}

int TimeStretch::read(float *frames, int maxCount)
{
    return m_stream ? sonicReadFloatFromStream(m_stream, frames, maxCount) : 0;
}

void TimeStretch::flush()
{
    if (m_stream && !m_flushed)
        sonicFlushStream(m_stream);
    m_flushed = true;
}

} // namespace vv::player
