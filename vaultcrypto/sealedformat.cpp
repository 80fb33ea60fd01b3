#include "vaultcrypto/sealedformat.h"

#include <QFile>
#include <QtEndian>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace vv::crypto {

namespace {

template<typename T> void putLe(QByteArray &b, T v)
{
    char raw[sizeof(T)];
    qToLittleEndian(v, raw);
    b.append(raw, sizeof(T));
}

} // namespace

bool writeAllAt(int fd, const QByteArray &bytes, std::int64_t offset)
{
    qint64 done = 0;
    while (done < bytes.size()) {
        const ssize_t w = ::pwrite(fd, bytes.constData() + done, static_cast<size_t>(bytes.size() - done),
                                   static_cast<off_t>(offset + done));
        if (w < 0 && errno == EINTR)
            continue;
        if (w == 0)
            errno = ENOSPC;
        if (w <= 0)
            return false;
        done += w;
    }
    return true;
}

namespace {

bool rewriteAt(const QString &path, std::int64_t offset, const QByteArray &bytes, QString *error)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDWR | O_CLOEXEC);
    if (fd < 0) {
        *error = QStringLiteral("open %1: %2").arg(path, QString::fromLocal8Bit(strerror(errno)));
        return false;
    }
    const bool ok = writeAllAt(fd, bytes, offset) && ::fdatasync(fd) == 0;
    if (!ok)
        *error = QStringLiteral("write %1: %2").arg(path, QString::fromLocal8Bit(strerror(errno)));
    ::close(fd);
    return ok;
}

} // namespace

QByteArray SealedHeader::serialise() const
{
    QByteArray b(kMagic, sizeof kMagic);
    putLe<std::uint32_t>(b, kVersion);
    putLe<std::uint32_t>(b, chunkPlain);
    b.append(fileId.leftJustified(16, '\0', true));
    b.append(keyId.leftJustified(kKeyIdBytes, '\0', true));
    b.append(sealedKey.leftJustified(kSealedKeyBytes, '\0', true));
    b.append(QByteArray(kHeaderSize - b.size(), '\0'));
    return b;
}

bool SealedHeader::parse(const QByteArray &bytes, SealedHeader *out, QString *error)
{
    if (bytes.size() < kHeaderSize || !isSealed(bytes)) {
        *error = QStringLiteral("not a sealed recording");
        return false;
    }
    const auto *p = reinterpret_cast<const uchar *>(bytes.constData());
    if (qFromLittleEndian<std::uint32_t>(p + 8) != kVersion) {
        *error =
            QStringLiteral("sealed recording of an unknown version %1").arg(qFromLittleEndian<std::uint32_t>(p + 8));
        return false;
    }
    const std::uint32_t chunk = qFromLittleEndian<std::uint32_t>(p + 12);
    if (chunk < 1024 || chunk > 1024 * 1024) {
        *error = QStringLiteral("sealed recording with an impossible chunk size %1").arg(chunk);
        return false;
    }
    out->chunkPlain = chunk;
    out->fileId = bytes.mid(16, 16);
    out->keyId = bytes.mid(kKeyIdOffset, kKeyIdBytes);
    out->sealedKey = bytes.mid(kSealedKeyOffset, kSealedKeyBytes);
    return true;
}

bool SealedHeader::isShredded() const
{
    return sealedKey.count('\0') == sealedKey.size();
}

bool isSealed(const QByteArray &firstBytes)
{
    return firstBytes.startsWith(QByteArray::fromRawData(kMagic, sizeof kMagic));
}

bool isSealedFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) && isSealed(f.read(sizeof kMagic));
}

std::int64_t plainSizeOf(std::int64_t fileSize, const SealedHeader &header)
{
    if (fileSize < kHeaderSize)
        return -1;
    const std::int64_t body = fileSize - kHeaderSize;
    const std::int64_t full = body / header.slotSize();
    const std::int64_t rest = body % header.slotSize();
    if (rest == 0)
        return full * header.chunkPlain;
    if (rest < kSlotHeader + kTag)
        return -1;
    return full * header.chunkPlain + (rest - kSlotHeader - kTag);
}

QByteArray slotAssociatedData(const QByteArray &fileId, std::uint64_t index, std::uint32_t length, std::uint32_t flags,
                              std::int64_t mediaMs)
{
    QByteArray ad = fileId;
    putLe<std::uint64_t>(ad, index);
    putLe<std::uint32_t>(ad, length);
    putLe<std::uint32_t>(ad, flags);
    putLe<std::int64_t>(ad, mediaMs);
    return ad;
}

bool readHeader(const QString &path, SealedHeader *out, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("open %1: %2").arg(path, f.errorString());
        return false;
    }
    const QByteArray head = f.read(kHeaderSize);
    if (!isSealed(head))
        return false;
    return SealedHeader::parse(head, out, error);
}

bool shredFileKey(const QString &path, QString *error)
{
    SealedHeader h;
    QString why;
    if (!readHeader(path, &h, &why)) {
        if (why.isEmpty() || !QFile::exists(path))
            return true; // plain, or already gone: nothing to shred
        *error = why;
        return false;
    }
    return rewriteAt(path, kSealedKeyOffset, QByteArray(kSealedKeyBytes, '\0'), error);
}

bool replaceSealedKey(const QString &path, const QByteArray &keyId, const QByteArray &sealedKey, QString *error)
{
    if (keyId.size() != kKeyIdBytes || sealedKey.size() != kSealedKeyBytes) {
        *error = QStringLiteral("wrong key sizes");
        return false;
    }
    return rewriteAt(path, kKeyIdOffset, keyId + sealedKey, error);
}

std::int64_t lastSlotMediaMs(const QString &path)
{
    SealedHeader h;
    QString why;
    if (!readHeader(path, &h, &why))
        return -1;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly) || f.size() < kHeaderSize + kSlotHeader)
        return -1;
    const std::int64_t body = f.size() - kHeaderSize;
    std::int64_t slot = body / h.slotSize();
    if (body % h.slotSize() == 0)
        --slot;
    if (!f.seek(kHeaderSize + slot * h.slotSize()))
        return -1;
    const QByteArray sh = f.read(kSlotHeader);
    if (sh.size() != kSlotHeader)
        return -1;
    return qFromLittleEndian<std::int64_t>(sh.constData() + 32);
}

} // namespace vv::crypto
