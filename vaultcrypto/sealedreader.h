#pragma once
// Reads the plaintext of a sealed recording (sealedformat.h) at any offset, decrypting only the slot that holds
// it (one slot is cached): Range requests and seeking cost one chunk. The ciphertext comes from a callback, so the
// same reader serves a local file (the agent) and bytes arriving over HTTP (the app's player).
#include "vaultcrypto/sealedformat.h"

#include <QByteArray>
#include <QString>
#include <cstdint>
#include <functional>

namespace vv::crypto {

class SealedReader
{
public:
    // Reads up to `len` ciphertext bytes at `offset`; returns how many were read (fewer only at the end), -1 on error.
    using Source = std::function<std::int64_t(std::int64_t offset, char *dst, std::int64_t len)>;

    ~SealedReader();
    // `fileSize` is the ciphertext size; `header` its first 128 bytes.
    bool open(const QByteArray &header, std::int64_t fileSize, Source source, QString *error);
    // The file key, unsealed by the holder of the vault's secret key (vaultkeys.h).
    void setFileKey(const QByteArray &fileKey) { m_key = fileKey; }
    const SealedHeader &header() const { return m_header; }
    std::int64_t plainSize() const { return m_plainSize; }
    // Decrypts into dst; returns bytes copied (0 at the end), -1 when a slot fails authentication or cannot be
    // read (error() says which and why). Never returns unauthenticated bytes.
    std::int64_t read(std::int64_t offset, char *dst, std::int64_t len);
    // Whether the last slot is marked final (the recording was finished, not cut short). Reads the last slot.
    bool isComplete();
    QString error() const { return m_error; }

    // Whole-file helpers (tests, export, migration).
    static bool decryptFile(const QString &path, const QByteArray &fileKey, QByteArray *plain, QString *error);

private:
    bool loadSlot(std::int64_t index);

    SealedHeader m_header;
    Source m_source;
    QByteArray m_key;
    std::int64_t m_fileSize = 0;
    std::int64_t m_plainSize = 0;
    std::int64_t m_slotCount = 0;
    std::int64_t m_cachedIndex = -1;
    QByteArray m_cached;
    std::uint32_t m_cachedFlags = 0;
    QString m_error;
};

} // namespace vv::crypto
