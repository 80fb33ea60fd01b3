// Calls and recordings: search with cursor pagination, metadata, audio (Ogg
// with one byte range, or WAV transcoded while streaming), delete, protect.
// Parsing and serialising only: the listing is vault/recordingquery, the
// transcoding audio/wavtranscoder.
#include "api/apiserver.h"
#include "api/routehelpers.h"
#include "api/threaddb.h"
#include "audio/recordingfile.h"
#include "audio/wavtranscoder.h"
#include "common/logging.h"
#include "vault/annotations.h"
#include "vault/chainsigner.h"
#include "vault/chainverify.h"
#include "vault/recordingquery.h"
#include "vault/vaultstore.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <map>

namespace vv::agent {

namespace {

bool invalidParam(ApiExchange &r, const QString &name, const QString &detail)
{
    r.problem(422, QStringLiteral("Invalid parameter"), detail, name);
    return false;
}

void listRecordings(ApiExchange &r)
{
    const auto v = vaultParam(r, 1);
    if (!v)
        return;
    RecordingQuery query;
    query.vaultId = v->id;
    if (r.hasQuery("from")) {
        query.from = parseTime(r.query("from"));
        if (!query.from)
            return (void)invalidParam(r, QStringLiteral("from"), QStringLiteral("from must be an ISO 8601 time"));
    }
    if (r.hasQuery("to")) {
        query.to = parseTime(r.query("to"));
        if (!query.to)
            return (void)invalidParam(r, QStringLiteral("to"), QStringLiteral("to must be an ISO 8601 time"));
    }
    query.number = r.query("number");
    if (query.number.size() > 64)
        return (void)invalidParam(r, QStringLiteral("number"), QStringLiteral("number is at most 64 characters"));
    query.extension = r.query("extension");
    query.annotation = r.query("annotation_contains");
    if (query.annotation.size() > 200)
        return (void)invalidParam(r, QStringLiteral("annotation_contains"),
                                  QStringLiteral("annotation_contains is at most 200 characters"));
    if (r.hasQuery("direction")) {
        query.direction = r.query("direction");
        if (query.direction != u"inbound" && query.direction != u"outbound" && query.direction != u"internal")
            return (void)invalidParam(r, QStringLiteral("direction"),
                                      QStringLiteral("direction is inbound, outbound or internal"));
    }
    bool ok = true;
    if (r.hasQuery("min_duration_ms")) {
        query.minDurationMs = r.query("min_duration_ms").toLongLong(&ok);
        if (!ok || *query.minDurationMs < 0)
            return (void)invalidParam(r, QStringLiteral("min_duration_ms"),
                                      QStringLiteral("min_duration_ms must be a whole number of milliseconds"));
    }
    if (r.hasQuery("recorded")) {
        const QString rec = r.query("recorded");
        if (rec != u"true" && rec != u"false")
            return (void)invalidParam(r, QStringLiteral("recorded"), QStringLiteral("recorded is true or false"));
        query.recorded = rec == u"true";
    }
    if (r.hasQuery("limit")) {
        query.limit = r.query("limit").toInt(&ok);
        if (!ok || query.limit < 1 || query.limit > 500)
            return (void)invalidParam(r, QStringLiteral("limit"), QStringLiteral("limit is 1-500"));
    }
    const std::optional<SortOrder> sort =
        r.hasQuery("sort") ? SortOrder::parse(r.query("sort")) : SortOrder::newestFirst();
    if (!sort)
        return (void)invalidParam(r, QStringLiteral("sort"),
                                  QStringLiteral("sort is started_at, duration_ms, bytes or extension, "
                                                 "with a leading '-' for descending"));
    query.order = *sort;
    if (r.hasQuery("cursor")) {
        QString why;
        query.after = ListCursor::decode(r.query("cursor"), *sort, &why);
        if (!query.after)
            return (void)invalidParam(r, QStringLiteral("cursor"), why);
    }
    RecordingPage page;
    QString error;
    if (!queryRecordings(threadDatabase(r.ctx.cataloguePath), query, &page, &error)) {
        qCWarning(lcApi).noquote() << "recordings listing failed:" << error;
        return r.problem(503, QStringLiteral("Unavailable"), QStringLiteral("the catalogue is busy; try again"));
    }
    std::vector<qint64> ids;
    for (const CallRow &row : page.rows)
        ids.push_back(row.id);
    std::map<qint64, Annotation> notes;
    if (!annotationsOf(threadDatabase(r.ctx.cataloguePath), ids, &notes, &error)) {
        qCWarning(lcApi).noquote() << "reading notes failed:" << error;
        return r.problem(503, QStringLiteral("Unavailable"), QStringLiteral("the catalogue is busy; try again"));
    }
    QJsonArray items;
    for (const CallRow &row : page.rows) {
        const auto note = notes.find(row.id);
        items.append(recordingJson(row, note == notes.end() ? nullptr : &note->second));
    }
    QJsonObject o;
    o.insert(QStringLiteral("items"), items);
    o.insert(QStringLiteral("total"), page.total);
    o.insert(QStringLiteral("next_cursor"), page.next ? QJsonValue(page.next->encode()) : QJsonValue(QJsonValue::Null));
    r.json(o);
}

// The recording as JSON with its note; false (answered 503) when the note could not be read.
bool answerRecording(ApiExchange &r, const CallRow &row)
{
    std::map<qint64, Annotation> notes;
    QString error;
    if (!annotationsOf(threadDatabase(r.ctx.cataloguePath), {row.id}, &notes, &error)) {
        qCWarning(lcApi).noquote() << "reading a note failed:" << error;
        r.problem(503, QStringLiteral("Unavailable"), QStringLiteral("the catalogue is busy; try again"));
        return false;
    }
    r.json(recordingJson(row, notes.empty() ? nullptr : &notes.begin()->second));
    return true;
}

void getRecording(ApiExchange &r)
{
    if (const auto row = recordingParam(r, 1))
        answerRecording(r, *row);
}

// Answers for a store result other than Done; false when it was Done.
bool storeRefused(ApiExchange &r, StoreResult result, const QString &error)
{
    switch (result) {
    case StoreResult::Done:
        return false;
    case StoreResult::NotFound:
        r.problem(404, QStringLiteral("Not found"), QStringLiteral("no such recording"));
        break;
    case StoreResult::NoAudio:
        r.problem(409, QStringLiteral("No audio"), error);
        break;
    case StoreResult::Protected:
        r.problem(409, QStringLiteral("Protected"), error);
        break;
    default:
        qCCritical(lcVault).noquote() << r.req.method.c_str() << r.req.path.c_str() << ":" << error;
        r.problem(503, QStringLiteral("Not saved"), error.isEmpty() ? QStringLiteral("try again") : error);
        break;
    }
    return true;
}

void deleteRecording(ApiExchange &r)
{
    const auto row = recordingParam(r, 1);
    if (!row || !requireReseller(r))
        return;
    // On the catalogue writer, where the hold is checked in the same step as the delete.
    QString error;
    const StoreResult result = r.ctx.store->deleteRecording(
        row->id, QStringLiteral("deleted by %1").arg(r.user->username), nowMicros(), &error);
    if (storeRefused(r, result, error))
        return;
    r.audit(QStringLiteral("delete"), row->vaultId, row->id);
    r.noContent();
}

void putProtection(ApiExchange &r)
{
    const auto row = recordingParam(r, 1);
    if (!row || !requireReseller(r))
        return;
    QJsonObject body;
    if (!r.body(&body))
        return;
    for (auto it = body.begin(); it != body.end(); ++it)
        if (it.key() != u"protected")
            return r.problem(422, QStringLiteral("Invalid field"),
                             QStringLiteral("unknown field \"%1\"").arg(it.key().left(64)), it.key().left(64));
    if (!body.value(QStringLiteral("protected")).isBool())
        return r.problem(422, QStringLiteral("Invalid field"), QStringLiteral("protected must be true or false"),
                         QStringLiteral("protected"));
    const bool on = body.value(QStringLiteral("protected")).toBool();
    QString error;
    if (storeRefused(r, r.ctx.store->setProtected(row->id, on, &error), error))
        return;
    QJsonObject detail;
    detail.insert(QStringLiteral("protected"), on);
    r.audit(on ? QStringLiteral("protect") : QStringLiteral("unprotect"), row->vaultId, row->id, detail);
    answerRecording(r, *threadCatalogue(r.ctx.cataloguePath)->call(row->id));
}

// A person's note: the reseller or the vault's own customer (recordingParam keeps others out). The audit entry
// keeps the text, so the log is the note's history.
void putAnnotation(ApiExchange &r)
{
    const auto row = recordingParam(r, 1);
    if (!row)
        return;
    QJsonObject body;
    if (!r.body(&body))
        return;
    for (auto it = body.begin(); it != body.end(); ++it)
        if (it.key() != u"text")
            return r.problem(422, QStringLiteral("Invalid field"),
                             QStringLiteral("unknown field \"%1\"").arg(it.key().left(64)), it.key().left(64));
    if (!body.value(QStringLiteral("text")).isString())
        return r.problem(422, QStringLiteral("Invalid field"), QStringLiteral("text must be a string"),
                         QStringLiteral("text"));
    const QString text = body.value(QStringLiteral("text")).toString().trimmed();
    if (const QString why = annotationProblem(text); !why.isEmpty())
        return r.problem(422, QStringLiteral("Invalid field"), why, QStringLiteral("text"));
    QString error;
    const Annotation note{text, nowMicros(), r.user->username};
    if (storeRefused(r, r.ctx.store->annotate(row->id, note, &error), error))
        return;
    r.audit(QStringLiteral("annotate"), row->vaultId, row->id, QJsonObject{{QStringLiteral("text"), text}});
    answerRecording(r, *row);
}

// Tamper evidence for one recording (vault/chainverify.h): its file and details hashed again and checked against
// its vault's chain up to the agent's signature. The agent's own key is the one expected.
void getVerification(ApiExchange &r)
{
    const auto row = recordingParam(r, 1);
    if (!row)
        return;
    QString error;
    const QByteArray key = ChainSigner::publicKeyIn(r.ctx.dataDir, &error);
    if (key.isEmpty()) {
        qCCritical(lcApi).noquote() << "verification: the signing key cannot be read:" << error;
        return r.problem(503, QStringLiteral("Unavailable"),
                         QStringLiteral("the agent's signing key cannot be read; see the agent's log"));
    }
    r.json(verifyRecording(threadDatabase(r.ctx.cataloguePath), r.ctx.dataDir, row->id, key).toJson());
}

// Parses a Range header ourselves: exactly one "bytes=" range, satisfiable.
// 0 = no Range, 1 = ok (*start,*end inclusive), -1 = refuse with 416.
int parseRange(const std::string &header, qint64 size, qint64 *start, qint64 *end)
{
    if (header.empty())
        return 0;
    const QString h = QString::fromStdString(header).trimmed();
    if (!h.startsWith(QStringLiteral("bytes=")) || h.contains(u','))
        return -1;
    const QString spec = h.mid(6).trimmed();
    const int dash = spec.indexOf(u'-');
    if (dash < 0 || size <= 0)
        return -1;
    bool a = true;
    bool b = true;
    const QString first = spec.left(dash).trimmed();
    const QString last = spec.mid(dash + 1).trimmed();
    if (first.isEmpty()) { // suffix: the last N bytes
        const qint64 n = last.toLongLong(&b);
        if (!b || n <= 0)
            return -1;
        *start = std::max<qint64>(0, size - n);
        *end = size - 1;
        return 1;
    }
    *start = first.toLongLong(&a);
    *end = last.isEmpty() ? size - 1 : last.toLongLong(&b);
    if (!a || !b || *start < 0 || *start >= size || *end < *start)
        return -1;
    *end = std::min(*end, size - 1);
    return 1;
}

// Every audio answer is audited, whatever its range (a player may start
// anywhere); repeats by the same person within minutes are one entry.
void auditAudio(ApiExchange &r, const CallRow &row, bool download, const QString &format)
{
    const QString action = download ? QStringLiteral("download") : QStringLiteral("play");
    if (r.ctx.audioAudits.isNew(r.user->id, row.id, action))
        r.audit(action, row.vaultId, row.id, QJsonObject{{QStringLiteral("format"), format}});
}

void getAudio(ApiExchange &r)
{
    const auto row = recordingParam(r, 1);
    if (!row)
        return;
    if (row->state != u"complete") {
        if (row->state == u"overwritten" || row->state == u"deleted")
            return r.problem(410, QStringLiteral("Audio gone"),
                             QStringLiteral("the audio was %1 on %2 (%3)")
                                 .arg(row->state, isoUtcMillis(row->removedAt), row->removedReason));
        return r.problem(404, QStringLiteral("No audio"),
                         row->state == u"recording"
                             ? QStringLiteral("the call is still being recorded")
                             : QStringLiteral("this call was not recorded: %1").arg(row->reason));
    }
    const QString path = QFileInfo(r.ctx.dataDir + QLatin1Char('/') + row->file).canonicalFilePath();
    const QString root = QFileInfo(r.ctx.dataDir).canonicalFilePath() + QLatin1Char('/');
    if (path.isEmpty() || !path.startsWith(root))
        return r.problem(404, QStringLiteral("No audio"), QStringLiteral("the audio file is missing"));
    const QString format = r.hasQuery("format") ? r.query("format") : QStringLiteral("ogg");
    static constexpr const char *kSealedContentType = "application/vnd.vipvault.sealed-recording";
    if (format != u"ogg" && format != u"wav")
        return (void)invalidParam(r, QStringLiteral("format"), QStringLiteral("format is ogg or wav"));
    const std::string range = r.req.header("Range");
    const bool download = r.query("download") == u"true" || r.query("download") == u"1";
    const RecordingFile::KeyResolver keys = r.ctx.store ? r.ctx.store->keyResolver() : RecordingFile::KeyResolver();
    auto file = std::make_shared<RecordingFile>();
    QString error;
    if (!file->open(path, keys, &error) && !file->keyUnavailable()) {
        qCWarning(lcApi).noquote() << "recording" << row->id << ":" << error;
        return r.problem(500, QStringLiteral("Unreadable audio"),
                         QStringLiteral("the audio file cannot be read: %1").arg(error));
    }
    // Sealed to the customer's own key: the agent serves the ciphertext as stored, and the app decrypts it.
    const bool customerSealed = file->keyUnavailable();
    if (format == u"wav") {
        if (customerSealed)
            return r.problem(409, QStringLiteral("Sealed for the customer"),
                             QStringLiteral("only the customer's key opens this recording: their app decodes it and "
                                            "makes the WAV on their computer"));
        if (!range.empty())
            return r.problem(416, QStringLiteral("Range not satisfiable"),
                             QStringLiteral("ranges are served for format=ogg only; WAV is transcoded as it streams"));
        auto wav = std::make_shared<WavTranscoder>();
        if (!wav->open(path, keys, &error)) {
            qCWarning(lcApi).noquote() << "recording" << row->id << ":" << error;
            return r.problem(500, QStringLiteral("Unreadable audio"),
                             QStringLiteral("the audio file cannot be decoded"));
        }
        auditAudio(r, *row, download, QStringLiteral("wav"));
        r.res.status = 200;
        r.res.setHeader("Content-Disposition",
                        QStringLiteral("attachment; filename=\"recording-%1.wav\"").arg(row->id).toStdString());
        r.res.setStream(
            static_cast<std::size_t>(wav->totalBytes()), "audio/wav",
            [wav](std::size_t, std::size_t length, http::BodySink &sink) {
                const QByteArray block = wav->read(static_cast<qint64>(std::min<std::size_t>(length, 65536)));
                return !block.isEmpty() && sink.write(block.constData(), static_cast<std::size_t>(block.size()));
            });
        return;
    }
    // Ranges count bytes of the Ogg audio (decrypted on the fly from an agent-held sealed file), or of the sealed
    // file itself when only the customer can open it.
    const qint64 size = file->size();
    qint64 start = 0;
    qint64 end = size - 1;
    const int rc = parseRange(range, size, &start, &end);
    if (rc < 0) {
        r.res.setHeader("Content-Range", QStringLiteral("bytes */%1").arg(size).toStdString());
        return r.problem(
            416, QStringLiteral("Range not satisfiable"),
            QStringLiteral("one byte range within 0-%1 is served (multiple ranges are not)").arg(size - 1));
    }
    auditAudio(r, *row, download, QStringLiteral("ogg"));
    r.res.status = rc == 1 ? 206 : 200;
    r.res.setHeader("Accept-Ranges", "bytes");
    if (rc == 1)
        r.res.setHeader("Content-Range", QStringLiteral("bytes %1-%2/%3").arg(start).arg(end).arg(size).toStdString());
    if (download)
        r.res.setHeader("Content-Disposition",
                        QStringLiteral("attachment; filename=\"recording-%1.%2\"")
                            .arg(row->id)
                            .arg(customerSealed ? QStringLiteral("sealed") : QStringLiteral("opus"))
                            .toStdString());
    const qint64 length = end - start + 1;
    r.res.setStream(static_cast<std::size_t>(length), customerSealed ? kSealedContentType : "audio/ogg",
                    [file, start](std::size_t offset, std::size_t len, http::BodySink &sink) {
                        QByteArray chunk(static_cast<qsizetype>(std::min<std::size_t>(len, 65536)), Qt::Uninitialized);
                        const qint64 n = file->read(start + static_cast<qint64>(offset), chunk.data(), chunk.size());
                        if (n <= 0) {
                            qCWarning(lcApi).noquote() << "audio stream stopped:" << file->error();
                            return false;
                        }
                        return sink.write(chunk.constData(), static_cast<std::size_t>(n));
                    });
}

} // namespace

std::vector<Route> recordingRoutes()
{
    return {
        {QStringLiteral("GET"), QStringLiteral("/api/v1/vaults/{vaultId}/recordings"), Access::Signed, listRecordings},
        {QStringLiteral("GET"), QStringLiteral("/api/v1/recordings/{recordingId}"), Access::Signed, getRecording},
        {QStringLiteral("DELETE"), QStringLiteral("/api/v1/recordings/{recordingId}"), Access::Signed, deleteRecording},
        {QStringLiteral("GET"), QStringLiteral("/api/v1/recordings/{recordingId}/audio"), Access::Signed, getAudio},
        {QStringLiteral("PUT"), QStringLiteral("/api/v1/recordings/{recordingId}/protection"), Access::Signed,
         putProtection},
        {QStringLiteral("PUT"), QStringLiteral("/api/v1/recordings/{recordingId}/annotation"), Access::Signed,
         putAnnotation},
        {QStringLiteral("GET"), QStringLiteral("/api/v1/recordings/{recordingId}/verification"), Access::Signed,
         getVerification},
    };
}

} // namespace vv::agent
