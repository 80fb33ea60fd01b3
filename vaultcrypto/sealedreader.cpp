#include "vaultcrypto/sealedreader.h"

#include <QFile>
#include <QtEndian>
#include <cstring>
#include <sodium.h>

namespace vv::crypto {

SealedReader::~SealedReader()
{
    if (!m_key.isEmpty())
        sodium_memzero(m_key.data(), static_cast<size_t>(m_key.size()));
}

bool SealedReader::open(const QByteArray &header, std::int64_t fileSize, Source source, QString *error)
{
    if (sodium_init() < 0) {
        *error = QStringLiteral("libsodium could not start");
        return false;
    }
    if (!SealedHeader::parse(header, &m_header, error))
        return false;
    m_plainSize = plainSizeOf(fileSize, m_header);
    if (m_plainSize < 0) {
        *error = QStringLiteral("the sealed recording is cut inside a chunk header (%1 bytes)").arg(fileSize);
        return false;
    }
    m_fileSize = fileSize;
    const std::int64_t body = fileSize - kHeaderSize;
    m_slotCount = (body + m_header.slotSize() - 1) / m_header.slotSize();
    m_source = std::move(source);
    return true;
}

bool SealedReader::loadSlot(std::int64_t index)
{
    if (index == m_cachedIndex)
        return true;
    if (m_key.size() != kFileKeyBytes) {
        m_error = QStringLiteral("no key to decrypt this recording");
        return false;
    }
    const std::int64_t at = kHeaderSize + index * m_header.slotSize();
    const std::int64_t size = std::min(m_header.slotSize(), m_fileSize - at);
    QByteArray slot(static_cast<qsizetype>(size), Qt::Uninitialized);
    if (size < kSlotHeader + kTag || m_source(at, slot.data(), size) != size) {
        m_error = QStringLiteral("chunk %1 cannot be read").arg(index);
        return false;
    }
    const auto *p = reinterpret_cast<const unsigned char *>(slot.constData());
    const auto length = qFromLittleEndian<std::uint32_t>(p + 24);
    const auto flags = qFromLittleEndian<std::uint32_t>(p + 28);
    const auto mediaMs = qFromLittleEndian<std::int64_t>(p + 32);
    if (static_cast<std::int64_t>(length) + kSlotHeader + kTag != size ||
        (index + 1 < m_slotCount && length != m_header.chunkPlain)) {
        m_error = QStringLiteral("chunk %1 has the wrong length (altered or cut file)").arg(index);
        return false;
    }
    const QByteArray ad =
        slotAssociatedData(m_header.fileId, static_cast<std::uint64_t>(index), length, flags, mediaMs);
    QByteArray plain(static_cast<qsizetype>(length), Qt::Uninitialized);
    unsigned long long plainLen = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(
            reinterpret_cast<unsigned char *>(plain.data()), &plainLen, nullptr, p + kSlotHeader, length + kTag,
            reinterpret_cast<const unsigned char *>(ad.constData()), static_cast<unsigned long long>(ad.size()), p,
            reinterpret_cast<const unsigned char *>(m_key.constData())) != 0) {
        m_error = QStringLiteral("chunk %1 failed authentication (wrong key, or the file was altered)").arg(index);
        return false;
    }
    // A final mark anywhere but the last slot means slots were cut from the end and the file stitched.
    if ((flags & kFinal) && index + 1 != m_slotCount) {
        m_error = QStringLiteral("chunk %1 is marked last but more follow (altered file)").arg(index);
        return false;
    }
    m_cached = plain;
    m_cachedIndex = index;
    m_cachedFlags = flags;
    return true;
}

std::int64_t SealedReader::read(std::int64_t offset, char *dst, std::int64_t len)
{
    if (offset < 0 || len < 0)
        return -1;
    std::int64_t done = 0;
    while (done < len && offset + done < m_plainSize) {
        const std::int64_t pos = offset + done;
        const std::int64_t index = pos / m_header.chunkPlain;
        if (!loadSlot(index))
            return -1;
        const std::int64_t within = pos - index * m_header.chunkPlain;
        const std::int64_t n = std::min<std::int64_t>(len - done, m_cached.size() - within);
        if (n <= 0)
            break;
        std::memcpy(dst + done, m_cached.constData() + within, static_cast<size_t>(n));
        done += n;
    }
    return done;
}

bool SealedReader::isComplete()
{
    return m_slotCount > 0 && loadSlot(m_slotCount - 1) && (m_cachedFlags & kFinal);
}

bool SealedReader::decryptFile(const QString &path, const QByteArray &fileKey, QByteArray *plain, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("open %1: %2").arg(path, f.errorString());
        return false;
    }
    const QByteArray all = f.readAll();
    SealedReader r;
    if (!r.open(
            all.left(kHeaderSize), all.size(),
            [&all](std::int64_t at, char *dst, std::int64_t n) {
                const std::int64_t got = std::max<std::int64_t>(0, std::min<std::int64_t>(n, all.size() - at));
                std::memcpy(dst, all.constData() + at, static_cast<size_t>(got));
                return got;
            },
            error))
        return false;
    r.setFileKey(fileKey);
    plain->resize(static_cast<qsizetype>(r.plainSize()));
    if (r.read(0, plain->data(), r.plainSize()) != r.plainSize()) {
        *error = r.error();
        return false;
    }
    return true;
}

} // namespace vv::crypto
