#pragma once
// Saves one recording to a file as the stored Ogg Opus or as WAV (the agent transcodes). Streams into
// "<target>.part" and renames it only when complete, so a cancelled or failed export never leaves a file that
// looks finished. Audited by the agent as a download.
#include "agentclient.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <memory>

class QFile;

namespace vv::net {
class AgentClient;
class ApiCall;
} // namespace vv::net

namespace vv::recordings {

class AudioExport : public QObject
{
    Q_OBJECT
public:
    enum class Format { Ogg, Wav };

    explicit AudioExport(QObject *parent = nullptr);
    ~AudioExport() override;

    // false (with error()) when the .part file cannot be created.
    bool start(net::AgentClient *client, qint64 recordingId, Format format, const QString &targetPath);
    void cancel();
    // The customer's vault key pair: the recording is then fetched as stored and decrypted (and, for WAV, decoded)
    // on this computer, since the recorder cannot open it (see localaudio.h).
    void setVaultKey(const QByteArray &publicKey, const QByteArray &secretKey)
    {
        m_vaultPublic = publicKey;
        m_vaultSecret = secretKey;
    }
    bool isRunning() const { return m_call != nullptr; }
    QString error() const { return m_error; }

    static Format formatForPath(const QString &path); // .wav -> Wav, anything else Ogg
    // `path` ending in the format's extension (.wav, or .opus/.ogg for Ogg Opus), added when missing.
    static QString withExtension(const QString &path, Format format);
    // A name that says what the file holds: "2026-12-07 14.30 ext 201 07700900123.opus" (local time; characters
    // that are not safe in file names on Windows, macOS and Linux dropped).
    static QString suggestedName(const QDateTime &startedAt, const QString &extension, const QString &otherParty,
                                 Format format);

Q_SIGNALS:
    void progress(qint64 received, qint64 total); // total -1 when unknown (WAV streams without a length)
    void finished(bool ok, const QString &message);

private:
    void finish(bool ok, const QString &message);

    QPointer<net::ApiCall> m_call;
    std::unique_ptr<QFile> m_part;
    QString m_target;
    QString m_error;
    QByteArray m_vaultPublic;
    QByteArray m_vaultSecret;
    Format m_format = Format::Ogg;
};

} // namespace vv::recordings
