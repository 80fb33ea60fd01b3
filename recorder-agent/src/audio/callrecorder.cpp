#include "audio/callrecorder.h"

#include "common/logging.h"
#include "rtp/payloadformat.h"

namespace vv::agent {

CallRecorder::CallRecorder(QString path, PacketTime answeredAt, int jitterMs, OpusSettings settings)
    : m_path(std::move(path))
    , m_answeredAt(answeredAt)
    , m_rate(settings.inputRate)
    , m_jitterSamples(settings.inputRate * jitterMs / 1000)
    , m_settings(settings)
    , m_tracks{DirectionTrack(settings.inputRate, m_jitterSamples), DirectionTrack(settings.inputRate, m_jitterSamples)}
{}

bool CallRecorder::open(const QStringList &comments, QString *error)
{
    if (!m_writer.open(m_path, m_settings, comments, error)) {
        m_failed = true;
        return false;
    }
    m_frame.assign(static_cast<std::size_t>(m_writer.frameSamples()) * 2, 0);
    return true;
}

std::int64_t CallRecorder::positionOf(PacketTime t) const
{
    const PacketTime d = t - m_answeredAt;
    // Floor division keeps packets just before the answer at negative positions.
    return d >= 0 ? d * m_rate / 1000000 : -((-d * m_rate + 999999) / 1000000);
}

void CallRecorder::addRtp(Party speaker, PacketTime arrival, const RtpPacket &rtp, const std::string &codecName,
                          int clockRate)
{
    DirectionTrack &track = m_tracks[static_cast<int>(speaker)];
    LastCodec &last = m_last[static_cast<int>(speaker)];
    if (last.name != codecName) {
        auto &decoders = m_decoders[static_cast<int>(speaker)];
        auto it = decoders.find(codecName);
        if (it == decoders.end())
            it = decoders.emplace(codecName, createDecoder(codecName, m_rate)).first;
        last.name = codecName;
        last.decoder = it->second.get();
        last.nonAudio = isNonAudioFormat(codecName);
        last.seen = last.nonAudio ? nullptr : &m_codecsSeen[codecName];
    }
    const std::int64_t pos = positionOf(arrival);
    if (last.nonAudio) {
        // DTMF events and comfort noise carry no speech; account for sequence only.
        track.addPacket(pos, arrival, rtp, nullptr, 0, 0);
        return;
    }
    ++*last.seen;
    if (!last.decoder) {
        track.addPacket(pos, arrival, rtp, nullptr, 0, clockRate);
        return;
    }
    m_pcm.clear();
    if (!last.decoder->decode(rtp.payload, rtp.payloadLength, &m_pcm) || m_pcm.empty()) {
        track.addPacket(pos, arrival, rtp, nullptr, 0, clockRate);
        return;
    }
    // G.722's RTP clock is 8 kHz for historic reasons (RFC 3551 4.5.2) while it carries 16 kHz audio.
    track.addPacket(pos, arrival, rtp, m_pcm.data(), m_pcm.size(), clockRate > 0 ? clockRate : 8000);
}

bool CallRecorder::encodeUntil(std::int64_t target, QString *error)
{
    if (m_failed)
        return false;
    const int n = m_writer.frameSamples();
    while (m_tracks[0].readPos() + n <= target) {
        m_tracks[0].read(n, m_frame.data(), 2);
        m_tracks[1].read(n, m_frame.data() + 1, 2);
        if (!m_writer.writeFrame(m_frame.data(), error)) {
            if (m_writer.isOutOfSpace()) {
                m_stoppedReason = *error;
                qCWarning(lcAudio).noquote() << "recording" << m_path << "stopped early:" << *error;
                error->clear();
            }
            m_failed = true;
            return false;
        }
    }
    return true;
}

bool CallRecorder::advance(PacketTime now, QString *error)
{
    if (!m_stoppedReason.isEmpty())
        return true;
    return encodeUntil(positionOf(now) - m_jitterSamples, error);
}

bool CallRecorder::finish(PacketTime end, QString *error)
{
    if (!m_stoppedReason.isEmpty()) {
        m_writer.closeAsIs(); // keep every page that fitted
        return true;
    }
    if (m_failed)
        return false;
    const std::int64_t endPos = std::max<std::int64_t>(0, positionOf(end));
    if (!encodeUntil(endPos, error)) {
        if (!m_stoppedReason.isEmpty()) {
            m_writer.closeAsIs();
            return true;
        }
        return false;
    }
    // The last partial frame: take what remains up to endPos, pad with silence.
    const int n = m_writer.frameSamples();
    const std::int64_t rest = endPos - m_tracks[0].readPos();
    if (rest > 0) {
        std::fill(m_frame.begin(), m_frame.end(), 0);
        m_tracks[0].read(static_cast<int>(rest), m_frame.data(), 2);
        m_tracks[1].read(static_cast<int>(rest), m_frame.data() + 1, 2);
        if (!m_writer.writeFrame(m_frame.data(), error))
            return stopOnWriteFailure(error);
        (void)n;
    }
    // Tell the decoder how much is real audio: exactly endPos samples.
    if (!m_writer.finish(endPos, error))
        return stopOnWriteFailure(error);
    return true;
}

bool CallRecorder::stopOnWriteFailure(QString *error)
{
    // Out of space (cap or disk reserve): the file ends at its last page, valid.
    if (m_writer.isOutOfSpace()) {
        m_stoppedReason = *error;
        m_writer.closeAsIs();
        return true;
    }
    m_failed = true;
    return false;
}

} // namespace vv::agent
