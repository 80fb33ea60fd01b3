#include "localaudio.h"

#include "bytecache.h"
#include "opusstreamdecoder.h"
#include "vaultcrypto/sealedreader.h"
#include "vaultcrypto/vaultkeys.h"

#include <QCoreApplication>
#include <QFile>
#include <QSaveFile>
#include <QtEndian>
#include <cmath>
#include <cstring>
#include <vector>

namespace vv::recordings {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("vv::recordings", text);
}

QByteArray decryptAll(const QByteArray &sealed, const QByteArray &pk, const QByteArray &sk, QString *error)
{
    vv::crypto::SealedReader reader;
    QString why;
    if (!reader.open(
            sealed.left(vv::crypto::kHeaderSize), sealed.size(),
            [&sealed](std::int64_t at, char *dst, std::int64_t n) -> std::int64_t {
                const std::int64_t got = std::max<std::int64_t>(0, std::min<std::int64_t>(n, sealed.size() - at));
                std::memcpy(dst, sealed.constData() + at, static_cast<size_t>(got));
                return got;
            },
            &why)) {
        *error = tr("The recording is damaged: %1").arg(why);
        return {};
    }
    const QByteArray fileKey = vv::crypto::unsealFileKey(reader.header().sealedKey, pk, sk);
    if (fileKey.isEmpty()) {
        *error = tr("The key on this computer does not open this recording.");
        return {};
    }
    reader.setFileKey(fileKey);
    QByteArray plain(static_cast<qsizetype>(reader.plainSize()), Qt::Uninitialized);
    if (reader.read(0, plain.data(), plain.size()) != plain.size()) {
        *error = tr("The recording failed its integrity check: %1").arg(reader.error());
        return {};
    }
    return plain;
}

QByteArray wavOf(const QByteArray &ogg, QString *error)
{
    auto cache = std::make_shared<player::ByteCache>(ogg);
    player::OpusStreamDecoder decoder(cache);
    QString why;
    if (!decoder.open(&why)) {
        *error = tr("The recording cannot be decoded: %1").arg(why);
        return {};
    }
    QByteArray pcm;
    std::vector<float> block(2 * 5760);
    for (;;) {
        const int n = decoder.read(block.data(), 5760);
        if (n < 0) {
            *error = tr("The recording cannot be decoded.");
            return {};
        }
        if (n == 0)
            break;
        const qsizetype at = pcm.size();
        pcm.resize(at + qsizetype(n) * 4);
        auto *out = reinterpret_cast<qint16 *>(pcm.data() + at);
        for (int i = 0; i < 2 * n; ++i)
            qToLittleEndian<qint16>(qint16(std::lround(std::clamp(block[size_t(i)], -1.0f, 1.0f) * 32767.0f)), out + i);
    }
    // RIFF/WAVE, PCM, two channels (extension, far end), 48 kHz, 16 bits: what the recorder's own WAV holds.
    QByteArray h;
    auto put32 = [&h](quint32 v) {
        char b[4];
        qToLittleEndian(v, b);
        h.append(b, 4);
    };
    auto put16 = [&h](quint16 v) {
        char b[2];
        qToLittleEndian(v, b);
        h.append(b, 2);
    };
    h.append("RIFF");
    put32(quint32(36 + pcm.size()));
    h.append("WAVEfmt ");
    put32(16);
    put16(1);
    put16(2);
    put32(48000);
    put32(48000 * 4);
    put16(4);
    put16(16);
    h.append("data");
    put32(quint32(pcm.size()));
    return h + pcm;
}

} // namespace

bool convertDownloadedAudio(const QString &path, AudioExport::Format format, const QByteArray &vaultPublicKey,
                            const QByteArray &vaultSecretKey, QString *error)
{
    QFile in(path);
    if (!in.open(QIODevice::ReadOnly)) {
        *error = tr("Cannot read %1: %2").arg(path, in.errorString());
        return false;
    }
    QByteArray bytes = in.readAll();
    in.close();
    const bool sealed = vv::crypto::isSealed(bytes);
    if (!sealed && format == AudioExport::Format::Ogg)
        return true;
    if (sealed) {
        bytes = decryptAll(bytes, vaultPublicKey, vaultSecretKey, error);
        if (bytes.isEmpty())
            return false;
    }
    if (format == AudioExport::Format::Wav) {
        bytes = wavOf(bytes, error);
        if (bytes.isEmpty())
            return false;
    }
    QSaveFile out(path);
    if (!out.open(QIODevice::WriteOnly) || out.write(bytes) != bytes.size() || !out.commit()) {
        *error = tr("Cannot write %1: %2").arg(path, out.errorString());
        return false;
    }
    return true;
}

} // namespace vv::recordings
