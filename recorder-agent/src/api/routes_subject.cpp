// Requests about one person by telephone number (GDPR; vault/subjectrequests.h): everything a vault holds about
// them as one archive (audio, details, a manifest anyone can check against the hash chain), and erasure — a dry
// run first, then the plan it returned confirmed. The reseller, or the customer for their own vault; audited.
#include "api/apiserver.h"
#include "api/routehelpers.h"
#include "api/tarstream.h"
#include "api/threaddb.h"
#include "audio/recordingfile.h"
#include "common/logging.h"
#include "vault/chainsigner.h"
#include "vault/chainverify.h"
#include "vault/subjectrequests.h"
#include "vault/vaultstore.h"

#include <QDateTime>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>

namespace vv::agent {

namespace {

// The matching rows, or an answer already sent (422 for a bad number, 503 when the catalogue is busy).
std::optional<std::vector<CallRow>> subjectCalls(ApiExchange &r, const VaultRecord &v, const QString &number)
{
    if (number.trimmed().isEmpty() || number.size() > 64) {
        r.problem(422, QStringLiteral("Invalid field"),
                  QStringLiteral("number is a telephone number (up to 64 characters)"), QStringLiteral("number"));
        return std::nullopt;
    }
    std::vector<CallRow> rows;
    QString error;
    if (!findSubjectCalls(threadDatabase(r.ctx.cataloguePath), v.id, number, &rows, &error)) {
        if (error.contains(QStringLiteral("is not a telephone number"))) {
            r.problem(422, QStringLiteral("Invalid field"), error, QStringLiteral("number"));
        } else {
            qCWarning(lcApi).noquote() << "subject search failed:" << error;
            r.problem(503, QStringLiteral("Unavailable"), QStringLiteral("the catalogue is busy; try again"));
        }
        return std::nullopt;
    }
    return rows;
}

QJsonObject erasurePlanJson(const VaultRecord &v, const QString &number, const std::vector<CallRow> &rows)
{
    qint64 audio = 0;
    qint64 bytes = 0;
    qint64 held = 0;
    qint64 live = 0;
    QJsonArray ids;
    for (const CallRow &row : rows) {
        ids.append(row.id);
        if (row.isProtected)
            ++held;
        else if (row.state == CallState::Recording)
            ++live;
        else if (row.state == CallState::Complete) {
            ++audio;
            bytes += row.bytes;
        }
    }
    return {{QStringLiteral("calls"), qint64(rows.size())},
            {QStringLiteral("recordings_with_audio"), audio},
            {QStringLiteral("bytes"), bytes},
            {QStringLiteral("kept_protected"), held},
            {QStringLiteral("kept_in_progress"), live},
            {QStringLiteral("recording_ids"), ids},
            {QStringLiteral("plan"), erasurePlanToken(v.id, number, rows)}};
}

void postErasure(ApiExchange &r)
{
    const auto v = vaultParam(r, 1);
    if (!v)
        return;
    QJsonObject body;
    if (!r.body(&body))
        return;
    for (auto it = body.begin(); it != body.end(); ++it)
        if (it.key() != u"number" && it.key() != u"dry_run" && it.key() != u"plan")
            return r.problem(422, QStringLiteral("Invalid field"),
                             QStringLiteral("unknown field \"%1\"").arg(it.key().left(64)), it.key().left(64));
    if (!body.value(QStringLiteral("number")).isString())
        return r.problem(422, QStringLiteral("Invalid field"), QStringLiteral("number must be a string"),
                         QStringLiteral("number"));
    const QJsonValue dry = body.value(QStringLiteral("dry_run"));
    if (!dry.isUndefined() && !dry.isBool())
        return r.problem(422, QStringLiteral("Invalid field"), QStringLiteral("dry_run must be true or false"),
                         QStringLiteral("dry_run"));
    const QString number = body.value(QStringLiteral("number")).toString().trimmed();
    const auto rows = subjectCalls(r, *v, number);
    if (!rows)
        return;
    const QJsonObject plan = erasurePlanJson(*v, number, *rows);
    if (dry.toBool())
        return r.json(plan);
    const QJsonValue given = body.value(QStringLiteral("plan"));
    if (!given.isString())
        return r.problem(428, QStringLiteral("Confirmation required"),
                         QStringLiteral("an erasure cannot be undone: ask with \"dry_run\": true first and send the "
                                        "plan it returns as \"plan\""),
                         QStringLiteral("plan"));
    if (given.toString() != plan.value(QStringLiteral("plan")).toString())
        return r.problem(409, QStringLiteral("Plan changed"),
                         QStringLiteral("the calls with this number changed since the dry run (now %1); nothing was "
                                        "erased, ask again")
                             .arg(rows->size()),
                         QStringLiteral("plan"));
    qint64 erased = 0;
    QJsonArray failed;
    for (const CallRow &row : *rows) {
        if (row.isProtected || row.state == CallState::Recording)
            continue;
        QString error;
        const StoreResult result = r.ctx.store->eraseRecording(row.id, nowMicros(), &error);
        if (result == StoreResult::Done) {
            ++erased;
            r.audit(QStringLiteral("erase"), v->id, row.id,
                    QJsonObject{{QStringLiteral("request"), QStringLiteral("erasure by number")}});
        } else {
            qCWarning(lcApi).noquote() << "erasure of recording" << row.id << "failed:" << error;
            failed.append(QJsonObject{{QStringLiteral("id"), row.id}, {QStringLiteral("error"), error}});
        }
    }
    QJsonObject o = plan;
    o.remove(QStringLiteral("plan"));
    o.insert(QStringLiteral("erased"), erased);
    o.insert(QStringLiteral("failed"), failed);
    r.json(o, failed.isEmpty() ? 200 : 500);
}

QString isoSeconds(PacketTime t)
{
    return t ? QDateTime::fromMSecsSinceEpoch(t / 1000, Qt::UTC).toString(Qt::ISODate) : QString();
}

// Everything held about a number: each recording's audio as stored, its details and its place in the signed chain.
void getSubjectExport(ApiExchange &r)
{
    const auto v = vaultParam(r, 1);
    if (!v)
        return;
    const QString number = r.query("number").trimmed();
    const auto rows = subjectCalls(r, *v, number);
    if (!rows)
        return;
    const QSqlDatabase db = threadDatabase(r.ctx.cataloguePath);
    QString error;
    const QByteArray key = ChainSigner::publicKeyIn(r.ctx.dataDir, &error);
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    auto tar = std::make_shared<TarStream>();
    const RecordingFile::KeyResolver keys = r.ctx.store ? r.ctx.store->keyResolver() : RecordingFile::KeyResolver();
    QJsonArray recordings;
    for (const CallRow &row : *rows) {
        QJsonObject item{{QStringLiteral("details"), recordingJson(row)}};
        if (row.state == CallState::Complete) {
            const QString path = QFileInfo(r.ctx.dataDir + QLatin1Char('/') + row.file).absoluteFilePath();
            if (!vv::crypto::isSealedFile(path)) {
                const QString name = QStringLiteral("recordings/%1.opus").arg(row.id);
                tar->addFile(QStringLiteral("vipvault-export/") + name, path, QFileInfo(path).size(), now);
                item.insert(QStringLiteral("audio"), name);
            } else {
                // The sealed file as stored (what the chain's hash covers), and the audio itself when the agent
                // holds the key; in a customer-held vault the customer's app opens the sealed file.
                const QString sealedName = QStringLiteral("recordings/%1.sealed").arg(row.id);
                tar->addFile(QStringLiteral("vipvault-export/") + sealedName, path, QFileInfo(path).size(), now);
                item.insert(QStringLiteral("sealed_file"), sealedName);
                RecordingFile audio;
                QString why;
                if (audio.open(path, keys, &why)) {
                    QByteArray plain(static_cast<qsizetype>(audio.size()), Qt::Uninitialized);
                    if (audio.read(0, plain.data(), plain.size()) == plain.size()) {
                        const QString name = QStringLiteral("recordings/%1.opus").arg(row.id);
                        tar->addBytes(QStringLiteral("vipvault-export/") + name, plain, now);
                        item.insert(QStringLiteral("audio"), name);
                    } else {
                        item.insert(QStringLiteral("audio_error"), audio.error());
                    }
                } else {
                    item.insert(QStringLiteral("audio_error"), why);
                }
            }
        }
        const RecordingVerdict verdict = verifyRecording(db, r.ctx.dataDir, row.id, key);
        item.insert(QStringLiteral("verification"), verdict.toJson());
        if (const auto e = chain::entryOfCall(db, row.id))
            item.insert(QStringLiteral("chain"),
                        QJsonObject{{QStringLiteral("seq"), e->seq},
                                    {QStringLiteral("file_sha256"), QString::fromLatin1(e->fileSha256.toHex())},
                                    {QStringLiteral("meta_sha256"), QString::fromLatin1(e->metaSha256.toHex())},
                                    {QStringLiteral("prev"), QString::fromLatin1(e->prev.toHex())},
                                    {QStringLiteral("hash"), QString::fromLatin1(e->hash.toHex())},
                                    {QStringLiteral("sealed_at"), isoSeconds(e->at)}});
        recordings.append(item);
    }
    const QJsonObject manifest{{QStringLiteral("vault"), v->name},
                               {QStringLiteral("number"), number},
                               {QStringLiteral("exported_at"), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
                               {QStringLiteral("exported_by"), r.user->username},
                               {QStringLiteral("public_key"), QString::fromLatin1(key.toHex())},
                               {QStringLiteral("recordings"), recordings}};
    const QByteArray readme =
        QStringLiteral("Everything vault %1 holds about %2, exported %3 by %4.\n\n"
                       "manifest.json lists each call: its details, its audio file (recordings/<id>.opus, Ogg Opus, "
                       "as recorded) and its place in the vault's hash chain. To check a file yourself:\n"
                       "  sha256sum recordings/<id>.opus   must equal chain.file_sha256 in the manifest.\n"
                       "An encrypted recording is also there as stored (recordings/<id>.sealed); its hash reads bytes "
                       "32-119 (its key slot, rewritten when keys change) as zeros:\n"
                       "  (head -c 32 F; head -c 88 /dev/zero; tail -c +121 F) | sha256sum\n"
                       "The recorder signs the chain with the Ed25519 key public_key; `vipvault-agent verify` on "
                       "the server checks the whole chain.\n")
            .arg(v->name, number, manifest.value(QStringLiteral("exported_at")).toString(), r.user->username)
            .toUtf8();
    tar->addBytes(QStringLiteral("vipvault-export/manifest.json"), QJsonDocument(manifest).toJson(), now);
    tar->addBytes(QStringLiteral("vipvault-export/README.txt"), readme, now);
    r.audit(QStringLiteral("subject_export"), v->id, 0, QJsonObject{{QStringLiteral("calls"), qint64(rows->size())}});
    r.res.setHeader("Content-Disposition",
                    QStringLiteral("attachment; filename=\"vipvault-export-%1.tar\"").arg(v->id).toStdString());
    r.res.status = 200;
    r.res.setStream(static_cast<std::size_t>(tar->size()), "application/x-tar",
                    [tar](std::size_t offset, std::size_t len, http::BodySink &sink) {
                        const QByteArray chunk = tar->read(static_cast<qint64>(offset),
                                                           static_cast<qint64>(std::min<std::size_t>(len, 65536)));
                        return !chunk.isEmpty() &&
                               sink.write(chunk.constData(), static_cast<std::size_t>(chunk.size()));
                    });
}

} // namespace

std::vector<Route> subjectRoutes()
{
    return {
        {QStringLiteral("POST"), QStringLiteral("/api/v1/vaults/{vaultId}/erasure"), Access::Signed, postErasure},
        {QStringLiteral("GET"), QStringLiteral("/api/v1/vaults/{vaultId}/subject-export"), Access::Signed,
         getSubjectExport},
    };
}

} // namespace vv::agent
