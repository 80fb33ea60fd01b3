#include "audioexport.h"

#include "agentclient.h"
#include "localaudio.h"
#include "recordingslogging.h"

#include <QFile>

namespace vv::recordings {

AudioExport::AudioExport(QObject *parent)
    : QObject(parent)
{}

AudioExport::~AudioExport()
{
    if (m_call)
        m_call->cancel();
    if (m_part) {
        m_part->close();
        m_part->remove();
    }
}

AudioExport::Format AudioExport::formatForPath(const QString &path)
{
    return path.endsWith(QStringLiteral(".wav"), Qt::CaseInsensitive) ? Format::Wav : Format::Ogg;
}

QString AudioExport::withExtension(const QString &path, Format format)
{
    if (format == Format::Wav)
        return path.endsWith(QStringLiteral(".wav"), Qt::CaseInsensitive) ? path : path + QStringLiteral(".wav");
    if (path.endsWith(QStringLiteral(".opus"), Qt::CaseInsensitive) ||
        path.endsWith(QStringLiteral(".ogg"), Qt::CaseInsensitive))
        return path;
    return path + QStringLiteral(".opus");
}

QString AudioExport::suggestedName(const QDateTime &startedAt, const QString &extension, const QString &otherParty,
                                   Format format)
{
    auto safe = [](const QString &s) {
        QString out;
        for (QChar c : s)
            if (c.isLetterOrNumber() || c == u'+' || c == u'-' || c == u' ')
                out += c;
        return out.simplified().left(40);
    };
    QStringList parts{startedAt.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH.mm"))};
    if (!extension.isEmpty())
        parts << QStringLiteral("ext ") + safe(extension);
    if (!safe(otherParty).isEmpty())
        parts << safe(otherParty);
    return withExtension(parts.join(u' '), format);
}

bool AudioExport::start(net::AgentClient *client, qint64 recordingId, Format format, const QString &targetPath)
{
    m_error.clear();
    m_target = targetPath;
    m_part = std::make_unique<QFile>(targetPath + QStringLiteral(".part"));
    if (!m_part->open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        m_error = tr("Cannot write %1: %2").arg(m_part->fileName(), m_part->errorString());
        m_part.reset();
        return false;
    }
    net::AudioRequest request;
    m_format = format;
    const bool local = !m_vaultSecret.isEmpty(); // the app decrypts and decodes: ask for the file as stored
    request.format = format == Format::Wav && !local ? QStringLiteral("wav") : QString();
    request.download = true;
    request.sink = m_part.get();
    m_call = client->downloadAudio(
        recordingId, request, this,
        [this](const net::ApiResult &r) {
            m_call.clear();
            if (r.error == net::ApiError::Cancelled)
                return finish(false, tr("Download cancelled."));
            if (!r.ok())
                return finish(false, r.errorString.isEmpty() ? tr("The recorder answered HTTP %1.").arg(r.httpStatus)
                                                             : r.errorString);
            if (!m_vaultSecret.isEmpty()) {
                QString error;
                if (!m_part->flush())
                    return finish(false, tr("Cannot write %1: %2").arg(m_part->fileName(), m_part->errorString()));
                m_part->close(); // replaced whole below (Windows cannot replace a file that is open)
                if (!convertDownloadedAudio(m_part->fileName(), m_format, m_vaultPublic, m_vaultSecret, &error))
                    return finish(false, error);
            }
            finish(true, {});
        },
        [this](qint64 received, qint64 total) { Q_EMIT progress(received, total); });
    return true;
}

void AudioExport::cancel()
{
    if (m_call)
        m_call->cancel();
}

void AudioExport::finish(bool ok, const QString &message)
{
    QString text = message;
    if (m_part) {
        if (ok && m_part->isOpen() && !m_part->flush())
            ok = false, text = tr("Cannot write %1: %2").arg(m_part->fileName(), m_part->errorString());
        m_part->close();
        if (ok) {
            QFile::remove(m_target); // the user confirmed overwriting in the file dialog
            if (!m_part->rename(m_target))
                ok = false,
                text = tr("Cannot rename %1 to %2: %3").arg(m_part->fileName(), m_target, m_part->errorString());
        }
        if (!ok)
            m_part->remove();
        m_part.reset();
    }
    m_error = ok ? QString() : text;
    qCInfo(lcRecordings) << "export" << m_target << (ok ? "done" : qPrintable(text));
    Q_EMIT finished(ok, text);
}

} // namespace vv::recordings
