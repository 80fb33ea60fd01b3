#pragma once
// One direction of a call's audio (what one party said), placed on the call's
// timeline. Packets are positioned by RTP timestamp, anchored to the capture
// time of the first packet of each stream, so reordering is undone, losses
// become silence and hold gaps keep their real length. A stream whose
// timestamps jump, or a new SSRC, is re-anchored to the capture time.
#include "common/timeformat.h"
#include "rtp/rtppacket.h"

#include <bitset>
#include <cmath>
#include <cstdint>
#include <vector>

namespace vv::agent {

struct DirectionStats
{
    std::uint64_t expected = 0;
    std::uint64_t received = 0;
    std::uint64_t duplicated = 0;
    std::uint64_t late = 0;        // arrived after its audio was already written
    std::uint64_t nonAudio = 0;    // telephone-event, comfort noise
    std::uint64_t undecodable = 0; // unsupported or unknown payload type
    std::uint64_t streams = 0;     // SSRCs seen
    std::uint64_t reanchors = 0;   // timestamp jumps survived
    double maxJitterMs = 0.0;
    PacketTime firstArrival = 0; // first and last RTP packet of this direction
    PacketTime lastArrival = 0;
    PacketTime longestGap = 0; // between consecutive packets, microseconds
    double energy = 0;         // sum of squared samples written
    std::uint64_t samples = 0;
    std::uint64_t zeroCrossings = 0; // sign changes between consecutive samples written
    int rate = 8000;                 // of the timeline the samples are on
    std::uint64_t lost() const { return expected > received ? expected - received : 0; }
    double lossPercent() const { return expected ? 100.0 * double(lost()) / double(expected) : 0.0; }
    // Level over `durationMs` of call (missing audio counts as silence), dBFS;
    // -100 for digital silence. durationMs 0: over the samples written.
    double levelDbfs(qint64 durationMs = 0) const;
    // Audio that is loud and crosses zero like white noise for its whole length: what a decoder makes of
    // encrypted or otherwise undecodable payload, never what a person sounds like.
    bool noiseLike() const;
};

class DirectionTrack
{
public:
    DirectionTrack(int sampleRate, int jitterSamples);

    // Accounts for an RTP packet and, if pcm is non-null, writes its audio.
    // arrivalPos is the capture time as a sample index on the call timeline.
    void addPacket(std::int64_t arrivalPos, PacketTime arrival, const RtpPacket &rtp, const std::int16_t *pcm,
                   std::size_t samples, int clockRate);
    // Copies samples [readPos, readPos + n) to dst (every `stride`th element) and
    // frees them; readPos advances by n.
    void read(int n, std::int16_t *dst, int stride);
    std::int64_t readPos() const { return m_readPos; }
    const DirectionStats &stats() const { return m_stats; }
    void noteDuplicate() { ++m_stats.duplicated; }
    bool hasAudio() const { return m_hasAudio; }

private:
    void startStream(const RtpPacket &rtp);
    bool isDuplicate(std::int64_t extSeq);

    int m_rate;
    int m_jitter;
    std::vector<std::int16_t> m_ring;
    std::size_t m_mask;
    std::int64_t m_readPos = 0;
    bool m_hasAudio = false;
    std::int16_t m_previousSample = 0;

    bool m_inStream = false;
    std::uint32_t m_ssrc = 0;
    std::int64_t m_anchor = 0; // timeline position of extended timestamp 0
    bool m_needAnchor = true;
    std::uint32_t m_lastTs = 0;
    std::int64_t m_extTs = 0;
    std::uint16_t m_lastSeq = 0;
    std::int64_t m_extSeq = 0;
    std::int64_t m_baseSeq = 0;
    std::int64_t m_maxSeq = 0;
    std::bitset<1024> m_seen;
    double m_jitterTicks = 0.0;
    double m_lastTransit = 0.0;
    bool m_haveTransit = false;
    std::uint64_t m_prevStreamsExpected = 0;
    DirectionStats m_stats;
};

} // namespace vv::agent
