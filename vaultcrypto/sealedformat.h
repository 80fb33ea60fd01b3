#pragma once
// The sealed recording file ("VVSEAL01"): an Ogg Opus file encrypted in fixed-size chunks, each with its own
// XChaCha20-Poly1305 nonce and tag, under a random per-file key that is sealed (crypto_box_seal) to the vault's
// X25519 public key. Chunks sit in fixed-size slots, so a plaintext offset maps to one slot without an index:
// Range requests, seeking and first audio stay as fast as on a plain file.
//
//   header (128 bytes)  magic[8] version u32 chunkPlain u32 fileId[16] keyId[8] sealedKey[80] reserved[8]
//   slot i at 128 + i * slotSize:  nonce[24] length u32 flags u32 mediaMs i64 ciphertext[length + 16]
//
// Every slot's associated data binds it to its file, its index, its length, its flags and its media time, so
// slots cannot be moved, swapped between files, cut or relabelled without failing authentication. The last slot
// of a finished file carries kFinal; a file whose last slot lacks it was interrupted (a crash) and is readable up
// to there. The writer rewrites the last, partial slot with a fresh nonce each time it flushes (never reusing a
// nonce), so a crash loses no more audio than with a plain file. mediaMs is the audio (ms) in the file up to the
// end of that slot, readable without the key: the agent needs a crashed recording's length even when only the
// customer can decrypt it.
#include <QByteArray>
#include <QString>
#include <cstdint>

namespace vv::crypto {

inline constexpr char kMagic[8] = {'V', 'V', 'S', 'E', 'A', 'L', '0', '1'};
inline constexpr std::uint32_t kVersion = 1;
inline constexpr std::int64_t kHeaderSize = 128;
inline constexpr std::int64_t kDefaultChunk = 16 * 1024;
inline constexpr std::int64_t kSlotHeader = 24 + 4 + 4 + 8;
inline constexpr std::int64_t kTag = 16;
inline constexpr std::int64_t kFileKeyBytes = 32;
inline constexpr std::int64_t kSealedKeyBytes = 80; // crypto_box_SEALBYTES + kFileKeyBytes
inline constexpr std::int64_t kKeyIdBytes = 8;
inline constexpr std::int64_t kSealedKeyOffset = 40;
inline constexpr std::int64_t kKeyIdOffset = 32;
inline constexpr std::uint32_t kFinal = 1;

struct SealedHeader
{
    std::uint32_t chunkPlain = kDefaultChunk;
    QByteArray fileId;    // 16 bytes
    QByteArray keyId;     // 8 bytes: which vault key the file key is sealed to (see vaultkeys.h)
    QByteArray sealedKey; // 80 bytes; all zero once shredded

    QByteArray serialise() const;
    // false with *error for anything that is not a version-1 header.
    static bool parse(const QByteArray &bytes, SealedHeader *out, QString *error);
    bool isShredded() const;
    std::int64_t slotSize() const { return kSlotHeader + chunkPlain + kTag; }
};

// True when `firstBytes` start with the sealed magic (a plain recording starts with "OggS").
bool isSealed(const QByteArray &firstBytes);
bool isSealedFile(const QString &path);

// The plaintext size of a sealed file of `fileSize` bytes; -1 when that size cannot be a sealed file's.
std::int64_t plainSizeOf(std::int64_t fileSize, const SealedHeader &header);
// The associated data of slot `index`.
QByteArray slotAssociatedData(const QByteArray &fileId, std::uint64_t index, std::uint32_t length, std::uint32_t flags,
                              std::int64_t mediaMs);

// Crypto-shredding: overwrites the sealed file key in place and syncs, so the audio can never be decrypted again,
// whatever copies of the ciphertext survive. A plain file is left as it is (true). false with *error on I/O error.
bool shredFileKey(const QString &path, QString *error);
// Replaces the sealed key (and key id) in place and syncs: switching a vault's key re-wraps, never re-encrypts.
bool replaceSealedKey(const QString &path, const QByteArray &keyId, const QByteArray &sealedKey, QString *error);
// Writes all of `bytes` at `offset` (retrying short writes); false with errno set.
bool writeAllAt(int fd, const QByteArray &bytes, std::int64_t offset);
// The header of a sealed file; false (no error) for a plain one.
bool readHeader(const QString &path, SealedHeader *out, QString *error);
// mediaMs of the file's last slot (readable without the key), -1 if unreadable.
std::int64_t lastSlotMediaMs(const QString &path);

} // namespace vv::crypto
