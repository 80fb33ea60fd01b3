#include "vaultcrypto/sealedwriter.h"

#include "vaultcrypto/vaultkeys.h"

#include <QtEndian>
#include <cstring>
#include <sodium.h>
#include <unistd.h>

namespace vv::crypto {

namespace {

bool pwriteAll(int fd, const QByteArray &bytes, std::int64_t offset, QString *error)
{
    if (writeAllAt(fd, bytes, offset))
        return true;
    *error = QStringLiteral("write: %1").arg(QString::fromLocal8Bit(strerror(errno)));
    return false;
}

} // namespace

SealedWriter::~SealedWriter()
{
    if (!m_key.isEmpty())
        sodium_memzero(m_key.data(), static_cast<size_t>(m_key.size()));
}

bool SealedWriter::start(int fd, const QByteArray &vaultPublicKey, const QByteArray &keyId, QString *error,
                         std::int64_t chunkPlain)
{
    if (sodium_init() < 0) {
        *error = QStringLiteral("libsodium could not start");
        return false;
    }
    m_fd = fd;
    m_key = randomBytes(kFileKeyBytes);
    m_header.chunkPlain = static_cast<std::uint32_t>(chunkPlain);
    m_header.fileId = randomBytes(16);
    m_header.keyId = keyId;
    m_header.sealedKey = sealFileKey(m_key, vaultPublicKey);
    if (m_header.sealedKey.size() != kSealedKeyBytes || keyId.size() != kKeyIdBytes) {
        *error = QStringLiteral("the vault's public key is unusable");
        return false;
    }
    m_buffer.reserve(static_cast<qsizetype>(chunkPlain));
    return pwriteAll(m_fd, m_header.serialise(), 0, error);
}

void SealedWriter::append(const unsigned char *data, std::int64_t len)
{
    m_buffer.append(reinterpret_cast<const char *>(data), static_cast<qsizetype>(len));
}

std::int64_t SealedWriter::sealedSizeFor(std::int64_t plain) const
{
    const std::int64_t chunk = m_header.chunkPlain;
    const std::int64_t slotCount = plain / chunk + 1; // the partial (or final, maybe empty) slot
    return kHeaderSize + plain + slotCount * (kSlotHeader + kTag);
}

bool SealedWriter::writeSlot(std::int64_t index, const QByteArray &plain, std::uint32_t flags, std::int64_t mediaMs,
                             QString *error)
{
    const auto length = static_cast<std::uint32_t>(plain.size());
    QByteArray slot(kSlotHeader + plain.size() + kTag, Qt::Uninitialized);
    auto *p = reinterpret_cast<unsigned char *>(slot.data());
    randombytes_buf(p, 24); // a fresh nonce for every write of a slot: a rewritten partial slot never reuses one
    qToLittleEndian(length, p + 24);
    qToLittleEndian(flags, p + 28);
    qToLittleEndian(mediaMs, p + 32);
    const QByteArray ad =
        slotAssociatedData(m_header.fileId, static_cast<std::uint64_t>(index), length, flags, mediaMs);
    unsigned long long outLen = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(
        p + kSlotHeader, &outLen, reinterpret_cast<const unsigned char *>(plain.constData()),
        static_cast<unsigned long long>(plain.size()), reinterpret_cast<const unsigned char *>(ad.constData()),
        static_cast<unsigned long long>(ad.size()), nullptr, p,
        reinterpret_cast<const unsigned char *>(m_key.constData()));
    return pwriteAll(m_fd, slot, kHeaderSize + index * m_header.slotSize(), error);
}

// Every complete chunk in the buffer into its slot. Never marked final: only finish() knows nothing follows.
bool SealedWriter::writeFullSlots(std::int64_t mediaMs, QString *error)
{
    const qsizetype chunk = static_cast<qsizetype>(m_header.chunkPlain);
    while (m_buffer.size() >= chunk) {
        if (!writeSlot(m_slot, m_buffer.left(chunk), 0, mediaMs, error))
            return false;
        m_buffer.remove(0, chunk);
        ++m_slot;
    }
    return true;
}

bool SealedWriter::flush(std::int64_t mediaMs, QString *error)
{
    return writeFullSlots(mediaMs, error) && (m_buffer.isEmpty() || writeSlot(m_slot, m_buffer, 0, mediaMs, error));
}

bool SealedWriter::finish(std::int64_t mediaMs, QString *error)
{
    if (!writeFullSlots(mediaMs, error))
        return false;
    // The final slot may be empty (the audio ended on a chunk boundary): it still says "finished".
    if (!writeSlot(m_slot, m_buffer, kFinal, mediaMs, error))
        return false;
    m_buffer.clear();
    ++m_slot;
    return true;
}

} // namespace vv::crypto
