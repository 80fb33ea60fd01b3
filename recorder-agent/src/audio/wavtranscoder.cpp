#include "audio/wavtranscoder.h"

#include <algorithm>
#include <opusfile.h>

namespace vv::agent {

namespace {
constexpr int kChannels = 2;
constexpr int kBytesPerFrame = kChannels * 2;
constexpr int kRate = 48000; // libopusfile always decodes at 48 kHz
} // namespace

QByteArray wavHeader(qint64 frames)
{
    const quint32 dataBytes = static_cast<quint32>(frames * kBytesPerFrame);
    QByteArray h;
    auto le32 = [&](quint32 v) {
        for (int i = 0; i < 4; ++i)
            h.append(static_cast<char>((v >> (8 * i)) & 0xff));
    };
    auto le16 = [&](quint16 v) {
        h.append(static_cast<char>(v & 0xff));
        h.append(static_cast<char>(v >> 8));
    };
    h.append("RIFF");
    le32(36 + dataBytes);
    h.append("WAVEfmt ");
    le32(16);
    le16(1);         // PCM
    le16(kChannels); // extension, far end
    le32(kRate);
    le32(kRate * kBytesPerFrame);
    le16(kBytesPerFrame);
    le16(16);
    h.append("data");
    le32(dataBytes);
    return h;
}

WavTranscoder::WavTranscoder() = default;

WavTranscoder::~WavTranscoder()
{
    if (m_file)
        op_free(m_file);
}

bool WavTranscoder::open(const QString &oggPath, const RecordingFile::KeyResolver &keys, QString *error)
{
    if (!m_source.open(oggPath, keys, error))
        return false;
    int err = 0;
    m_file = m_source.openOpus(&err);
    if (!m_file) {
        *error = QStringLiteral("the audio file cannot be decoded (libopusfile error %1)").arg(err);
        return false;
    }
    const qint64 frames = std::max<qint64>(0, op_pcm_total(m_file, -1));
    m_pending = wavHeader(frames);
    m_total = m_pending.size() + frames * kBytesPerFrame;
    return true;
}

QByteArray WavTranscoder::read(qint64 maxBytes)
{
    const qint64 want = std::min(maxBytes, m_total - m_produced);
    if (want <= 0)
        return {};
    opus_int16 pcm[5760 * kChannels];
    while (m_pending.size() < want && m_file) {
        const int n = op_read(m_file, pcm, 5760 * kChannels, nullptr);
        if (n <= 0)
            break;
        m_pending.append(reinterpret_cast<const char *>(pcm), n * kBytesPerFrame);
    }
    if (m_pending.isEmpty()) // decoder ended early: pad so the promised length holds
        m_pending = QByteArray(static_cast<qsizetype>(want), '\0');
    const qsizetype n = static_cast<qsizetype>(std::min<qint64>(want, m_pending.size()));
    QByteArray out = m_pending.left(n);
    m_pending.remove(0, n);
    m_produced += n;
    return out;
}

} // namespace vv::agent
