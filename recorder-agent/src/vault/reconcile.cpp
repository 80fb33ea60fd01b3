#include "vault/reconcile.h"

#include "audio/oggrepair.h"
#include "common/logging.h"
#include "vault/vaultstore.h"

#include <QDateTime>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QRegularExpression>
#include <QSqlQuery>
#include <algorithm>

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
            qCWarning(lcPipeline).noquote()
                << "vault" << v.name << "usage recounted:" << before.storedRecordings << "->" << after.storedRecordings
                << "recordings," << before.storedBytes << "->" << after.storedBytes << "bytes";
    }
    m_report.elapsedMs = timer.elapsed();
    qCInfo(lcPipeline).noquote() << "start-up reconcile:" << m_report.finalised << "finalised," << m_report.lost
                                 << "lost," << m_report.orphansAdopted << "adopted," << m_report.leftoversDeleted
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
            ins = inspectOggOpus(source);
        QString error;
        if (source.isEmpty() || !ins.opusHead || ins.audioPages == 0) {
            if (!source.isEmpty())
                QFile::remove(source);
            row.state = CallState::NotRecorded;
            row.recorded = false;
            row.reason = QStringLiteral("recording lost: the agent stopped before any audio was saved");
            row.file.clear();
            row.bytes = 0;
            cat->updateCall(row, &error);
            ++m_report.lost;
            qCWarning(lcPipeline).noquote() << "call" << row.sipCallId << "was being recorded when the agent stopped;"
                                            << "no audio reached the disk";
            continue;
        }
        truncateToGoodPages(source, ins);
        if (source == part && !QFile::rename(part, path)) {
            qCCritical(lcPipeline).noquote() << "cannot rename" << part << "to" << path;
            continue;
        }
        row.state = CallState::Complete;
        row.bytes = QFileInfo(path).size();
        row.durationMs = ins.durationMs();
        row.endedAt = (row.answeredAt ? row.answeredAt : row.startedAt) + row.durationMs * 1000;
        row.endCause = QStringLiteral("agent restart");
        row.note = QStringLiteral("finalised at start-up after the agent stopped mid-call");
        UsageTotals d;
        d.writtenBytes = row.bytes;
        d.writtenRecordings = 1;
        d.writtenDurationMs = row.durationMs;
        cat->begin();
        if (!cat->updateCall(row, &error) || !cat->adjustUsage(row.vaultId, d, &error) || !cat->commit()) {
            cat->rollback();
            qCCritical(lcPipeline).noquote() << "catalogue repair failed:" << error;
            continue;
        }
        ++m_report.finalised;
        qCWarning(lcPipeline).noquote() << "finalised interrupted recording" << row.file << "(" << row.durationMs
                                        << "ms of audio kept)";
    }
    (void)now;
}

void Reconciler::mergeDiskAndCatalogue(PacketTime now)
{
    Catalogue *cat = m_store->catalogue();
    // Disk side: every audio file under vaults/, sorted like the catalogue's index.
    std::vector<QString> disk;
    const QString root = m_store->absolutePath(QStringLiteral("vaults"));
    const int prefix = m_store->dataDir().size() + 1;
    QDirIterator it(root, QStringList{QStringLiteral("*.opus"), QStringLiteral("*.opus.part")}, QDir::Files,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        disk.push_back(it.next().mid(prefix));
    std::sort(disk.begin(), disk.end());

    // Catalogue side, in the same order (byte order, as SQLite's BINARY collation).
    QSqlQuery q(cat->database());
    q.setForwardOnly(true);
    q.exec(QStringLiteral("SELECT file, id, state FROM calls WHERE file <> '' ORDER BY file"));
    struct Ref
    {
        QString file;
        qint64 id;
        QString state;
    };
    std::vector<Ref> rows;
    while (q.next())
        rows.push_back({q.value(0).toString(), q.value(1).toLongLong(), q.value(2).toString()});
    q.finish();
    std::sort(rows.begin(), rows.end(), [](const Ref &a, const Ref &b) { return a.file < b.file; });

    std::size_t i = 0;
    std::size_t j = 0;
    while (i < disk.size() || j < rows.size()) {
        const bool haveDisk = i < disk.size();
        const bool haveRow = j < rows.size();
        if (haveDisk && (!haveRow || disk[i] < rows[j].file)) {
            adopt(disk[i], now);
            ++i;
        } else if (haveRow && (!haveDisk || rows[j].file < disk[i])) {
            const Ref &r = rows[j];
            if (r.state == CallState::Complete) {
                std::optional<CallRow> row = cat->call(r.id);
                if (row) {
                    QString error;
                    UsageTotals d;
                    d.storedBytes = -row->bytes;
                    d.storedRecordings = -1;
                    d.storedDurationMs = -row->durationMs;
                    cat->begin();
                    if (cat->setState(r.id, CallState::Missing, now, QStringLiteral("audio file missing at start-up"),
                                      &error) &&
                        cat->adjustUsage(row->vaultId, d, &error))
                        cat->commit();
                    else
                        cat->rollback();
                    ++m_report.missing;
                    qCCritical(lcPipeline).noquote() << "recording" << r.id << "is missing its audio file" << r.file;
                }
            }
            ++j;
        } else {
            const Ref &r = rows[j];
            if (r.state != CallState::Complete && r.state != CallState::Recording) {
                // An eviction or deletion was interrupted after the catalogue said so.
                QFile::remove(m_store->absolutePath(disk[i]));
                ++m_report.leftoversDeleted;
                qCWarning(lcPipeline).noquote() << "deleted leftover" << disk[i] << "of a" << r.state << "recording";
            }
            ++i;
            ++j;
        }
    }
}

void Reconciler::adopt(const QString &relative, PacketTime now)
{
    Catalogue *cat = m_store->catalogue();
    const QString path = m_store->absolutePath(relative);
    // vaults/<vault>/YYYY/MM/DD/<stamp>_<ext>_<other>_<n>.opus[.part]
    static const QRegularExpression re(QStringLiteral(
        "\\Avaults/([^/]+)/\\d{4}/\\d{2}/\\d{2}/(\\d{8}T\\d{9}Z)_([^_/]*)_([^_/]*)_\\d+\\.opus(\\.part)?\\z"));
    const auto m = re.match(relative);
    const std::optional<VaultRecord> vault = m.hasMatch() ? cat->vaultByName(m.captured(1)) : std::nullopt;
    if (!vault) {
        qCWarning(lcPipeline).noquote() << "leaving unknown file" << relative
                                        << "alone (not a recording of a known vault)";
        return;
    }
    OggInspection ins = inspectOggOpus(path);
    if (!ins.opusHead || ins.audioPages == 0) {
        QFile::remove(path);
        ++m_report.leftoversDeleted;
        qCWarning(lcPipeline).noquote() << "deleted" << relative << ": no usable audio and no catalogue row";
        return;
    }
    truncateToGoodPages(path, ins);
    QString finalRel = relative;
    if (relative.endsWith(QStringLiteral(".part"))) {
        finalRel.chop(5);
        if (!QFile::rename(path, m_store->absolutePath(finalRel)))
            return;
    }
    const PacketTime started =
        QDateTime::fromString(m.captured(2), QStringLiteral("yyyyMMdd'T'HHmmsszzz'Z'")).toMSecsSinceEpoch() * 1000;
    CallRow row;
    row.vaultId = vault->id;
    row.sipCallId = ins.callId.isEmpty() ? QStringLiteral("(adopted)") : ins.callId;
    row.extension = m.captured(3);
    row.caller = m.captured(3);
    row.callee = m.captured(4);
    row.recorded = true;
    row.reason = QStringLiteral("recorded");
    row.startedAt = row.answeredAt = started;
    row.durationMs = ins.durationMs();
    row.endedAt = started + row.durationMs * 1000;
    row.endCause = QStringLiteral("agent restart");
    row.state = CallState::Complete;
    row.file = finalRel;
    row.bytes = QFileInfo(m_store->absolutePath(finalRel)).size();
    row.note = QStringLiteral("adopted at start-up: the catalogue had no row for this file");
    QString error;
    UsageTotals d;
    d.writtenBytes = row.bytes;
    d.writtenRecordings = 1;
    d.writtenDurationMs = row.durationMs;
    cat->begin();
    if (!cat->insertCall(row, &error) || !cat->adjustUsage(row.vaultId, d, &error) || !cat->commit()) {
        cat->rollback();
        qCCritical(lcPipeline).noquote() << "cannot adopt" << relative << ":" << error;
        return;
    }
    ++m_report.orphansAdopted;
    qCWarning(lcPipeline).noquote() << "adopted orphan recording" << finalRel;
    (void)now;
}
