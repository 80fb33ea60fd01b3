#include "vault/subjectrequests.h"

#include "common/phonenumber.h"
#include "vault/recordingquery.h"

#include <QCryptographicHash>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace vv::agent {

bool findSubjectCalls(const QSqlDatabase &db, qint64 vaultId, const QString &number, std::vector<CallRow> *out,
                      QString *error)
{
    out->clear();
    const NumberPlan plan = numberPlanOf(db, vaultId);
    const QString wanted = normaliseNumber(number, plan);
    if (wanted.size() < 3) {
        *error = QStringLiteral("\"%1\" is not a telephone number").arg(number.left(64));
        return false;
    }
    // Candidates from the number index (any call containing it), then whole-number equality.
    RecordingQuery query;
    query.vaultId = vaultId;
    query.number = wanted;
    query.limit = 500;
    query.order = SortOrder::newestFirst();
    for (;;) {
        RecordingPage page;
        if (!queryRecordings(db, query, &page, error))
            return false;
        for (const CallRow &row : page.rows) {
            for (const QString &n : {row.caller, row.callee, row.dialled}) {
                if (!n.isEmpty() && normaliseNumber(n, plan) == wanted) {
                    out->push_back(row);
                    break;
                }
            }
        }
        if (!page.next)
            break;
        query.after = page.next;
    }
    std::sort(out->begin(), out->end(), [](const CallRow &a, const CallRow &b) { return a.id < b.id; });
    return true;
}

QString erasurePlanToken(qint64 vaultId, const QString &number, const std::vector<CallRow> &rows)
{
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(QByteArray::number(vaultId) + '\n' + number.toUtf8() + '\n');
    for (const CallRow &r : rows)
        h.addData(QByteArray::number(r.id) + ':' + r.state.toUtf8() + ':' + (r.isProtected ? "p" : "-") + '\n');
    return QString::fromLatin1(h.result().toHex().left(32));
}

bool redactNumbers(const QSqlDatabase &db, qint64 callId, QString *error)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("UPDATE calls SET caller = ?, callee = ?, dialled = '', numbers_norm = '', "
                             "sip_call_id = ? WHERE id = ?"));
    q.addBindValue(kErasedNumber);
    q.addBindValue(kErasedNumber);
    q.addBindValue(kErasedNumber);
    q.addBindValue(callId);
    QSqlQuery notes(db);
    notes.prepare(QStringLiteral("DELETE FROM annotations WHERE call_id = ?"));
    notes.addBindValue(callId);
    if (!q.exec() || !notes.exec()) {
        *error = q.lastError().isValid() ? q.lastError().text() : notes.lastError().text();
        return false;
    }
    return true;
}

} // namespace vv::agent
