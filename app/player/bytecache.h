#pragma once
// The bytes of one recording's Ogg file as they arrive over HTTP Range requests. libopusfile reads through
// blocking callbacks, so the decoder runs on worker threads that wait here for the chunk they need while the
// network (on the GUI thread) fills it in; a miss is reported so that chunk is fetched next.
#include <QBitArray>
#include <QByteArray>
#include <QMutex>
#include <QWaitCondition>
#include <functional>

namespace vv::player {

class ByteCache
{
public:
    static constexpr qint64 kChunk = 64 * 1024;

    ByteCache() = default;
    // A cache already holding a whole file (local files, tests).
    explicit ByteCache(const QByteArray &wholeFile);

    void setSize(qint64 size); // once known (the first Content-Range); allocates the buffer
    qint64 size() const;       // -1 while unknown
    // Stores bytes that start at `offset`; every chunk they cover completely (or up to the end) becomes present.
    void store(qint64 offset, const QByteArray &bytes);
    bool hasChunk(qint64 chunk) const;
    qint64 chunkCount() const;
    qint64 presentBytes() const;
    bool isComplete() const;
    QByteArray wholeFile() const; // empty unless complete

    // Copies up to `len` bytes at `offset` from the one chunk holding it, waiting until that chunk has arrived.
    // 0 at the end of the file, -1 once aborted.
    qint64 read(qint64 offset, char *dst, qint64 len);
    void abort(); // wakes and fails every reader, for good
    bool isAborted() const;

    // The vault key pair that opens a sealed recording (vaultcrypto/sealedformat.h) held in this cache: set when the
    // customer holds their vault's key. The decoder decrypts as it reads; without it a sealed file does not open.
    void setVaultKey(const QByteArray &publicKey, const QByteArray &secretKey);
    QByteArray vaultPublicKey() const;
    QByteArray vaultSecretKey() const;

    // Called (from the reading thread) when a reader waits for a chunk; must not block.
    void setMissingHandler(std::function<void(qint64 chunk)> handler);

private:
    mutable QMutex m_mutex;
    QWaitCondition m_arrived;
    QByteArray m_data;
    QBitArray m_present;
    qint64 m_size = -1;
    qint64 m_presentBytes = 0;
    bool m_aborted = false;
    std::function<void(qint64)> m_missing;
    QByteArray m_vaultPublic;
    QByteArray m_vaultSecret;
};

} // namespace vv::player
