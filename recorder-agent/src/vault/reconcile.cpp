#include "vault/reconcile.h"

#include "audio/oggrepair.h"
#include "common/logging.h"
#include "vault/rowstamp.h"
#include "vault/sortedwalk.h"
#include "vault/vaultstore.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <algorithm>

namespace vv::agent {

Reconciler::Reconciler(VaultStore *store)
    : m_store(store)
{}

bool Reconciler::run(PacketTime now, QString *error)
{
    QElapsedTimer timer;
    timer.start();
    finishInterrupted(now);
    mergeDiskAndCatalogue(now);
    Catalogue *cat = m_store->catalogue();
    for (const VaultRecord &v : cat->loadVaults()) {
        UsageTotals before;
        UsageTotals after;
        if (!cat->recomputeStoredUsage(v.id, &before, &after, error))
            return false;
        if (before.storedBytes != after.storedBytes || before.storedRecordings != after.storedRecordings)
            qCWarning(lcVault).noquote() << "vault" << v.name << "usage recounted:" << before.storedRecordings << "->"
                                         << after.storedRecordings << "recordings," << before.storedBytes << "->"
                                         << after.storedBytes << "bytes";
    }
    m_report.elapsedMs = timer.elapsed();
    qCInfo(lcVault).noquote() << "start-up reconcile:" << m_report.finalised << "finalised," << m_report.lost << "lost,"
                              << m_report.orphansAdopted << "adopted," << m_report.leftoversDeleted
                              << "leftovers deleted," << m_report.missing << "missing, in" << m_report.elapsedMs
                              << "ms";
    return true;
}

void Reconciler::finishInterrupted(PacketTime now)
{
    Catalogue *cat = m_store->catalogue();
    for (CallRow row : cat->callsInState(CallState::Recording)) {
        const QString path = m_store->absolutePath(row.file);
        const QString part = path + QStringLiteral(".part");
        QString source = QFile::exists(part) ? part : (QFile::exists(path) ? path : QString());
        OggInspection ins;
        if (!source.isEmpty())
            ins = inspectOggOpus(source, m_store->keyResolver());
        QString error;
        if (source.isEmpty() || !ins.opusHead || ins.audioPages == 0) {
            if (!source.isEmpty())
                destroyAudioFile(m_store->keyring().get(), source);
            row.state = CallState::NotRecorded;
            row.recorded = false;
            row.reason = QStringLiteral("recording lost: the agent stopped before any audio was saved");
            row.outcome = CallOutcome::Missed;
            row.file.clear();
            row.bytes = 0;
            cat->updateCall(row, &error);
            ++m_report.lost;
            qCWarning(lcVault).noquote() << "call" << row.sipCallId << "was being recorded when the agent stopped;"
                                         << "no audio reached the disk";
            continue;
        }
        truncateToGoodPages(source, ins);
        if (source == part && !QFile::rename(part, path)) {
            qCCritical(lcVault).noquote() << "cannot rename" << part << "to" << path;
            continue;
        }
        row.state = CallState::Complete;
        row.bytes = QFileInfo(path).size();
        row.durationMs = ins.durationMs();
        row.endedAt = (row.answeredAt ? row.answeredAt : row.startedAt) + row.durationMs * 1000;
        row.endCause = QStringLiteral("agent restart");
        row.note = QStringLiteral("finalised at start-up after the agent stopped mid-call");
        row.outcome = CallOutcome::Degraded; // the rest of the conversation was never heard
        UsageTotals d;
        d.writtenBytes = row.bytes;
        d.writtenRecordings = 1;
        d.writtenDurationMs = row.durationMs;
        if (!cat->begin(&error) || !cat->updateCall(row, &error) || !cat->adjustUsage(row.vaultId, d, &error) ||
            !cat->commit()) {
            cat->rollback();
            qCCritical(lcVault).noquote() << "catalogue repair failed:" << error;
            continue;
        }
        ++m_report.finalised;
        qCWarning(lcVault).noquote() << "finalised interrupted recording" << row.file << "(" << row.durationMs
                                     << "ms of audio kept)";
    }
    (void)now;
}

namespace {

// The catalogue's files in `ORDER BY file, id`, read in keyset chunks so only
// one chunk is held (the partial index calls_file serves the order).
class CatalogueFiles
{
public:
    struct Ref
    {
        QByteArray file; // UTF-8, compared bytewise like SQLite's BINARY collation
        qint64 id = 0;
        QString state;
    };

    explicit CatalogueFiles(Catalogue *cat)
        : m_cat(cat)
    {}

    const Ref *peek()
    {
        if (m_pos >= m_chunk.size() && !m_done)
            fill();
        return m_pos < m_chunk.size() ? &m_chunk[m_pos] : nullptr;
    }
    void advance() { ++m_pos; }
    bool failed() const { return m_failed; }

private:
    void fill()
    {
        m_chunk.clear();
        m_pos = 0;
        QSqlQuery q(m_cat->database());
        q.setForwardOnly(true);
        q.prepare(m_started
                      ? QStringLiteral("SELECT file, id, state FROM calls WHERE file <> '' AND (file, id) > (?, ?) "
                                       "ORDER BY file, id LIMIT 4096")
                      : QStringLiteral("SELECT file, id, state FROM calls WHERE file <> '' ORDER BY file, id "
                                       "LIMIT 4096"));
        if (m_started) {
            q.addBindValue(QString::fromUtf8(m_lastFile));
            q.addBindValue(m_lastId);
        }
        m_started = true;
        if (!q.exec()) {
            qCCritical(lcVault).noquote() << "start-up reconcile cannot read the catalogue:" << q.lastError().text();
            m_done = true;
            return;
        }
        while (q.next())
            m_chunk.push_back({q.value(0).toString().toUtf8(), q.value(1).toLongLong(), q.value(2).toString()});
        if (m_chunk.size() < 4096)
            m_done = true;
        if (!m_chunk.empty()) {
            m_lastFile = m_chunk.back().file;
            m_lastId = m_chunk.back().id;
        }
    }

    Catalogue *m_cat;
    std::vector<Ref> m_chunk;
    std::size_t m_pos = 0;
    bool m_started = false;
    bool m_done = false;
    bool m_failed = false;
    QByteArray m_lastFile;
    qint64 m_lastId = 0;
};

} // namespace

void Reconciler::mergeDiskAndCatalogue(PacketTime now)
{
    // A merge join of two streams in the same (byte) order: the audio files
    // under vaults/ and the catalogue rows that name a file. Memory is one
    // folder listing and one catalogue chunk, whatever the vault's size.
    Catalogue *cat = m_store->catalogue();
    SortedFileWalk disk(m_store->absolutePath(QStringLiteral("vaults")), m_store->dataDir(),
                        QStringList{QStringLiteral("*.opus"), QStringLiteral("*.opus.part")});
    CatalogueFiles rows(cat);
    // Adopting inserts rows (and renames .part files) the running scan could
    // meet again: files without a row are adopted after the merge. They are
    // the rare leftovers of a crash, so the list stays short.
    std::vector<QString> orphans;
    QByteArray file;
    bool haveDisk = disk.next(&file);
    for (;;) {
        const CatalogueFiles::Ref *row = rows.peek();
        // Half a picture must not become repairs: files past an unreadable
        // catalogue would be "adopted" twice, rows past an unreadable folder
        // marked missing. Stop here; what was repaired so far was right.
        if (rows.failed() || !disk.failure().isEmpty()) {
            qCCritical(lcVault).noquote()
                << "start-up reconcile stopped early:"
                << (rows.failed() ? QStringLiteral("the catalogue could not be read")
                                  : QStringLiteral("cannot list %1").arg(disk.failure()))
                << "- files without a row are not adopted and no more rows are marked missing";
            return;
        }
        if (!haveDisk && !row)
            break;
        if (haveDisk && (!row || file < row->file)) {
            orphans.push_back(QString::fromUtf8(file));
            haveDisk = disk.next(&file);
        } else if (row && (!haveDisk || row->file < file)) {
            if (row->state == CallState::Complete)
                markMissing(row->id, QString::fromUtf8(row->file), now);
            rows.advance();
        } else {
            if (row->state != CallState::Complete && row->state != CallState::Recording) {
                // An eviction or deletion was interrupted after the catalogue said so.
                const QString relative = QString::fromUtf8(file);
                destroyAudioFile(m_store->keyring().get(), m_store->absolutePath(relative));
                ++m_report.leftoversDeleted;
                qCWarning(lcVault).noquote() << "deleted leftover" << relative << "of a" << row->state << "recording";
            }
            haveDisk = disk.next(&file);
            rows.advance();
        }
    }
    for (const QString &relative : orphans)
        adopt(relative, now);
}

void Reconciler::markMissing(qint64 id, const QString &file, PacketTime now)
{
    Catalogue *cat = m_store->catalogue();
    const std::optional<CallRow> row = cat->call(id);
    if (!row)
        return;
    QString error;
    UsageTotals d;
    d.storedBytes = -row->bytes;
    d.storedRecordings = -1;
    d.storedDurationMs = -row->durationMs;
    if (!cat->begin(&error) ||
        !cat->setState(id, CallState::Missing, now, QStringLiteral("audio file missing at start-up"), &error) ||
        !cat->adjustUsage(row->vaultId, d, &error) || !cat->commit()) {
        cat->rollback();
        qCCritical(lcVault).noquote() << "cannot mark recording" << id << "missing:" << error;
    }
    ++m_report.missing;
    qCCritical(lcVault).noquote() << "recording" << id << "is missing its audio file" << file;
}

void Reconciler::adopt(const QString &relative, PacketTime now)
{
    Catalogue *cat = m_store->catalogue();
    const QString path = m_store->absolutePath(relative);
    if (relative.endsWith(QStringLiteral(".opus.sealing"))) {
        // An encrypted copy of an older recording, interrupted before it replaced the plain file (which is intact).
        QFile::remove(path);
        ++m_report.leftoversDeleted;
        qCWarning(lcVault).noquote() << "deleted" << relative << ": an encryption copy a stop interrupted";
        return;
    }
    // vaults/<vault>/YYYY/MM/DD/<stamp>_<ext>_<other>_<n>.opus[.part]
    static const QRegularExpression re(QStringLiteral(
        "\\Avaults/([^/]+)/\\d{4}/\\d{2}/\\d{2}/(\\d{8}T\\d{9}Z)_([^_/]*)_([^_/]*)_\\d+\\.opus(\\.part)?\\z"));
    const auto m = re.match(relative);
    const std::optional<VaultRecord> vault = m.hasMatch() ? cat->vaultByName(m.captured(1)) : std::nullopt;
    if (!vault) {
        qCWarning(lcVault).noquote() << "leaving unknown file" << relative
                                     << "alone (not a recording of a known vault)";
        return;
    }
    OggInspection ins = inspectOggOpus(path, m_store->keyResolver());
    if (!ins.opusHead || ins.audioPages == 0) {
        destroyAudioFile(m_store->keyring().get(), path);
        ++m_report.leftoversDeleted;
        qCWarning(lcVault).noquote() << "deleted" << relative << ": no usable audio and no catalogue row";
        return;
    }
    truncateToGoodPages(path, ins);
    QString finalRel = relative;
    if (relative.endsWith(QStringLiteral(".part"))) {
        finalRel.chop(5);
        if (!QFile::rename(path, m_store->absolutePath(finalRel)))
            return;
    }
    // The recorder stamps the row it began with into the file's comment header: a file whose row was still
    // queued for the catalogue writer when the agent died (no end-of-stream page) is an interrupted recording,
    // finalised with all its metadata; a finished file whose row was lost gets its row back the same way.
    // Without a usable stamp (older files, a row that exists after all) only the name is known.
    std::optional<CallRow> stamped = rowFromStamp(ins.rowStamp);
    if (stamped && (stamped->vaultId != vault->id || cat->call(stamped->id)))
        stamped.reset();
    const bool interrupted = stamped && !ins.endOfStream;
    CallRow row;
    if (interrupted) {
        row = *stamped;
        row.note = QStringLiteral("finalised at start-up after the agent stopped mid-call");
        row.outcome = CallOutcome::Degraded; // the rest of the conversation was never heard
    } else if (stamped) {
        row = *stamped;
        row.note = QStringLiteral("adopted at start-up: the catalogue had lost this recording's row; its details "
                                  "were read from the file");
        if (row.outcome.isEmpty())
            row.outcome = CallOutcome::Recorded;
    } else {
        const PacketTime started =
            QDateTime::fromString(m.captured(2), QStringLiteral("yyyyMMdd'T'HHmmsszzz'Z'")).toMSecsSinceEpoch() * 1000;
        row.vaultId = vault->id;
        row.sipCallId = ins.callId.isEmpty() ? QStringLiteral("(adopted)") : ins.callId;
        row.extension = m.captured(3);
        row.caller = m.captured(3);
        row.callee = m.captured(4);
        row.startedAt = row.answeredAt = started;
        row.note = QStringLiteral("adopted at start-up: the catalogue had no row for this file");
    }
    row.recorded = true;
    row.reason = QStringLiteral("recorded");
    row.durationMs = ins.durationMs();
    row.endedAt = (row.answeredAt ? row.answeredAt : row.startedAt) + row.durationMs * 1000;
    row.endCause = stamped && !interrupted ? QStringLiteral("unknown (row rebuilt from the file)")
                                           : QStringLiteral("agent restart");
    row.state = CallState::Complete;
    row.file = finalRel;
    row.bytes = QFileInfo(m_store->absolutePath(finalRel)).size();
    m_store->normaliseNumbers(row);
    QString error;
    UsageTotals d;
    d.writtenBytes = row.bytes;
    d.writtenRecordings = 1;
    d.writtenDurationMs = row.durationMs;
    if (!cat->begin(&error) || !cat->insertCall(row, &error) || !cat->adjustUsage(row.vaultId, d, &error) ||
        !cat->commit()) {
        cat->rollback();
        qCCritical(lcVault).noquote() << "cannot adopt" << relative << ":" << error;
        return;
    }
    if (interrupted) {
        ++m_report.finalised;
        qCWarning(lcVault).noquote() << "finalised interrupted recording" << finalRel << "(" << row.durationMs
                                     << "ms of audio kept; its catalogue row rebuilt from the file)";
        return;
    }
    ++m_report.orphansAdopted;
    qCWarning(lcVault).noquote() << "adopted orphan recording" << finalRel;
    (void)now;
}

} // namespace vv::agent
