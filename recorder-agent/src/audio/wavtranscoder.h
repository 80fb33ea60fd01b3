#pragma once
// A stored recording as 16-bit PCM WAV, produced while it is read: the header
// (whose length is known from the Ogg file before decoding) and then the
// decoded audio, a block at a time, so a one-hour call never sits in memory.
// Two channels (extension, far end) at 48 kHz, as libopusfile decodes.
#include "audio/recordingfile.h"

#include <QByteArray>
#include <QString>
#include <memory>

struct OggOpusFile;

namespace vv::agent {

class WavTranscoder
{
public:
    WavTranscoder();
    ~WavTranscoder();
    WavTranscoder(const WavTranscoder &) = delete;
    WavTranscoder &operator=(const WavTranscoder &) = delete;

    // A plain or sealed recording (whose key `keys` gives).
    bool open(const QString &oggPath, const RecordingFile::KeyResolver &keys, QString *error);
    // Header plus PCM: exactly what read() yields in all.
    qint64 totalBytes() const { return m_total; }
    // Up to `maxBytes` of the next bytes; never empty before totalBytes() have been produced (a decoder that ends
    // early is padded with silence, so the promised length holds).
    QByteArray read(qint64 maxBytes);

private:
    RecordingFile m_source;
    OggOpusFile *m_file = nullptr;
    QByteArray m_pending;
    qint64 m_total = 0;
    qint64 m_produced = 0;
};

// The 44-byte RIFF/WAVE header for `frames` stereo 16-bit frames at 48 kHz.
QByteArray wavHeader(qint64 frames);

} // namespace vv::agent
