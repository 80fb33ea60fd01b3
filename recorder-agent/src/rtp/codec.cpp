#include "rtp/codec.h"

#include "rtp/g711.h"

#include <opus/opus.h>
// C libraries whose headers do not declare C linkage themselves.
extern "C" {
#include <bcg729/decoder.h>
#include <gsm/gsm.h>
// telephony.h must come first: g722.h uses its macros.
// clang-format off
#include <spandsp/telephony.h>
#include <spandsp/g722.h>
// clang-format on
}

namespace vv::agent {

namespace {

// Appends `in` (at `from` Hz) to `out` at `to` Hz; only 8 <-> 16 kHz occur.
void appendConverted(const std::int16_t *in, std::size_t n, int from, int to, std::vector<std::int16_t> *out)
{
    if (from == to) {
        out->insert(out->end(), in, in + n);
    } else if (to == 2 * from) {
        // Linear interpolation: speech below 4 kHz needs nothing finer.
        for (std::size_t i = 0; i < n; ++i) {
            const int next = i + 1 < n ? in[i + 1] : in[i];
            out->push_back(in[i]);
            out->push_back(static_cast<std::int16_t>((in[i] + next) / 2));
        }
    } else if (from == 2 * to) {
        // Pairwise average: a gentle low-pass before dropping every other sample.
        for (std::size_t i = 0; i + 1 < n; i += 2)
            out->push_back(static_cast<std::int16_t>((in[i] + in[i + 1]) / 2));
    }
}

class G711Decoder : public AudioDecoder
{
public:
    G711Decoder(bool ulaw, int rate)
        : m_ulaw(ulaw)
        , m_rate(rate)
    {}
    bool decode(const std::uint8_t *payload, std::size_t len, std::vector<std::int16_t> *out) override
    {
        m_pcm.resize(len);
        if (m_ulaw)
            decodeUlaw(payload, len, m_pcm.data());
        else
            decodeAlaw(payload, len, m_pcm.data());
        appendConverted(m_pcm.data(), len, 8000, m_rate, out);
        return true;
    }

private:
    bool m_ulaw;
    int m_rate;
    std::vector<std::int16_t> m_pcm;
};

class G722Decoder : public AudioDecoder
{
public:
    explicit G722Decoder(int rate)
        : m_rate(rate)
        , m_state(g722_decode_init(nullptr, 64000, 0))
    {}
    ~G722Decoder() override { g722_decode_free(m_state); }
    bool decode(const std::uint8_t *payload, std::size_t len, std::vector<std::int16_t> *out) override
    {
        if (!m_state || len == 0 || len > 4000)
            return false;
        m_pcm.resize(len * 2); // one byte: two 16 kHz samples
        const int n = g722_decode(m_state, m_pcm.data(), payload, static_cast<int>(len));
        appendConverted(m_pcm.data(), static_cast<std::size_t>(std::max(0, n)), 16000, m_rate, out);
        return n > 0;
    }

private:
    int m_rate;
    g722_decode_state_t *m_state;
    std::vector<std::int16_t> m_pcm;
};

class G729Decoder : public AudioDecoder
{
public:
    explicit G729Decoder(int rate)
        : m_rate(rate)
        , m_ctx(initBcg729DecoderChannel())
    {}
    ~G729Decoder() override { closeBcg729DecoderChannel(m_ctx); }
    bool decode(const std::uint8_t *payload, std::size_t len, std::vector<std::int16_t> *out) override
    {
        // 10-byte frames of 10 ms; a trailing 2-byte frame is Annex B comfort noise (SID).
        std::int16_t frame[80];
        std::size_t pos = 0;
        while (pos + 10 <= len) {
            bcg729Decoder(m_ctx, payload + pos, 10, 0, 0, 0, frame);
            appendConverted(frame, 80, 8000, m_rate, out);
            pos += 10;
        }
        if (len - pos == 2) {
            bcg729Decoder(m_ctx, payload + pos, 2, 0, 1, 0, frame);
            appendConverted(frame, 80, 8000, m_rate, out);
            pos += 2;
        }
        return pos == len && len > 0;
    }

private:
    int m_rate;
    bcg729DecoderChannelContextStruct *m_ctx;
};

class GsmDecoder : public AudioDecoder
{
public:
    explicit GsmDecoder(int rate)
        : m_rate(rate)
        , m_gsm(gsm_create())
    {}
    ~GsmDecoder() override { gsm_destroy(m_gsm); }
    bool decode(const std::uint8_t *payload, std::size_t len, std::vector<std::int16_t> *out) override
    {
        if (len == 0 || len % 33 != 0)
            return false;
        gsm_signal frame[160];
        for (std::size_t pos = 0; pos < len; pos += 33) {
            if (gsm_decode(m_gsm, const_cast<gsm_byte *>(payload + pos), frame) != 0)
                return false;
            appendConverted(frame, 160, 8000, m_rate, out);
        }
        return true;
    }

private:
    int m_rate;
    gsm m_gsm;
};

class OpusRtpDecoder : public AudioDecoder
{
public:
    explicit OpusRtpDecoder(int rate)
    {
        int err = 0;
        m_dec = opus_decoder_create(rate, 1, &err); // decodes straight to the timeline rate
        m_pcm.resize(static_cast<std::size_t>(rate) * 120 / 1000);
    }
    ~OpusRtpDecoder() override
    {
        if (m_dec)
            opus_decoder_destroy(m_dec);
    }
    bool decode(const std::uint8_t *payload, std::size_t len, std::vector<std::int16_t> *out) override
    {
        if (!m_dec || len == 0)
            return false;
        const int n =
            opus_decode(m_dec, payload, static_cast<opus_int32>(len), m_pcm.data(), static_cast<int>(m_pcm.size()), 0);
        if (n <= 0)
            return false;
        out->insert(out->end(), m_pcm.begin(), m_pcm.begin() + n);
        return true;
    }

private:
    OpusDecoder *m_dec = nullptr;
    std::vector<std::int16_t> m_pcm;
};

} // namespace

bool isSupportedCodec(const std::string &name)
{
    return name == "PCMU" || name == "PCMA" || name == "G722" || name == "G729" || name == "OPUS" || name == "GSM";
}

bool isWidebandCodec(const std::string &name)
{
    return name == "G722" || name == "OPUS";
}

std::unique_ptr<AudioDecoder> createDecoder(const std::string &name, int rate)
{
    if (name == "PCMU" || name == "PCMA")
        return std::make_unique<G711Decoder>(name == "PCMU", rate);
    if (name == "G722")
        return std::make_unique<G722Decoder>(rate);
    if (name == "G729")
        return std::make_unique<G729Decoder>(rate);
    if (name == "GSM")
        return std::make_unique<GsmDecoder>(rate);
    if (name == "OPUS")
        return std::make_unique<OpusRtpDecoder>(rate);
    return nullptr;
}

} // namespace vv::agent
