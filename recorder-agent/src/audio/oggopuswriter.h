#pragma once
// Writes an Ogg Opus file (RFC 7845) with two *uncoupled* mono streams under
// channel mapping family 1: left = extension side, right = far end. Coupled
// stereo at speech bit rates folds both parties into both channels, and
// family 255 is refused by libopusfile 0.12, so we drive libopus's
// multistream encoder ourselves and mux with libogg (already a dependency of
// libopusfile). Pages are written as soon as they fill or every second, so a
// crash loses at most about a second of audio.
#include "vaultcrypto/sealedwriter.h"

#include <QString>
#include <QStringList>
#include <cstdint>
#include <functional>
#include <ogg/ogg.h>
#include <vector>

struct OpusEncoder;

namespace vv::agent {

struct OpusSettings
{
    int inputRate = 8000;         // 8000 (narrowband) or 16000 (wideband)
    int bitratePerChannel = 8000; // bits per second for each party
    int complexity = 0;
    int frameMs = 20;
    // A party that is digitally silent for a whole frame (hold, muted, not
    // talking while the other does) gets a pre-encoded silent frame instead of
    // an encoder run: each side of a conversation is silent about half the time.
    bool skipSilence = true;
};

class OggOpusWriter
{
public:
    OggOpusWriter() = default;
    ~OggOpusWriter();
    OggOpusWriter(const OggOpusWriter &) = delete;
    OggOpusWriter &operator=(const OggOpusWriter &) = delete;

    // Before open(): seal the file to this vault key (vaultcrypto/sealedformat.h). Pages then reach the disk
    // encrypted, each one flushed as it is written, so a crash loses no more than with a plain file.
    void setSealing(const QByteArray &vaultPublicKey, const QByteArray &keyId)
    {
        m_sealTo = vaultPublicKey;
        m_sealKeyId = keyId;
    }
    bool isSealed() const { return !m_sealTo.isEmpty(); }
    // Creates the file exclusively (never overwrites) and writes the headers.
    bool open(const QString &path, const OpusSettings &settings, const QStringList &comments, QString *error);
    int frameSamples() const { return m_frameSamples; }
    // Encodes one frame: frameSamples() interleaved stereo samples.
    bool writeFrame(const std::int16_t *interleaved, QString *error);
    // Pads and flushes the final page so decoders trim to realSamples, then syncs.
    bool finish(std::int64_t realSamples, QString *error);
    std::int64_t bytesWritten() const { return m_bytes; }
    std::int64_t sideFramesSkipped() const { return m_framesSkipped; }
    // Asked before every page is written; returning false stops the file there
    // (it stays valid up to its last page). This is how the vault cap is kept.
    using SpaceReserver = std::function<bool(std::int64_t bytes, QString *why)>;
    void setSpaceReserver(SpaceReserver r) { m_reserver = std::move(r); }
    bool isOutOfSpace() const { return m_outOfSpace; }
    // Samples (at the input rate) of audio in pages already on disk.
    std::int64_t samplesOnDisk() const { return m_samplesOnDisk; }
    // Syncs and closes without writing anything more (after running out of space).
    void closeAsIs();
    bool isOpen() const { return m_fd >= 0; }

private:
    bool encode(const std::int16_t *interleaved, QString *error);
    bool submitPending(bool last, std::int64_t finalGranule, QString *error);
    bool writePages(bool flush, QString *error);
    bool writeRaw(const unsigned char *data, long len, QString *error);

    int m_fd = -1;
    OpusEncoder *m_enc[2] = {nullptr, nullptr}; // one mono encoder per party (uncoupled streams)
    std::vector<unsigned char> m_silentFrame;   // one encoded frame of digital silence
    std::vector<std::int16_t> m_mono;
    std::int64_t m_framesSkipped = 0;
    bool m_prevSilent[2] = {false, false};
    bool m_flushing = false;
    ogg_stream_state m_ogg{};
    bool m_oggInit = false;
    OpusSettings m_settings;
    int m_frameSamples = 160;
    int m_preSkip48 = 0;
    std::int64_t m_packetNo = 0;
    std::int64_t m_framesEncoded = 0;
    std::int64_t m_bytes = 0;
    int m_packetsSinceFlush = 0;
    std::vector<unsigned char> m_pending;
    bool m_hasPending = false;
    SpaceReserver m_reserver;
    bool m_outOfSpace = false;
    std::int64_t m_samplesOnDisk = 0;
    QString m_path;
    QByteArray m_sealTo;
    QByteArray m_sealKeyId;
    vv::crypto::SealedWriter m_sealed;
    std::int64_t mediaMs() const { return m_samplesOnDisk * 1000 / m_settings.inputRate; }
};

} // namespace vv::agent
