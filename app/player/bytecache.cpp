#include "bytecache.h"

#include <algorithm>
#include <cstring>

namespace vv::player {

ByteCache::ByteCache(const QByteArray &wholeFile)
{
    setSize(wholeFile.size());
    store(0, wholeFile);
}

void ByteCache::setSize(qint64 size)
{
    QMutexLocker lock(&m_mutex);
    if (m_size >= 0)
        return;
    m_size = size;
    m_data = QByteArray(size, Qt::Uninitialized);
    m_present = QBitArray(int((size + kChunk - 1) / kChunk));
    m_arrived.wakeAll();
}

qint64 ByteCache::size() const
{
    QMutexLocker lock(&m_mutex);
    return m_size;
}

void ByteCache::store(qint64 offset, const QByteArray &bytes)
{
    QMutexLocker lock(&m_mutex);
    if (m_size < 0 || offset < 0 || offset >= m_size)
        return;
    const qint64 n = std::min<qint64>(bytes.size(), m_size - offset);
    std::memcpy(m_data.data() + offset, bytes.constData(), size_t(n));
    const qint64 end = offset + n;
    // Only chunks covered completely count, so a reader never sees half a chunk.
    for (qint64 c = (offset + kChunk - 1) / kChunk; c * kChunk < end; ++c) {
        const qint64 chunkEnd = std::min(m_size, (c + 1) * kChunk);
        if (chunkEnd <= end && !m_present.testBit(int(c))) {
            m_present.setBit(int(c));
            m_presentBytes += chunkEnd - c * kChunk;
        }
    }
    m_arrived.wakeAll();
}

bool ByteCache::hasChunk(qint64 chunk) const
{
    QMutexLocker lock(&m_mutex);
    return chunk >= 0 && chunk < m_present.size() && m_present.testBit(int(chunk));
}

qint64 ByteCache::chunkCount() const
{
    QMutexLocker lock(&m_mutex);
    return m_present.size();
}

qint64 ByteCache::presentBytes() const
{
    QMutexLocker lock(&m_mutex);
    return m_presentBytes;
}

bool ByteCache::isComplete() const
{
    QMutexLocker lock(&m_mutex);
    return m_size >= 0 && m_presentBytes == m_size;
}

QByteArray ByteCache::wholeFile() const
{
    QMutexLocker lock(&m_mutex);
    return m_size >= 0 && m_presentBytes == m_size ? m_data : QByteArray();
}

qint64 ByteCache::read(qint64 offset, char *dst, qint64 len)
{
    QMutexLocker lock(&m_mutex);
    bool reported = false;
    for (;;) {
        if (m_aborted)
            return -1;
        if (m_size >= 0) {
            if (offset >= m_size || len <= 0)
                return 0;
            const qint64 chunk = offset / kChunk;
            if (m_present.testBit(int(chunk))) {
                const qint64 n = std::min({len, (chunk + 1) * kChunk - offset, m_size - offset});
                std::memcpy(dst, m_data.constData() + offset, size_t(n));
                return n;
            }
            if (!reported && m_missing) {
                m_missing(chunk);
                reported = true;
            }
        }
        m_arrived.wait(&m_mutex);
    }
}

void ByteCache::abort()
{
    QMutexLocker lock(&m_mutex);
    m_aborted = true;
    m_arrived.wakeAll();
}

bool ByteCache::isAborted() const
{
    QMutexLocker lock(&m_mutex);
    return m_aborted;
}

void ByteCache::setMissingHandler(std::function<void(qint64)> handler)
{
    QMutexLocker lock(&m_mutex);
    m_missing = std::move(handler);
}

void ByteCache::setVaultKey(const QByteArray &publicKey, const QByteArray &secretKey)
{
    QMutexLocker lock(&m_mutex);
    m_vaultPublic = publicKey;
    m_vaultSecret = secretKey;
}

QByteArray ByteCache::vaultPublicKey() const
{
    QMutexLocker lock(&m_mutex);
    return m_vaultPublic;
}

QByteArray ByteCache::vaultSecretKey() const
{
    QMutexLocker lock(&m_mutex);
    return m_vaultSecret;
}

} // namespace vv::player
