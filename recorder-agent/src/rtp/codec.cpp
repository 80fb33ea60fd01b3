#include "rtp/codec.h"

#include "rtp/g711.h"

namespace {

class G711Decoder : public AudioDecoder
{
public:
    explicit G711Decoder(bool ulaw)
        : m_ulaw(ulaw)
    {}
    int sampleRate() const override { return 8000; }
    bool decode(const std::uint8_t *payload, std::size_t len, std::vector<std::int16_t> *out) override
    {
        const std::size_t at = out->size();
        out->resize(at + len);
        if (m_ulaw)
            decodeUlaw(payload, len, out->data() + at);
        else
            decodeAlaw(payload, len, out->data() + at);
        return true;
    }

private:
    bool m_ulaw;
};

} // namespace

bool isSupportedCodec(const std::string &name)
{
    return name == "PCMU" || name == "PCMA";
}

std::unique_ptr<AudioDecoder> createDecoder(const std::string &name)
{
    if (name == "PCMU")
        return std::make_unique<G711Decoder>(true);
    if (name == "PCMA")
        return std::make_unique<G711Decoder>(false);
    return nullptr;
}
