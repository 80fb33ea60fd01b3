#include "pipeline/recordingsession.h"

#include "common/crashpoint.h"
#include "common/logging.h"
#include "rtp/codec.h"
#include "vault/rowstamp.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace vv::agent {

namespace {
const QString kPartSuffix = QStringLiteral(".part");
} // namespace

RecordingSession::RecordingSession(VaultStore &store, qint64 rowId, QString relativeFile,
                                   std::unique_ptr<CallRecorder> recorder)
    : m_store(store)
    , m_rowId(rowId)
    , m_relativeFile(std::move(relativeFile))
    , m_recorder(std::move(recorder))
    , m_partPath(m_recorder->path())
{}

std::unique_ptr<RecordingSession> RecordingSession::begin(VaultStore &store, const CallRow &rowIn, const QString &codec,
                                                          const RecordingSettings &settings, QString *refusal,
                                                          bool *failed)
{
    *failed = false;
    QString path;
    QString why;
    CallRow row = rowIn;
    row.id = store.beginRecording(row, &path, &why);
    if (!row.id) {
        *refusal = QStringLiteral("not recorded: %1").arg(why);
        return nullptr;
    }
    const QString relative = path.mid(store.dataDir().size() + 1);
    row.file = relative;
    if (!QDir().mkpath(QFileInfo(path).absolutePath())) {
        *failed = true;
        qCCritical(lcAudio) << "cannot create folder for" << path;
        *refusal = QStringLiteral("recording failed: cannot create folder");
        store.abandonRecording(row, *refusal);
        return nullptr;
    }
    OpusSettings opus;
    opus.skipSilence = !settings.encodeSilence;
    // Wideband calls keep their 16 kHz (Opus encodes it as wideband); narrowband stays at 8 kHz.
    if (isWidebandCodec(codec.toStdString()))
        opus.inputRate = 16000;
    auto recorder = std::make_unique<CallRecorder>(path + kPartSuffix, row.answeredAt, settings.jitterMs, opus);
    VaultStore *s = &store;
    const qint64 id = row.id;
    recorder->setSpaceReserver([s, id](std::int64_t bytes, QString *w) { return s->reserve(id, bytes, w); });
    if (const std::optional<SealingKey> seal = store.sealingFor(row.vaultId))
        recorder->setSealing(seal->publicKey, seal->keyId);
    QString error;
    const QStringList comments{QStringLiteral("VIPVAULT_CALL_ID=%1").arg(row.sipCallId),
                               QStringLiteral("VIPVAULT_ROW=") + QString::fromUtf8(rowStamp(row))};
    if (!recorder->open(comments, &error)) {
        *failed = true;
        qCCritical(lcAudio) << "cannot start recording:" << error;
        *refusal = QStringLiteral("recording failed: %1").arg(error);
        store.abandonRecording(row, *refusal);
        QFile::remove(path + kPartSuffix);
        return nullptr;
    }
    return std::unique_ptr<RecordingSession>(new RecordingSession(store, id, relative, std::move(recorder)));
}

RecordingSession::Closed RecordingSession::close(PacketTime end)
{
    Closed c;
    CallRecorder &rec = *m_recorder;
    const bool ok = rec.finish(end, &c.error);
    c.extension = rec.stats(Party::Extension);
    c.farEnd = rec.stats(Party::FarEnd);
    if (!rec.codecsSeen().empty())
        c.codecSeen = QString::fromStdString(rec.codecsSeen().begin()->first);
    if (!rec.stoppedReason().isEmpty())
        c.note = QStringLiteral("recording stopped after %1 s: %2")
                     .arg(rec.audioMsOnDisk() / 1000.0, 0, 'f', 1)
                     .arg(rec.stoppedReason());
    const QString finalPath = m_partPath.chopped(kPartSuffix.size());
    if (ok && QFile::rename(m_partPath, finalPath)) {
        c.ok = true;
        c.file = QFileInfo(finalPath).absoluteFilePath();
        c.bytes = QFileInfo(finalPath).size();
        crashPoint("finish");
    } else {
        qCCritical(lcAudio) << "could not finish recording" << m_partPath << c.error;
        if (c.error.isEmpty())
            c.error = QStringLiteral("rename");
        QFile::remove(m_partPath);
    }
    return c;
}

void RecordingSession::commit(const CallRow &row, qint64 bytes)
{
    m_store.finishRecording(row, bytes);
}

void RecordingSession::abandon(const CallRow &row, const QString &why)
{
    m_store.abandonRecording(row, why);
}

} // namespace vv::agent
