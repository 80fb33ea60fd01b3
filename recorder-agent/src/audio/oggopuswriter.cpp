#include "audio/oggopuswriter.h"

#include "common/crashpoint.h"
#include "common/logging.h"

#include <QByteArray>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <opus/opus.h>
#include <unistd.h>
#include <vector>

namespace vv::agent {

namespace {

void putLe16(std::vector<unsigned char> &v, unsigned x)
{
    v.push_back(x & 0xff);
    v.push_back((x >> 8) & 0xff);
}

void putLe32(std::vector<unsigned char> &v, std::uint32_t x)
{
    for (int i = 0; i < 4; ++i)
        v.push_back((x >> (8 * i)) & 0xff);
}

constexpr int kChannels = 2;
constexpr int kMaxPacket = 4000;

} // namespace

OggOpusWriter::~OggOpusWriter()
{
    for (OpusEncoder *e : m_enc)
        if (e)
            opus_encoder_destroy(e);
    if (m_oggInit)
        ogg_stream_clear(&m_ogg);
    if (m_fd >= 0)
        ::close(m_fd);
}

bool OggOpusWriter::open(const QString &path, const OpusSettings &settings, const QStringList &comments, QString *error)
{
    m_settings = settings;
    m_path = path;
    m_frameSamples = settings.inputRate * settings.frameMs / 1000;
    // Two mono encoders whose packets are joined as RFC 7845 family-1
    // multistream packets (the first self-delimited, RFC 6716 Appendix B) —
    // what libopus's multistream encoder does, but each side can be skipped.
    auto makeEncoder = [&](OpusEncoder **out) {
        int err = 0;
        *out = opus_encoder_create(settings.inputRate, 1, OPUS_APPLICATION_VOIP, &err);
        if (err != OPUS_OK || !*out) {
            *error = QStringLiteral("opus encoder: %1").arg(QString::fromLatin1(opus_strerror(err)));
            return false;
        }
        opus_encoder_ctl(*out, OPUS_SET_BITRATE(settings.bitratePerChannel));
        opus_encoder_ctl(*out, OPUS_SET_COMPLEXITY(settings.complexity));
        opus_encoder_ctl(*out, OPUS_SET_SIGNAL(OPUS_SIGNAL_VOICE));
        opus_encoder_ctl(*out, OPUS_SET_VBR(1));
        opus_encoder_ctl(*out, OPUS_SET_MAX_BANDWIDTH(settings.inputRate >= 16000 ? OPUS_BANDWIDTH_WIDEBAND
                                                                                  : OPUS_BANDWIDTH_NARROWBAND));
        return true;
    };
    if (!makeEncoder(&m_enc[0]) || !makeEncoder(&m_enc[1]))
        return false;
    m_mono.assign(static_cast<std::size_t>(m_frameSamples), 0);
    if (settings.skipSilence) {
        // A settled encoder's frame of silence (the first frames of a fresh one carry start-up bits).
        OpusEncoder *probe = nullptr;
        if (!makeEncoder(&probe))
            return false;
        unsigned char buf[kMaxPacket];
        int n = 0;
        for (int i = 0; i < 10; ++i)
            n = opus_encode(probe, m_mono.data(), m_frameSamples, buf, kMaxPacket);
        opus_encoder_destroy(probe);
        if (n > 0 && (buf[0] & 3) == 0)
            m_silentFrame.assign(buf, buf + n);
    }
    opus_int32 lookahead = 0;
    opus_encoder_ctl(m_enc[0], OPUS_GET_LOOKAHEAD(&lookahead));
    m_preSkip48 = lookahead * (48000 / settings.inputRate);

    m_fd = ::open(path.toLocal8Bit().constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
    if (m_fd < 0) {
        *error = QStringLiteral("cannot create %1: %2").arg(path, QString::fromLocal8Bit(strerror(errno)));
        return false;
    }
    if (isSealed()) {
        if (m_reserver && !m_reserver(m_sealed.sealedSizeFor(0), error)) {
            m_outOfSpace = true;
            return false;
        }
        if (!m_sealed.start(m_fd, m_sealTo, m_sealKeyId, error))
            return false;
    }
    // Serial number from the path so two files never share one by accident.
    ogg_stream_init(&m_ogg, static_cast<int>(qHash(path) & 0x7fffffff));
    m_oggInit = true;

    // RFC 7845 5.1: identification header, family 1, two streams, none coupled.
    std::vector<unsigned char> head = {'O', 'p', 'u', 's', 'H', 'e', 'a', 'd', 1, kChannels};
    putLe16(head, static_cast<unsigned>(m_preSkip48));
    putLe32(head, static_cast<std::uint32_t>(settings.inputRate));
    putLe16(head, 0);  // output gain
    head.push_back(1); // mapping family
    head.push_back(2); // stream count
    head.push_back(0); // coupled count
    head.push_back(0); // channel 0 (left) <- stream 0
    head.push_back(1); // channel 1 (right) <- stream 1
    ogg_packet op{};
    op.packet = head.data();
    op.bytes = static_cast<long>(head.size());
    op.b_o_s = 1;
    op.packetno = m_packetNo++;
    ogg_stream_packetin(&m_ogg, &op);
    if (!writePages(true, error))
        return false;

    // RFC 7845 5.2: comment header on its own page(s).
    const QByteArray vendor = QByteArrayLiteral("VIP Vault ") + opus_get_version_string();
    std::vector<unsigned char> tags = {'O', 'p', 'u', 's', 'T', 'a', 'g', 's'};
    putLe32(tags, static_cast<std::uint32_t>(vendor.size()));
    tags.insert(tags.end(), vendor.begin(), vendor.end());
    putLe32(tags, static_cast<std::uint32_t>(comments.size()));
    for (const QString &comment : comments) {
        const QByteArray c = comment.toUtf8();
        putLe32(tags, static_cast<std::uint32_t>(c.size()));
        tags.insert(tags.end(), c.begin(), c.end());
    }
    op = ogg_packet{};
    op.packet = tags.data();
    op.bytes = static_cast<long>(tags.size());
    op.packetno = m_packetNo++;
    ogg_stream_packetin(&m_ogg, &op);
    return writePages(true, error);
}

namespace {

// RFC 6716 Appendix B: a code-0 packet made self-delimiting by a length field
// after its TOC byte; false for the multi-frame codes, which 20 ms frames do not use.
bool appendSelfDelimited(const unsigned char *p, int n, std::vector<unsigned char> *out)
{
    if (n < 1 || (p[0] & 3) != 0)
        return false;
    const int len = n - 1;
    out->push_back(p[0]);
    if (len < 252) {
        out->push_back(static_cast<unsigned char>(len));
    } else {
        const int first = 252 + (len & 3);
        out->push_back(static_cast<unsigned char>(first));
        out->push_back(static_cast<unsigned char>((len - first) >> 2));
    }
    out->insert(out->end(), p + 1, p + n);
    return true;
}

} // namespace

bool OggOpusWriter::encode(const std::int16_t *interleaved, QString *error)
{
    unsigned char side[2][kMaxPacket];
    int len[2] = {0, 0};
    for (int ch = 0; ch < kChannels; ++ch) {
        bool silent = true;
        for (int i = 0; i < m_frameSamples; ++i) {
            m_mono[static_cast<std::size_t>(i)] = interleaved[i * kChannels + ch];
            silent = silent && m_mono[static_cast<std::size_t>(i)] == 0;
        }
        // Skip only a silent frame that follows a silent frame: the encoder's
        // lookahead then holds nothing but zeros, so no speech is cut off; and
        // never while flushing the end of the recording.
        const bool skip = silent && m_prevSilent[ch] && !m_flushing && !m_silentFrame.empty();
        m_prevSilent[ch] = silent;
        if (skip) {
            std::copy(m_silentFrame.begin(), m_silentFrame.end(), side[ch]);
            len[ch] = static_cast<int>(m_silentFrame.size());
            ++m_framesSkipped;
            continue;
        }
        len[ch] = opus_encode(m_enc[ch], m_mono.data(), m_frameSamples, side[ch], kMaxPacket);
        if (len[ch] < 0) {
            *error = QStringLiteral("opus encode: %1").arg(QString::fromLatin1(opus_strerror(len[ch])));
            return false;
        }
    }
    std::vector<unsigned char> packet;
    packet.reserve(static_cast<std::size_t>(len[0] + len[1] + 3));
    if (!appendSelfDelimited(side[0], len[0], &packet)) {
        *error = QStringLiteral("opus encode: unexpected multi-frame packet");
        return false;
    }
    packet.insert(packet.end(), side[1], side[1] + len[1]);
    // Hold each packet back until the next one exists: only then do we know
    // whether it is the last, whose granule position trims the padding.
    if (m_hasPending && !submitPending(false, 0, error))
        return false;
    m_pending = std::move(packet);
    m_hasPending = true;
    ++m_framesEncoded;
    return true;
}

bool OggOpusWriter::submitPending(bool last, std::int64_t finalGranule, QString *error)
{
    ogg_packet op{};
    op.packet = m_pending.data();
    op.bytes = static_cast<long>(m_pending.size());
    op.e_o_s = last ? 1 : 0;
    op.granulepos = last ? finalGranule : m_framesEncoded * m_frameSamples * (48000 / m_settings.inputRate);
    op.packetno = m_packetNo++;
    ogg_stream_packetin(&m_ogg, &op);
    m_hasPending = false;
    // Flush every 600 ms: with the 120 ms jitter window, the 200 ms encoding
    // batch and the held-back packet, a crash loses less than a second of a
    // call in progress.
    const bool flush = last || ++m_packetsSinceFlush >= 600 / m_settings.frameMs;
    return writePages(flush, error);
}

bool OggOpusWriter::writeFrame(const std::int16_t *interleaved, QString *error)
{
    return encode(interleaved, error);
}

bool OggOpusWriter::finish(std::int64_t realSamples, QString *error)
{
    const int ratio = 48000 / m_settings.inputRate;
    const std::int64_t finalGranule = realSamples * ratio + m_preSkip48;
    // Encode silence until the encoder's lookahead has pushed out every real sample.
    std::vector<std::int16_t> silence(static_cast<std::size_t>(m_frameSamples) * kChannels, 0);
    m_flushing = true;
    while (m_framesEncoded * m_frameSamples * ratio < finalGranule || !m_hasPending) {
        if (!encode(silence.data(), error))
            return false;
    }
    if (!submitPending(true, finalGranule, error))
        return false;
    if (isSealed() && !m_sealed.finish(mediaMs(), error))
        return false;
    if (::fdatasync(m_fd) != 0) {
        *error = QStringLiteral("sync %1: %2").arg(m_path, QString::fromLocal8Bit(strerror(errno)));
        return false;
    }
    ::close(m_fd);
    m_fd = -1;
    return true;
}

void OggOpusWriter::closeAsIs()
{
    if (m_fd < 0)
        return;
    ::fdatasync(m_fd);
    ::close(m_fd);
    m_fd = -1;
}

bool OggOpusWriter::writePages(bool flush, QString *error)
{
    ogg_page page;
    for (;;) {
        const int got = flush ? ogg_stream_flush(&m_ogg, &page) : ogg_stream_pageout(&m_ogg, &page);
        if (got == 0)
            break;
        const std::int64_t pageBytes = page.header_len + page.body_len;
        // A sealed page costs its bytes plus, when it starts a slot, that slot's nonce, header and tag.
        const std::int64_t cost =
            isSealed() ? m_sealed.sealedSizeFor(m_bytes + pageBytes) - m_sealed.sealedSizeFor(m_bytes) : pageBytes;
        if (m_reserver && !m_reserver(cost, error)) {
            m_outOfSpace = true;
            return false;
        }
        if (!writeRaw(page.header, page.header_len, error) || !writeRaw(page.body, page.body_len, error))
            return false;
        const std::int64_t granule = ogg_page_granulepos(&page);
        if (granule > m_preSkip48)
            m_samplesOnDisk = (granule - m_preSkip48) / (48000 / m_settings.inputRate);
        if (isSealed() && !m_sealed.flush(mediaMs(), error))
            return false;
        crashPoint("page");
        m_packetsSinceFlush = 0;
    }
    return true;
}

bool OggOpusWriter::writeRaw(const unsigned char *data, long len, QString *error)
{
    if (isSealed()) {
        m_sealed.append(data, len); // on disk at the page's flush
        m_bytes += len;
        return true;
    }
    while (len > 0) {
        const ssize_t w = ::write(m_fd, data, static_cast<std::size_t>(len));
        if (w < 0) {
            if (errno == EINTR)
                continue;
            *error = QStringLiteral("write %1: %2").arg(m_path, QString::fromLocal8Bit(strerror(errno)));
            return false;
        }
        data += w;
        len -= w;
        m_bytes += w;
    }
    return true;
}

} // namespace vv::agent
