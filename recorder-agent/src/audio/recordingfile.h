#pragma once
// A stored recording's Ogg bytes, whether the file is plain or sealed (vaultcrypto/sealedformat.h): random-access
// reads of the plaintext, decrypting one chunk at a time, and libopusfile callbacks over them. A sealed file whose
// key the agent does not hold (only the customer can open it) opens as keyUnavailable(): its ciphertext can be
// served as it is, its audio cannot be decoded here.
#include "vaultcrypto/sealedreader.h"

#include <QFile>
#include <QString>
#include <functional>
#include <memory>

struct OggOpusFile;

namespace vv::agent {

class RecordingFile
{
public:
    // The file key of a sealed header, or empty with *why.
    using KeyResolver = std::function<QByteArray(const vv::crypto::SealedHeader &, QString *why)>;

    // false with *error when the file cannot be read, is damaged, or is sealed and its key cannot be had
    // (keyUnavailable() then tells that case apart).
    bool open(const QString &path, const KeyResolver &keys, QString *error);
    bool isSealed() const { return m_sealed != nullptr || m_keyUnavailable; }
    bool keyUnavailable() const { return m_keyUnavailable; }
    qint64 size() const; // of the Ogg plaintext
    // Up to len bytes at offset; 0 at the end, -1 on a read or authentication failure (error()).
    qint64 read(qint64 offset, char *dst, qint64 len);
    QString error() const { return m_error; }
    // A libopusfile decoder reading through this object (which must outlive it); nullptr with *err set.
    OggOpusFile *openOpus(int *err);

private:
    QFile m_file;
    std::unique_ptr<vv::crypto::SealedReader> m_sealed;
    bool m_keyUnavailable = false;
    qint64 m_position = 0; // libopusfile's cursor
    QString m_error;
};

} // namespace vv::agent
