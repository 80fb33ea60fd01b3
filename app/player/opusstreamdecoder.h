#pragma once
// Ogg Opus -> interleaved stereo float at 48 kHz through libopusfile, reading from a ByteCache that may still be
// filling: every read blocks until its bytes have arrived, so use it off the GUI thread when streaming.
// Recordings hold two uncoupled streams (left = extension side, right = far end); mono files are duplicated.
#include "bytecache.h"
#include "vaultcrypto/sealedreader.h"

#include <QString>
#include <memory>

struct OggOpusFile;

namespace vv::player {

class OpusStreamDecoder
{
public:
    static constexpr int kRate = 48000;

    explicit OpusStreamDecoder(std::shared_ptr<ByteCache> cache);
    ~OpusStreamDecoder();
    OpusStreamDecoder(const OpusStreamDecoder &) = delete;
    OpusStreamDecoder &operator=(const OpusStreamDecoder &) = delete;

    bool open(QString *error = nullptr);
    bool isOpen() const { return m_file != nullptr; }
    qint64 totalFrames() const; // at 48 kHz, -1 when unknown
    int sourceChannels() const { return m_channels; }

    // Up to maxFrames stereo frames into out (2 * maxFrames floats); 0 at the end, < 0 on an error.
    int read(float *out, int maxFrames);
    bool seek(qint64 frame);
    qint64 tell() const;

private:
    // The Ogg bytes: straight from the cache, or decrypted from a sealed file a chunk at a time.
    qint64 readPlain(qint64 offset, char *dst, qint64 len);
    qint64 plainSize() const;
    bool openSealed(QString *error);

    std::shared_ptr<ByteCache> m_cache;
    std::unique_ptr<vv::crypto::SealedReader> m_sealed;
    qint64 m_offset = 0; // the callbacks' file position
    OggOpusFile *m_file = nullptr;
    int m_channels = 0;
    std::unique_ptr<float[]> m_scratch;
    int m_scratchFrames = 0;

    friend struct OpusCallbacks;
};

} // namespace vv::player
