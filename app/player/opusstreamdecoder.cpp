#include "opusstreamdecoder.h"

#include "playerlogging.h"
#include "vaultcrypto/vaultkeys.h"

#include <cstdio>
#include <opusfile.h>

namespace vv::player {

struct OpusCallbacks
{
    static int read(void *stream, unsigned char *ptr, int nbytes)
    {
        auto *d = static_cast<OpusStreamDecoder *>(stream);
        const qint64 n = d->readPlain(d->m_offset, reinterpret_cast<char *>(ptr), nbytes);
        if (n < 0)
            return -1;
        d->m_offset += n;
        return int(n);
    }
    static int seek(void *stream, opus_int64 offset, int whence)
    {
        auto *d = static_cast<OpusStreamDecoder *>(stream);
        qint64 base = 0;
        if (whence == SEEK_CUR)
            base = d->m_offset;
        else if (whence == SEEK_END) {
            // The size arrives with the first range; wait for it like a read would.
            char probe;
            if (d->m_cache->size() < 0 && d->m_cache->read(0, &probe, 1) < 0)
                return -1;
            base = d->plainSize();
        }
        if (base + offset < 0)
            return -1;
        d->m_offset = base + offset;
        return 0;
    }
    static opus_int64 tell(void *stream) { return static_cast<OpusStreamDecoder *>(stream)->m_offset; }
};

OpusStreamDecoder::OpusStreamDecoder(std::shared_ptr<ByteCache> cache)
    : m_cache(std::move(cache))
{}

OpusStreamDecoder::~OpusStreamDecoder()
{
    if (m_file)
        op_free(m_file);
}

bool OpusStreamDecoder::open(QString *error)
{
    static const OpusFileCallbacks callbacks{&OpusCallbacks::read, &OpusCallbacks::seek, &OpusCallbacks::tell, nullptr};
    int rc = 0;
    m_offset = 0;
    if (!openSealed(error))
        return false;
    m_file = op_open_callbacks(this, &callbacks, nullptr, 0, &rc);
    if (!m_file) {
        if (error)
            *error = m_cache->isAborted() ? QStringLiteral("cancelled")
                                          : QStringLiteral("not an Ogg Opus file (libopusfile error %1)").arg(rc);
        return false;
    }
    m_channels = op_channel_count(m_file, -1);
    return true;
}

qint64 OpusStreamDecoder::readPlain(qint64 offset, char *dst, qint64 len)
{
    if (!m_sealed)
        return m_cache->read(offset, dst, len);
    const qint64 n = m_sealed->read(offset, dst, len);
    if (n < 0)
        qCWarning(lcPlayer).noquote() << "sealed recording:" << m_sealed->error();
    return n;
}

qint64 OpusStreamDecoder::plainSize() const
{
    return m_sealed ? m_sealed->plainSize() : m_cache->size();
}

// A sealed recording (only the customer's key opens it) starts with its header instead of "OggS": unseal the file
// key with the vault key the cache was given, then read through a SealedReader whose ciphertext comes from the
// cache, so streaming, seeking and the waveform work as on a plain file.
bool OpusStreamDecoder::openSealed(QString *error)
{
    QByteArray head(vv::crypto::kHeaderSize, '\0');
    qint64 got = 0;
    while (got < head.size()) {
        const qint64 n = m_cache->read(got, head.data() + got, head.size() - got);
        if (n <= 0)
            break;
        got += n;
    }
    if (got < head.size() || !vv::crypto::isSealed(head))
        return true; // plain Ogg (or too short to be sealed: libopusfile will say what is wrong)
    auto reader = std::make_unique<vv::crypto::SealedReader>();
    std::shared_ptr<ByteCache> cache = m_cache;
    QString why;
    if (!reader->open(
            head, m_cache->size(),
            [cache](std::int64_t at, char *dst, std::int64_t n) -> std::int64_t {
                std::int64_t done = 0;
                while (done < n) {
                    const qint64 r = cache->read(at + done, dst + done, n - done);
                    if (r <= 0)
                        return r < 0 ? -1 : done;
                    done += r;
                }
                return done;
            },
            &why)) {
        if (error)
            *error = why;
        return false;
    }
    const QByteArray fileKey =
        vv::crypto::unsealFileKey(reader->header().sealedKey, m_cache->vaultPublicKey(), m_cache->vaultSecretKey());
    if (fileKey.isEmpty()) {
        if (error)
            *error =
                m_cache->vaultSecretKey().isEmpty()
                    ? QStringLiteral("only the customer's key opens this recording, and it is not on this computer")
                    : QStringLiteral("this computer's key does not open this recording");
        return false;
    }
    reader->setFileKey(fileKey);
    m_sealed = std::move(reader);
    return true;
}

qint64 OpusStreamDecoder::totalFrames() const
{
    if (!m_file)
        return -1;
    const ogg_int64_t total = op_pcm_total(m_file, -1);
    return total < 0 ? -1 : total;
}

int OpusStreamDecoder::read(float *out, int maxFrames)
{
    if (!m_file)
        return -1;
    const int channels = op_channel_count(m_file, -1);
    if (channels == 2)
        return op_read_float(m_file, out, maxFrames * 2, nullptr);
    // Anything else: decode into scratch and keep the first two channels (a mono file plays on both sides).
    if (m_scratchFrames < maxFrames) {
        m_scratch.reset(new float[size_t(maxFrames) * size_t(std::max(channels, 1))]);
        m_scratchFrames = maxFrames;
    }
    const int n = op_read_float(m_file, m_scratch.get(), maxFrames * channels, nullptr);
    for (int i = 0; i < n; ++i) {
        out[2 * i] = m_scratch[size_t(i) * size_t(channels)];
        out[2 * i + 1] = channels > 1 ? m_scratch[size_t(i) * size_t(channels) + 1] : out[2 * i];
    }
    return n;
}

bool OpusStreamDecoder::seek(qint64 frame)
{
    if (!m_file)
        return false;
    const qint64 total = totalFrames();
    if (total >= 0)
        frame = std::clamp<qint64>(frame, 0, total);
    const int rc = op_pcm_seek(m_file, frame);
    if (rc != 0)
        qCWarning(lcPlayer) << "op_pcm_seek" << frame << "failed:" << rc;
    return rc == 0;
}

qint64 OpusStreamDecoder::tell() const
{
    return m_file ? op_pcm_tell(m_file) : -1;
}

} // namespace vv::player
