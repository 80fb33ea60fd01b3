#include "vault/annotations.h"

#include "vault/vaultstore.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

namespace vv::agent {

QString annotationProblem(const QString &text)
{
    if (text.size() > kMaxAnnotationChars)
        return QStringLiteral("a note is at most %1 characters").arg(kMaxAnnotationChars);
    for (const QChar c : text)
        if ((c.category() == QChar::Other_Control && c != u'\n' && c != u'\t') || c.isNonCharacter())
            return QStringLiteral("a note may hold line breaks and tabs but no other control characters");
    return {};
}

bool annotationsOf(const QSqlDatabase &db, const std::vector<qint64> &callIds, std::map<qint64, Annotation> *out,
                   QString *error)
{
    out->clear();
    if (callIds.empty())
        return true;
    QStringList marks;
    for (std::size_t i = 0; i < callIds.size(); ++i)
        marks << QStringLiteral("?");
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT call_id, text, updated_at, updated_by FROM annotations WHERE call_id IN (%1)")
                  .arg(marks.join(u',')));
    for (const qint64 id : callIds)
        q.addBindValue(id);
    if (!q.exec()) {
        *error = q.lastError().text();
        return false;
    }
    while (q.next())
        (*out)[q.value(0).toLongLong()] =
            Annotation{q.value(1).toString(), q.value(2).toLongLong(), q.value(3).toString()};
    return true;
}

bool writeAnnotation(const QSqlDatabase &db, const CallRow &row, const Annotation &note, QString *error)
{
    QSqlQuery q(db);
    if (note.text.isEmpty()) {
        q.prepare(QStringLiteral("DELETE FROM annotations WHERE call_id = ?"));
        q.addBindValue(row.id);
    } else {
        q.prepare(QStringLiteral("INSERT INTO annotations(call_id, vault_id, text, updated_at, updated_by) "
                                 "VALUES (?,?,?,?,?) ON CONFLICT(call_id) DO UPDATE SET text = excluded.text, "
                                 "updated_at = excluded.updated_at, updated_by = excluded.updated_by"));
        q.addBindValue(row.id);
        q.addBindValue(row.vaultId ? QVariant(row.vaultId) : QVariant());
        q.addBindValue(note.text);
        q.addBindValue(note.updatedAt);
        q.addBindValue(note.updatedBy);
    }
    if (!q.exec()) {
        *error = q.lastError().text();
        return false;
    }
    return true;
}

StoreResult VaultStore::annotate(qint64 callId, const Annotation &note, QString *error)
{
    StoreResult result = StoreResult::Failed;
    runWrite([&](Catalogue &c) {
        const std::optional<CallRow> row = c.call(callId);
        if (!row)
            result = StoreResult::NotFound;
        else
            result = writeAnnotation(c.database(), *row, note, error) ? StoreResult::Done : StoreResult::Failed;
    });
    return result;
}

} // namespace vv::agent
