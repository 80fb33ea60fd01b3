// Calls and recordings: search with cursor pagination, metadata, audio (Ogg
// with one byte range, or WAV transcoded while streaming), delete, protect.
#include "api/apiserver.h"
#include "api/routehelpers.h"
#include "api/threaddb.h"
#include "vault/vaultstore.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QSqlQuery>
#include <opusfile.h>

namespace {

bool invalidParam(ApiRequest &r, const QString &name, const QString &detail)
{
    r.problem(422, QStringLiteral("Invalid parameter"), detail, name);
    return false;
}

QString likeEscaped(const QString &s)
{
    QString out = s;
    out.replace(u'\\', QStringLiteral("\\\\"))
        .replace(u'%', QStringLiteral("\\%"))
        .replace(u'_', QStringLiteral("\\_"));
    return out;
}

const char kCols[] = "id, vault_id, sip_call_id, caller, callee, extension, direction, recorded, reason, started_at, "
                     "answered_at, ended_at, duration_ms, end_cause, codec, state, file, bytes, protected, removed_at, "
                     "removed_reason, quality, note";

// The orders a listing can have: the column, and an index that walks it per
// vault (schema 4), so every page is a keyset seek whatever the vault's size.
struct SortOrder
{
    QString name;   // as in ?sort= and the cursor's tag
    QString field;  // started_at, duration_ms, bytes, extension
    QString column; // SQL expression (started_at, duration_ms and extension have indexes; see catalogue schema 4)
    bool descending = true;
};

std::optional<SortOrder> parseSort(const QString &text)
{
    const bool descending = text.startsWith(u'-');
    const QString field = descending ? text.mid(1) : text;
    QString column = field;
    if (field == u"bytes") // the size held, as "bytes" in the JSON: 0 once overwritten or deleted
        column = QStringLiteral("(CASE WHEN state = 'complete' THEN bytes ELSE 0 END)");
    else if (field != u"started_at" && field != u"duration_ms" && field != u"extension")
        return std::nullopt;
    return SortOrder{text, field, column, descending};
}

qint64 sortKey(const CallRow &row, const SortOrder &sort)
{
    if (sort.field == u"duration_ms")
        return row.durationMs;
    if (sort.field == u"bytes")
        return row.state == u"complete" ? row.bytes : 0;
    return row.startedAt;
}

void listRecordings(ApiRequest &r)
{
    const auto v = vaultParam(r, 1);
    if (!v)
        return;
    // A number search starts from the trigram index's few matches (CROSS JOIN
    // keeps it the outer loop); otherwise the vault's time index drives.
    QString from = QStringLiteral("calls");
    QString where = QStringLiteral(" WHERE calls.vault_id = ?");
    QVariantList binds{v->id};
    if (r.hasQuery("from")) {
        const auto t = parseTime(r.query("from"));
        if (!t)
            return (void)invalidParam(r, QStringLiteral("from"), QStringLiteral("from must be an ISO 8601 time"));
        where += QStringLiteral(" AND started_at >= ?");
        binds << *t;
    }
    if (r.hasQuery("to")) {
        const auto t = parseTime(r.query("to"));
        if (!t)
            return (void)invalidParam(r, QStringLiteral("to"), QStringLiteral("to must be an ISO 8601 time"));
        where += QStringLiteral(" AND started_at < ?");
        binds << *t;
    }
    if (r.hasQuery("number") && !r.query("number").isEmpty()) {
        const QString n = r.query("number");
        if (n.size() > 64)
            return (void)invalidParam(r, QStringLiteral("number"), QStringLiteral("number is at most 64 characters"));
        if (n.size() >= 3) {
            // Trigram index: a phrase query matches any substring of 3+ characters.
            QString phrase = n;
            phrase.replace(u'"', QStringLiteral("\"\""));
            from = QStringLiteral("calls_numbers CROSS JOIN calls ON calls.id = calls_numbers.rowid");
            // The MATCH goes first (conditions added before keep their order).
            where.replace(QStringLiteral(" WHERE calls.vault_id = ?"),
                          QStringLiteral(" WHERE calls_numbers MATCH ? AND calls.vault_id = ?"));
            binds.prepend(QStringLiteral("\"%1\"").arg(phrase));
        } else {
            where += QStringLiteral(" AND (caller LIKE ? ESCAPE '\\' OR callee LIKE ? ESCAPE '\\')");
            const QString pattern = QLatin1Char('%') + likeEscaped(n) + QLatin1Char('%');
            binds << pattern << pattern;
        }
    }
    if (r.hasQuery("extension") && !r.query("extension").isEmpty()) {
        where += QStringLiteral(" AND extension = ?");
        binds << r.query("extension");
    }
    if (r.hasQuery("direction")) {
        const QString d = r.query("direction");
        if (d != u"inbound" && d != u"outbound" && d != u"internal")
            return (void)invalidParam(r, QStringLiteral("direction"),
                                      QStringLiteral("direction is inbound, outbound or internal"));
        where += QStringLiteral(" AND direction = ?");
        binds << d;
    }
    bool ok = true;
    if (r.hasQuery("min_duration_ms")) {
        const qint64 ms = r.query("min_duration_ms").toLongLong(&ok);
        if (!ok || ms < 0)
            return (void)invalidParam(r, QStringLiteral("min_duration_ms"),
                                      QStringLiteral("min_duration_ms must be a whole number of milliseconds"));
        where += QStringLiteral(" AND duration_ms >= ?");
        binds << ms;
    }
    if (r.hasQuery("recorded")) {
        const QString rec = r.query("recorded");
        if (rec != u"true" && rec != u"false")
            return (void)invalidParam(r, QStringLiteral("recorded"), QStringLiteral("recorded is true or false"));
        where += QStringLiteral(" AND recorded = ?");
        binds << (rec == u"true" ? 1 : 0);
    }
    int limit = 50;
    if (r.hasQuery("limit")) {
        limit = r.query("limit").toInt(&ok);
        if (!ok || limit < 1 || limit > 500)
            return (void)invalidParam(r, QStringLiteral("limit"), QStringLiteral("limit is 1-500"));
    }
    const std::optional<SortOrder> sort =
        parseSort(r.hasQuery("sort") ? r.query("sort") : QStringLiteral("-started_at"));
    if (!sort)
        return (void)invalidParam(r, QStringLiteral("sort"),
                                  QStringLiteral("sort is started_at, duration_ms, bytes or extension, "
                                                 "with a leading '-' for descending"));
    const bool defaultOrder = sort->name == u"-started_at";
    const QString dir = sort->descending ? QStringLiteral("DESC") : QStringLiteral("ASC");
    const QString after = sort->descending ? QStringLiteral("<") : QStringLiteral(">");
    QString page = where;
    QVariantList pageBinds = binds;
    if (r.hasQuery("cursor")) {
        // Keyset pagination: "<key>.<id>" of the previous page's last row; for
        // any order but the default, tagged "<sort>:" so a cursor cannot be
        // replayed against another order. Text keys are hex-encoded UTF-8.
        QString cursor = r.query("cursor");
        const qsizetype colon = cursor.indexOf(u':');
        const QString tag = colon >= 0 ? cursor.left(colon) : QString();
        if (tag != (defaultOrder ? QString() : sort->name))
            return (void)invalidParam(r, QStringLiteral("cursor"),
                                      QStringLiteral("cursor belongs to another sort order; start again without it"));
        cursor = cursor.mid(colon + 1);
        const qsizetype dot = cursor.lastIndexOf(u'.');
        bool idOk = false;
        const qint64 id = cursor.mid(dot + 1).toLongLong(&idOk);
        const QString keyText = cursor.left(dot);
        QVariant key;
        bool keyOk = false;
        if (sort->field == u"extension") {
            const QByteArray bytes = QByteArray::fromHex(keyText.toLatin1());
            keyOk = bytes.toHex() == keyText.toLatin1();
            key = QString::fromUtf8(bytes);
        } else {
            key = keyText.toLongLong(&keyOk);
        }
        if (dot < 0 || !idOk || !keyOk)
            return (void)invalidParam(r, QStringLiteral("cursor"), QStringLiteral("cursor is not one we gave out"));
        // A row value: SQLite turns it into one range seek on the index.
        page += QStringLiteral(" AND (%1, id) %2 (?, ?)").arg(sort->column, after);
        pageBinds << key << id;
    }
    QSqlDatabase db = threadDatabase(r.ctx.cataloguePath);
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT %1 FROM %2%3 ORDER BY %4 %5, id %5 LIMIT ?")
                  .arg(QLatin1String(kCols), from, page, sort->column, dir));
    for (const QVariant &x : pageBinds)
        q.addBindValue(x);
    q.addBindValue(limit + 1); // one more than asked tells whether another page exists
    if (!q.exec())
        return r.problem(503, QStringLiteral("Unavailable"), QStringLiteral("the catalogue is busy; try again"));
    QJsonArray items;
    CallRow last;
    bool more = false;
    while (q.next()) {
        if (items.size() == limit) {
            more = true;
            break;
        }
        last = callRowFromQuery(q);
        items.append(recordingJson(last));
    }
    QSqlQuery c(db);
    c.prepare(QStringLiteral("SELECT COUNT(*) FROM %1%2").arg(from, where));
    for (const QVariant &x : binds)
        c.addBindValue(x);
    qint64 total = 0;
    if (c.exec() && c.next())
        total = c.value(0).toLongLong();
    QJsonObject o;
    o.insert(QStringLiteral("items"), items);
    o.insert(QStringLiteral("total"), total);
    QJsonValue next(QJsonValue::Null);
    if (more) {
        const QString key = sort->field == u"extension" ? QString::fromLatin1(last.extension.toUtf8().toHex())
                                                        : QString::number(sortKey(last, *sort));
        next = QStringLiteral("%1%2.%3").arg(defaultOrder ? QString() : sort->name + u':', key).arg(last.id);
    }
    o.insert(QStringLiteral("next_cursor"), next);
    r.json(o);
}

void getRecording(ApiRequest &r)
{
    if (const auto row = recordingParam(r, 1))
        r.json(recordingJson(*row));
}

void deleteRecording(ApiRequest &r)
{
    const auto row = recordingParam(r, 1);
    if (!row || !requireReseller(r))
        return;
    if (row->state != u"complete") {
        r.problem(409, QStringLiteral("No audio"),
                  QStringLiteral("this call has no audio to delete (state %1)").arg(row->state));
        return;
    }
    if (row->isProtected) {
        r.problem(409, QStringLiteral("Protected"),
                  QStringLiteral("this recording is protected (legal hold); release the protection first"));
        return;
    }
    bool done = false;
    QString error;
    r.ctx.bridge->call([&] {
        done = r.ctx.store->deleteRecording(row->id, QStringLiteral("deleted by %1").arg(r.user->username), nowMicros(),
                                            &error);
    });
    if (!done)
        return r.problem(409, QStringLiteral("Not deleted"), error.isEmpty() ? QStringLiteral("try again") : error);
    r.audit(QStringLiteral("delete"), row->vaultId, row->id);
    r.noContent();
}

void putProtection(ApiRequest &r)
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
    bool done = false;
    QString error;
    r.ctx.bridge->call([&] { done = r.ctx.store->setProtected(row->id, on, &error); });
    if (!done)
        return r.problem(503, QStringLiteral("Not saved"), error);
    QJsonObject detail;
    detail.insert(QStringLiteral("protected"), on);
    r.audit(on ? QStringLiteral("protect") : QStringLiteral("unprotect"), row->vaultId, row->id, detail);
    r.json(recordingJson(*threadCatalogue(r.ctx.cataloguePath)->call(row->id)));
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

struct WavStream
{
    OggOpusFile *file = nullptr;
    QByteArray pending;
    ~WavStream()
    {
        if (file)
            op_free(file);
    }
};

QByteArray wavHeader(qint64 frames)
{
    const quint32 dataBytes = static_cast<quint32>(frames * 4);
    QByteArray h;
    auto le32 = [&](quint32 v) {
        for (int i = 0; i < 4; ++i)
            h.append(static_cast<char>((v >> (8 * i)) & 0xff));
    };
    auto le16 = [&](quint16 v) {
        h.append(static_cast<char>(v & 0xff));
        h.append(static_cast<char>(v >> 8));
    };
    h.append("RIFF");
    le32(36 + dataBytes);
    h.append("WAVEfmt ");
    le32(16);
    le16(1);     // PCM
    le16(2);     // channels: extension, far end
    le32(48000); // Opus decodes at 48 kHz
    le32(48000 * 4);
    le16(4);
    le16(16);
    h.append("data");
    le32(dataBytes);
    return h;
}

void getAudio(ApiRequest &r)
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
    if (format != u"ogg" && format != u"wav")
        return (void)invalidParam(r, QStringLiteral("format"), QStringLiteral("format is ogg or wav"));
    const std::string range = r.req.get_header_value("Range");
    const bool download = r.query("download") == u"true" || r.query("download") == u"1";
    // httplib would apply ranges again after us: we answer ranges ourselves.
    const_cast<httplib::Request &>(r.req).ranges.clear();
    const qint64 size = QFileInfo(path).size();
    if (format == u"wav") {
        if (!range.empty())
            return r.problem(416, QStringLiteral("Range not satisfiable"),
                             QStringLiteral("ranges are served for format=ogg only; WAV is transcoded as it streams"));
        int err = 0;
        auto stream = std::make_shared<WavStream>();
        stream->file = op_open_file(path.toLocal8Bit().constData(), &err);
        if (!stream->file)
            return r.problem(500, QStringLiteral("Unreadable audio"),
                             QStringLiteral("the audio file cannot be decoded"));
        const qint64 frames = std::max<qint64>(0, op_pcm_total(stream->file, -1));
        const qint64 total = 44 + frames * 4;
        stream->pending = wavHeader(frames);
        r.audit(download ? QStringLiteral("download") : QStringLiteral("play"), row->vaultId, row->id,
                QJsonObject{{QStringLiteral("format"), QStringLiteral("wav")}});
        r.res.status = 200;
        r.res.set_header("Content-Disposition",
                         QStringLiteral("attachment; filename=\"recording-%1.wav\"").arg(row->id).toStdString());
        r.res.set_content_provider(
            static_cast<std::size_t>(total), "audio/wav",
            [stream, total](std::size_t offset, std::size_t length, httplib::DataSink &sink) {
                opus_int16 pcm[5760 * 2];
                while (stream->pending.size() < static_cast<qsizetype>(std::min<std::size_t>(length, 65536))) {
                    const int n = op_read(stream->file, pcm, 5760 * 2, nullptr);
                    if (n <= 0)
                        break;
                    stream->pending.append(reinterpret_cast<const char *>(pcm), n * 4);
                }
                qint64 want = std::min<qint64>(static_cast<qint64>(length), total - static_cast<qint64>(offset));
                if (stream->pending.isEmpty()) // decoder ended early: pad so the promised length holds
                    stream->pending = QByteArray(static_cast<qsizetype>(std::min<qint64>(want, 65536)), '\0');
                const qsizetype n = static_cast<qsizetype>(std::min<qint64>(want, stream->pending.size()));
                sink.write(stream->pending.constData(), static_cast<std::size_t>(n));
                stream->pending.remove(0, n);
                return true;
            });
        return;
    }
    qint64 start = 0;
    qint64 end = size - 1;
    const int rc = parseRange(range, size, &start, &end);
    if (rc < 0) {
        r.res.set_header("Content-Range", QStringLiteral("bytes */%1").arg(size).toStdString());
        return r.problem(
            416, QStringLiteral("Range not satisfiable"),
            QStringLiteral("one byte range within 0-%1 is served (multiple ranges are not)").arg(size - 1));
    }
    if (rc == 0 || start == 0)
        r.audit(download ? QStringLiteral("download") : QStringLiteral("play"), row->vaultId, row->id,
                QJsonObject{{QStringLiteral("format"), QStringLiteral("ogg")}});
    auto file = std::make_shared<QFile>(path);
    if (!file->open(QIODevice::ReadOnly))
        return r.problem(404, QStringLiteral("No audio"), QStringLiteral("the audio file is missing"));
    r.res.status = rc == 1 ? 206 : 200;
    r.res.set_header("Accept-Ranges", "bytes");
    if (rc == 1)
        r.res.set_header("Content-Range", QStringLiteral("bytes %1-%2/%3").arg(start).arg(end).arg(size).toStdString());
    if (download)
        r.res.set_header("Content-Disposition",
                         QStringLiteral("attachment; filename=\"recording-%1.opus\"").arg(row->id).toStdString());
    const qint64 length = end - start + 1;
    r.res.set_content_provider(static_cast<std::size_t>(length), "audio/ogg",
                               [file, start](std::size_t offset, std::size_t len, httplib::DataSink &sink) {
                                   if (!file->seek(start + static_cast<qint64>(offset)))
                                       return false;
                                   const QByteArray chunk =
                                       file->read(static_cast<qint64>(std::min<std::size_t>(len, 65536)));
                                   if (chunk.isEmpty())
                                       return false;
                                   sink.write(chunk.constData(), static_cast<std::size_t>(chunk.size()));
                                   return true;
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
    };
}
