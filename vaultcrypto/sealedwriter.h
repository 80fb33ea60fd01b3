#pragma once
// Writes a sealed recording (sealedformat.h) through a file descriptor the caller owns, as the audio arrives:
// append() buffers, flush() puts every complete chunk in its slot and the partial one in the next slot (with a
// fresh nonce each time), finish() writes the last slot marked final. Only flush() and finish() touch the disk,
// so a file always ends where the caller flushed (for Ogg: on a page boundary).
#include "vaultcrypto/sealedformat.h"

#include <QByteArray>
#include <QString>
#include <cstdint>

namespace vv::crypto {

class SealedWriter
{
public:
    SealedWriter() = default;
    ~SealedWriter();
    SealedWriter(const SealedWriter &) = delete;
    SealedWriter &operator=(const SealedWriter &) = delete;

    // Draws the file key, seals it to `vaultPublicKey` and writes the header at offset 0.
    bool start(int fd, const QByteArray &vaultPublicKey, const QByteArray &keyId, QString *error,
               std::int64_t chunkPlain = kDefaultChunk);
    void append(const unsigned char *data, std::int64_t len);
    bool flush(std::int64_t mediaMs, QString *error);
    bool finish(std::int64_t mediaMs, QString *error);
    // Bytes on disk once everything appended so far is flushed (header and slot overheads included).
    std::int64_t sealedSizeFor(std::int64_t plainBytes) const;
    std::int64_t plainBytes() const { return m_slot * m_header.chunkPlain + m_buffer.size(); }
    const QByteArray &fileKey() const { return m_key; }

private:
    bool writeFullSlots(std::int64_t mediaMs, QString *error);
    bool writeSlot(std::int64_t index, const QByteArray &plain, std::uint32_t flags, std::int64_t mediaMs,
                   QString *error);

    int m_fd = -1;
    SealedHeader m_header;
    QByteArray m_key;    // the file key (in locked memory is overkill here: the recorder holds the audio itself)
    QByteArray m_buffer; // plaintext of slot m_slot, not yet complete
    std::int64_t m_slot = 0;
};

} // namespace vv::crypto
