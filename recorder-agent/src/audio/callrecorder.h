#pragma once
// Records one call: decodes each party's RTP, keeps both directions aligned on
// the call timeline (sample 0 = the moment the call was answered) and encodes
// them, incrementally, into one two-channel Ogg Opus file. Audio is held back
// only for the jitter window, so reordered packets still land in place.
#include "audio/oggopuswriter.h"
#include "common/timeformat.h"
#include "rtp/codec.h"
#include "rtp/directiontrack.h"

#include <QString>
#include <QStringList>
#include <map>
#include <memory>
#include <string>

namespace vv::agent {

enum class Party { Extension = 0, FarEnd = 1 };

class CallRecorder
{
public:
    CallRecorder(QString path, PacketTime answeredAt, int jitterMs, OpusSettings settings);

    bool open(const QStringList &comments, QString *error);
    // codecName is the payload type resolved through the SDP of the call.
    void addRtp(Party speaker, PacketTime arrival, const RtpPacket &rtp, const std::string &codecName, int clockRate);
    // A copy of a packet already received, caught before it reached addRtp (SRTP's replay check).
    void noteDuplicate(Party speaker) { m_tracks[static_cast<int>(speaker)].noteDuplicate(); }
    // Encodes everything older than now minus the jitter window.
    bool advance(PacketTime now, QString *error);
    // Encodes up to `end` and closes the file.
    bool finish(PacketTime end, QString *error);

    const DirectionStats &stats(Party p) const { return m_tracks[static_cast<int>(p)].stats(); }
    std::int64_t bytes() const { return m_writer.bytesWritten(); }
    const QString &path() const { return m_path; }
    bool failed() const { return m_failed; }
    void setSpaceReserver(OggOpusWriter::SpaceReserver r) { m_writer.setSpaceReserver(std::move(r)); }
    // Before open(): the file is sealed to this vault key (see OggOpusWriter::setSealing).
    void setSealing(const QByteArray &publicKey, const QByteArray &keyId) { m_writer.setSealing(publicKey, keyId); }
    // Set when the vault refused more space: the file ends early but is valid.
    const QString &stoppedReason() const { return m_stoppedReason; }
    std::int64_t audioMsOnDisk() const { return m_writer.samplesOnDisk() * 1000 / m_rate; }
    // Codecs actually decoded, and ones seen but not decodable.
    const std::map<std::string, std::uint64_t> &codecsSeen() const { return m_codecsSeen; }

private:
    std::int64_t positionOf(PacketTime t) const;
    bool encodeUntil(std::int64_t target, QString *error);
    bool stopOnWriteFailure(QString *error);

    QString m_path;
    PacketTime m_answeredAt;
    int m_rate;
    int m_jitterSamples;
    OggOpusWriter m_writer;
    OpusSettings m_settings;
    DirectionTrack m_tracks[2];
    std::map<std::string, std::unique_ptr<AudioDecoder>> m_decoders[2];
    std::map<std::string, std::uint64_t> m_codecsSeen;
    // The codec each party sent last, so the per-packet path skips the map lookups.
    struct LastCodec
    {
        std::string name;
        AudioDecoder *decoder = nullptr;
        std::uint64_t *seen = nullptr;
        bool nonAudio = false;
    } m_last[2];
    std::vector<std::int16_t> m_pcm;
    std::vector<std::int16_t> m_frame;
    bool m_failed = false;
    QString m_stoppedReason;
};

} // namespace vv::agent
