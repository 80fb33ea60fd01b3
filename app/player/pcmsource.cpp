#include "pcmsource.h"

#include <algorithm>
#include <cmath>

namespace vv::player {

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

qint64 PcmSource::readData(char *data, qint64 maxlen)
{
    if (m_ended)
        return 0;
    const qint64 frames = maxlen / 4;
    auto *out = reinterpret_cast<qint16 *>(data);
    qint64 produced = 0;
    qint64 real = 0;
    bool underrun = false;
    while (produced < frames) {
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
        float l = f[0] + (f[2] - f[0]) * t;
        float r = f[1] + (f[3] - f[1]) * t;
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
        out[2 * produced] = qint16(std::clamp(l * v, -32768.f, 32767.f));
        out[2 * produced + 1] = qint16(std::clamp(r * v, -32768.f, 32767.f));
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
