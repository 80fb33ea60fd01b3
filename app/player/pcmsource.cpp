#include "pcmsource.h"

#include <algorithm>
#include <cmath>

namespace vv::player {

#ifndef VIPVAULT_HAVE_SONIC
class TimeStretch // never made without libsonic; complete for unique_ptr's deleter
{
};
#endif

PcmSource::~PcmSource() = default;

PcmSource::PcmSource(std::shared_ptr<PcmQueue> queue, QObject *parent)
    : QIODevice(parent)
    , m_queue(std::move(queue))
{
    m_clock.emplace_back(0, 0.0);
}

QAudioFormat PcmSource::format()
{
    QAudioFormat f;
    f.setSampleRate(kRate);
    f.setChannelCount(2);
    f.setSampleFormat(QAudioFormat::Int16);
    return f;
}

void PcmSource::setSpeed(double speed)
{
    m_speed = std::clamp(speed, 0.5, 2.0);
#ifdef VIPVAULT_HAVE_SONIC
    if (m_speed == 1.0) {
        if (m_stretch) // what the stretcher held is skipped: the next frame is the next one not fed to it
            m_position = double(m_localBase);
        m_stretch.reset();
    } else if (m_stretch) {
        m_stretch->setSpeed(m_speed);
    } else {
        m_stretch = std::make_unique<TimeStretch>(kRate, 2, m_speed);
        if (!m_stretch->valid())
            m_stretch.reset();
        // Feeding starts at the next source frame.
        const qint64 base = qint64(std::floor(m_position));
        const qint64 skip = std::min<qint64>(base - m_localBase, qint64((m_local.size() - m_localAt) / 2));
        if (skip > 0) {
            m_localAt += size_t(skip) * 2;
            m_localBase += skip;
        }
    }
#endif
}

void PcmSource::setVolume(double volume)
{
    m_volume = std::clamp(volume, 0.0, 1.0);
}

void PcmSource::seekTo(qint64 frame)
{
    frame = std::max<qint64>(frame, 0);
    m_queue->reset(frame);
    m_local.clear();
    m_localAt = 0;
    m_localBase = frame;
    m_position = double(frame);
    m_ended = false;
#ifdef VIPVAULT_HAVE_SONIC
    if (m_stretch) // what it held belongs to the old position
        m_stretch = std::make_unique<TimeStretch>(kRate, 2, m_speed);
#endif
    m_sentAudio = false;
    m_clock.emplace_back(m_outputFrames, m_position);
}

double PcmSource::positionAtOutput(qint64 outputFrame) const
{
    // Checkpoints are written after every read; between two of them the position moves linearly.
    auto it = std::upper_bound(m_clock.begin(), m_clock.end(), outputFrame,
                               [](qint64 f, const std::pair<qint64, double> &c) { return f < c.first; });
    if (it == m_clock.begin())
        return m_clock.front().second;
    const auto &a = *std::prev(it);
    if (it == m_clock.end())
        return a.second;
    const auto &b = *it;
    if (b.first == a.first)
        return b.second;
    // A seek checkpoint shares its output frame with the one before it: the later one wins (handled above).
    return a.second + (b.second - a.second) * double(outputFrame - a.first) / double(b.first - a.first);
}

void PcmSource::resetOutputClock()
{
    m_outputFrames = 0;
    m_clock.clear();
    m_clock.emplace_back(0, m_position);
}

qint64 PcmSource::bytesAvailable() const
{
    // Silence is always available until the end: the sink must keep pulling through an underrun.
    return (m_ended ? 0 : 4 * 4800) + QIODevice::bytesAvailable();
}

bool PcmSource::atEnd() const
{
    return m_ended;
}

bool PcmSource::fill(qint64 need)
{
    // Keep frames [floor(position), floor(position) + need) locally.
    const qint64 have = qint64((m_local.size() - m_localAt) / 2);
    if (have >= need)
        return true;
    if (m_localAt > 0) {
        m_local.erase(m_local.begin(), m_local.begin() + qint64(m_localAt));
        m_localAt = 0;
    }
    const size_t old = m_local.size();
    m_local.resize(old + size_t(need - have) * 2);
    const int got = m_queue->pop(m_local.data() + old, int(need - have));
    m_local.resize(old + size_t(got) * 2);
    return have + got >= need;
}

void PcmSource::emitFrame(qint16 *out, float l, float r) const
{
    switch (m_mode) {
    case ChannelMode::Stereo:
        break;
    case ChannelMode::Mono:
        l = r = 0.5f * (l + r);
        break;
    case ChannelMode::Extension:
        r = l;
        break;
    case ChannelMode::FarEnd:
        l = r;
        break;
    }
    const float v = float(m_volume) * 32767.f;
    out[0] = qint16(std::clamp(l * v, -32768.f, 32767.f));
    out[1] = qint16(std::clamp(r * v, -32768.f, 32767.f));
}

int PcmSource::takeSource(float *frames, int max)
{
    const int local = int(std::min<size_t>(size_t(max), (m_local.size() - m_localAt) / 2));
    if (local > 0) {
        std::copy_n(m_local.data() + m_localAt, size_t(local) * 2, frames);
        m_localAt += size_t(local) * 2;
        m_localBase += local;
        return local;
    }
    const int got = m_queue->pop(frames, max);
    m_localBase += got; // m_localBase stays "the next source frame not yet taken"
    return got;
}

qint64 PcmSource::readStretched(qint16 *out, qint64 frames, qint64 *real, bool *underrun)
{
#ifdef VIPVAULT_HAVE_SONIC
    qint64 produced = 0;
    float buf[2 * 512];
    while (produced < frames) {
        const int got = m_stretch->read(buf, int(std::min<qint64>(512, frames - produced)));
        if (got > 0) {
            for (int i = 0; i < got; ++i)
                emitFrame(out + 2 * (produced + i), buf[2 * i], buf[2 * i + 1]);
            produced += got;
            *real += got;
            m_position += got * m_speed;
            continue;
        }
        if (m_stretch->flushed()) {
            m_ended = true;
            break;
        }
        const int n = takeSource(buf, 512);
        if (n > 0) {
            m_stretch->write(buf, n);
        } else if (m_queue->atEnd()) {
            m_stretch->flush();
        } else {
            *underrun = true;
            break;
        }
    }
    return produced;
#else
    (void)out;
    (void)frames;
    (void)real;
    (void)underrun;
    return 0;
#endif
}

qint64 PcmSource::readData(char *data, qint64 maxlen)
{
    if (m_ended)
        return 0;
    const qint64 frames = maxlen / 4;
    auto *out = reinterpret_cast<qint16 *>(data);
    qint64 produced = 0;
    qint64 real = 0;
    bool underrun = false;
    if (m_stretch)
        produced = readStretched(out, frames, &real, &underrun);
    while (!m_stretch && produced < frames) {
        const qint64 base = qint64(std::floor(m_position));
        // Drop frames we have moved past.
        const qint64 skip = std::min<qint64>(base - m_localBase, qint64((m_local.size() - m_localAt) / 2));
        if (skip > 0) {
            m_localAt += size_t(skip) * 2;
            m_localBase += skip;
        }
        if (base > m_localBase) { // moved past everything held: pull and discard
            float scratch[2 * 256];
            const int got = m_queue->pop(scratch, int(std::min<qint64>(256, base - m_localBase)));
            m_localBase += got;
            if (got == 0) {
                underrun = true;
                break;
            }
            continue;
        }
        if (!fill(2)) { // need this frame and the next one to interpolate
            if (m_queue->atEnd()) {
                // The last single frame has no successor to interpolate with: 1/48000 s is not worth a pad.
                m_ended = true;
                break;
            }
            underrun = true;
            break;
        }
        const float *f = m_local.data() + m_localAt;
        const float t = float(m_position - double(base));
        emitFrame(out + 2 * produced, f[0] + (f[2] - f[0]) * t, f[1] + (f[3] - f[1]) * t);
        ++produced;
        ++real;
        m_position += m_speed;
    }
    if (underrun) { // decoder behind (still downloading): silence, the position stays
        std::fill(out + 2 * produced, out + 2 * frames, qint16(0));
        produced = frames;
    }
    m_outputFrames += produced;
    m_realFrames += real;
    m_clock.emplace_back(m_outputFrames, m_position);
    while (m_clock.size() > 4096)
        m_clock.pop_front();
    if (real > 0 && !m_sentAudio) {
        m_sentAudio = true;
        Q_EMIT firstAudio();
    }
    if (m_ended)
        Q_EMIT ended();
    return produced * 4;
}

} // namespace vv::player
