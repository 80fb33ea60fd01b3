#include "audio/recordingfile.h"

#include <cstdio>
#include <opusfile.h>

namespace vv::agent {

bool RecordingFile::open(const QString &path, const KeyResolver &keys, QString *error)
{
    m_file.setFileName(path);
    if (!m_file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("the audio file cannot be read: %1").arg(m_file.errorString());
        return false;
    }
    const QByteArray head = m_file.read(vv::crypto::kHeaderSize);
    if (!vv::crypto::isSealed(head))
        return true;
    auto reader = std::make_unique<vv::crypto::SealedReader>();
    QFile *file = &m_file;
    if (!reader->open(
            head, m_file.size(),
            [file](std::int64_t at, char *dst, std::int64_t n) -> std::int64_t {
                return file->seek(at) ? file->read(dst, n) : -1;
            },
            error))
        return false;
    const QByteArray key = keys ? keys(reader->header(), error) : QByteArray();
    if (key.isEmpty()) {
        m_keyUnavailable = true;
        if (error->isEmpty())
            *error = QStringLiteral("the agent holds no key to this recording");
        return false;
    }
    reader->setFileKey(key);
    m_sealed = std::move(reader);
    return true;
}

qint64 RecordingFile::size() const
{
    return m_sealed ? m_sealed->plainSize() : m_file.size();
}

qint64 RecordingFile::read(qint64 offset, char *dst, qint64 len)
{
    if (m_sealed) {
        const qint64 n = m_sealed->read(offset, dst, len);
        if (n < 0)
            m_error = m_sealed->error();
        return n;
    }
    if (!m_file.seek(offset)) {
        m_error = m_file.errorString();
        return -1;
    }
    const qint64 n = m_file.read(dst, len);
    if (n < 0)
        m_error = m_file.errorString();
    return n;
}

OggOpusFile *RecordingFile::openOpus(int *err)
{
    static const OpusFileCallbacks callbacks = {
        [](void *stream, unsigned char *ptr, int nbytes) -> int {
            auto *self = static_cast<RecordingFile *>(stream);
            const qint64 n = self->read(self->m_position, reinterpret_cast<char *>(ptr), nbytes);
            if (n < 0)
                return -1;
            self->m_position += n;
            return static_cast<int>(n);
        },
        [](void *stream, opus_int64 offset, int whence) -> int {
            auto *self = static_cast<RecordingFile *>(stream);
            const qint64 base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? self->m_position : self->size();
            if (base + offset < 0)
                return -1;
            self->m_position = base + offset;
            return 0;
        },
        [](void *stream) -> opus_int64 { return static_cast<RecordingFile *>(stream)->m_position; },
        nullptr,
    };
    m_position = 0;
    return op_open_callbacks(this, &callbacks, nullptr, 0, err);
}

} // namespace vv::agent
