#include "rtp/directiontrack.h"

#include <algorithm>
#include <cmath>

namespace vv::agent {

DirectionTrack::DirectionTrack(int sampleRate, int jitterSamples)
    : m_rate(sampleRate)
    , m_jitter(jitterSamples)
{
    // Room for the jitter window plus a generous margin; power of two for masking.
    std::size_t cap = 1;
    while (cap < static_cast<std::size_t>(jitterSamples) * 4 + static_cast<std::size_t>(sampleRate) * 4)
        cap <<= 1;
    m_ring.assign(cap, 0);
    m_mask = cap - 1;
    m_stats.rate = sampleRate;
}

void DirectionTrack::startStream(const RtpPacket &rtp)
{
    if (m_inStream)
        m_prevStreamsExpected += static_cast<std::uint64_t>(m_maxSeq - m_baseSeq + 1);
    m_inStream = true;
    m_ssrc = rtp.ssrc;
    m_lastTs = rtp.timestamp;
    m_extTs = 0;
    m_lastSeq = rtp.sequence;
    m_extSeq = 0;
    m_baseSeq = 0;
    m_maxSeq = 0;
    m_seen.reset();
    m_haveTransit = false;
    m_needAnchor = true;
    ++m_stats.streams;
}

bool DirectionTrack::isDuplicate(std::int64_t extSeq)
{
    // Window of the last 1024 sequence numbers below the highest seen.
    if (extSeq > m_maxSeq) {
        const std::int64_t shift = extSeq - m_maxSeq;
        if (shift >= 1024) {
            m_seen.reset();
        } else {
            for (std::int64_t s = m_maxSeq + 1; s <= extSeq; ++s)
                m_seen.reset(static_cast<std::size_t>(s & 1023));
        }
        m_maxSeq = extSeq;
    } else if (m_maxSeq - extSeq >= 1024) {
        return true; // too old to tell; treat as a duplicate so it cannot corrupt audio
    }
    const auto bit = static_cast<std::size_t>(extSeq & 1023);
    if (m_seen.test(bit))
        return true;
    m_seen.set(bit);
    return false;
}

void DirectionTrack::addPacket(std::int64_t arrivalPos, PacketTime arrival, const RtpPacket &rtp,
                               const std::int16_t *pcm, std::size_t samples, int clockRate)
{
    if (!m_inStream || rtp.ssrc != m_ssrc)
        startStream(rtp);

    // Extend sequence and timestamp to 64 bits relative to the stream start.
    const auto seqDelta = static_cast<std::int16_t>(static_cast<std::uint16_t>(rtp.sequence - m_lastSeq));
    const std::int64_t extSeq = m_extSeq + seqDelta;
    const auto tsDelta = static_cast<std::int32_t>(rtp.timestamp - m_lastTs);
    const std::int64_t extTs = m_extTs + tsDelta;
    if (seqDelta > 0) {
        m_lastSeq = rtp.sequence;
        m_extSeq = extSeq;
        m_lastTs = rtp.timestamp;
        m_extTs = extTs;
    }
    if (extSeq < m_baseSeq)
        m_baseSeq = extSeq; // a reordered packet from before the first one we saw

    if (isDuplicate(extSeq)) {
        ++m_stats.duplicated;
        return;
    }
    ++m_stats.received;
    if (!m_stats.firstArrival)
        m_stats.firstArrival = arrival;
    if (m_stats.lastArrival && arrival - m_stats.lastArrival > m_stats.longestGap)
        m_stats.longestGap = arrival - m_stats.lastArrival;
    m_stats.lastArrival = std::max(m_stats.lastArrival, arrival);
    m_stats.expected = m_prevStreamsExpected + static_cast<std::uint64_t>(m_maxSeq - m_baseSeq + 1);

    // RFC 3550 A.8 interarrival jitter, in timestamp units.
    if (clockRate > 0) {
        const double arrivalTicks = static_cast<double>(arrival) * clockRate / 1e6;
        const double transit = arrivalTicks - static_cast<double>(extTs);
        if (m_haveTransit) {
            const double d = std::fabs(transit - m_lastTransit);
            // A timestamp jump is a discontinuity, not jitter.
            if (d < clockRate)
                m_jitterTicks += (d - m_jitterTicks) / 16.0;
            m_stats.maxJitterMs = std::max(m_stats.maxJitterMs, m_jitterTicks * 1000.0 / clockRate);
        }
        m_lastTransit = transit;
        m_haveTransit = true;
    }
    if (!pcm || samples == 0 || clockRate <= 0)
        return;

    // Timeline position of this packet; timestamps are in the codec's clock.
    const std::int64_t tsPos = extTs * m_rate / clockRate;
    if (m_needAnchor) {
        m_anchor = arrivalPos - tsPos;
        m_needAnchor = false;
    }
    std::int64_t pos = m_anchor + tsPos;
    // A timestamp jump, a sender that froze its clock during hold, or a new
    // stream: trust the capture time instead of the timestamp.
    const std::int64_t skew = pos - arrivalPos;
    const std::int64_t tolerance = m_jitter + m_rate / 4;
    if (skew > tolerance || skew < -tolerance) {
        m_anchor = arrivalPos - tsPos;
        pos = arrivalPos;
        ++m_stats.reanchors;
    }

    std::int64_t start = pos;
    std::size_t skip = 0;
    if (start < m_readPos) {
        if (start + static_cast<std::int64_t>(samples) <= m_readPos) {
            ++m_stats.late;
            return;
        }
        skip = static_cast<std::size_t>(m_readPos - start);
        start = m_readPos;
    }
    const std::int64_t limit = m_readPos + static_cast<std::int64_t>(m_ring.size());
    for (std::size_t i = skip; i < samples; ++i) {
        const std::int64_t p = pos + static_cast<std::int64_t>(i);
        if (p >= limit)
            break;
        m_ring[static_cast<std::size_t>(p) & m_mask] = pcm[i];
        m_stats.energy += double(pcm[i]) * pcm[i];
        m_stats.zeroCrossings += (pcm[i] ^ m_previousSample) < 0 ? 1 : 0;
        m_previousSample = pcm[i];
        ++m_stats.samples;
    }
    m_hasAudio = true;
}

double DirectionStats::levelDbfs(qint64 durationMs) const
{
    const double n = std::max<double>(double(samples), double(durationMs) * rate / 1000.0);
    if (n <= 0 || energy <= 0)
        return -100.0;
    return std::max(-100.0, 20.0 * std::log10(std::sqrt(energy / n) / 32768.0));
}

bool DirectionStats::noiseLike() const
{
    // Speech over a whole call sits well under -15 dBFS and crosses zero far less than a third of the samples
    // (voiced sound is low-pitched); decrypted-as-plain SRTP or garbage decodes near full scale at about half.
    constexpr std::uint64_t kMinSamples = 8000; // a second of audio before anything is judged
    if (samples < kMinSamples)
        return false;
    return levelDbfs() > -15.0 && double(zeroCrossings) / double(samples) > 0.3;
}

void DirectionTrack::read(int n, std::int16_t *dst, int stride)
{
    for (int i = 0; i < n; ++i) {
        std::int16_t &slot = m_ring[static_cast<std::size_t>(m_readPos + i) & m_mask];
        dst[static_cast<std::ptrdiff_t>(i) * stride] = slot;
        slot = 0;
    }
    m_readPos += n;
}

} // namespace vv::agent
