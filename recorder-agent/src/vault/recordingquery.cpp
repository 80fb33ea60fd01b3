#include "vault/recordingquery.h"

#include "common/phonenumber.h"
#include "vault/callcolumns.h"

#include <QSqlError>
#include <QSqlQuery>
#include <algorithm>

namespace vv::agent {

namespace {

QString likeEscaped(const QString &s)
{
    QString out = s;
    out.replace(u'\\', QStringLiteral("\\\\"))
        .replace(u'%', QStringLiteral("\\%"))
        .replace(u'_', QStringLiteral("\\_"));
    return out;
}

// The SQL expression a sort order compares; started_at, duration_ms and extension have per-vault indexes.
QString sortColumn(const SortOrder &order)
{
    if (order.field == SortOrder::Field::Bytes)
        return QStringLiteral("(CASE WHEN calls.state = 'complete' THEN calls.bytes ELSE 0 END)");
    return QStringLiteral("calls.") + order.fieldName();
}

struct Sql
{
    QString from = QStringLiteral("calls");
    QStringList where;
    QVariantList binds;
    void add(const QString &condition, const QVariantList &values = {})
    {
        where << condition;
        binds << values;
    }
    QString clause() const { return QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND ")); }
};

} // namespace

NumberPlan numberPlanOf(const QSqlDatabase &db, qint64 vaultId)
{
    NumberPlan plan;
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT country_code, national_prefix FROM vaults WHERE id = ?"));
    q.addBindValue(vaultId);
    if (q.exec() && q.next()) {
        plan.countryCode = q.value(0).toString();
        plan.nationalPrefix = q.value(1).toString();
    }
    return plan;
}

bool queryRecordings(const QSqlDatabase &db, const RecordingQuery &query, RecordingPage *page, QString *error)
{
    Sql sql;
    // The number as typed and as the vault's numbering plan reads it (common/phonenumber.h); the index holds
    // every call's numbers raw and normalised.
    const QStringList forms = searchForms(query.number, numberPlanOf(db, query.vaultId));
    const bool indexed =
        !forms.isEmpty() && std::all_of(forms.begin(), forms.end(), [](const QString &f) { return f.size() >= 3; });
    if (indexed) {
        // Trigram index: a phrase query matches any substring of 3+ characters. The MATCH comes first and
        // CROSS JOIN keeps the index's few matches the outer loop.
        QStringList phrases;
        for (QString f : forms)
            phrases << QStringLiteral("\"%1\"").arg(f.replace(u'"', QStringLiteral("\"\"")));
        sql.from = QStringLiteral("calls_numbers CROSS JOIN calls ON calls.id = calls_numbers.rowid");
        sql.add(QStringLiteral("calls_numbers MATCH ?"), {phrases.join(QStringLiteral(" OR "))});
    }
    sql.add(QStringLiteral("calls.vault_id = ?"), {query.vaultId});
    if (query.from)
        sql.add(QStringLiteral("calls.started_at >= ?"), {*query.from});
    if (query.to)
        sql.add(QStringLiteral("calls.started_at < ?"), {*query.to});
    if (!forms.isEmpty() && !indexed) {
        QStringList any;
        QVariantList binds;
        for (const QString &f : forms) {
            const QString pattern = QLatin1Char('%') + likeEscaped(f) + QLatin1Char('%');
            any << QStringLiteral("calls.caller LIKE ? ESCAPE '\\' OR calls.callee LIKE ? ESCAPE '\\' OR "
                                  "calls.dialled LIKE ? ESCAPE '\\' OR calls.numbers_norm LIKE ? ESCAPE '\\'");
            binds << pattern << pattern << pattern << pattern;
        }
        sql.add(QLatin1Char('(') + any.join(QStringLiteral(" OR ")) + QLatin1Char(')'), binds);
    }
    if (!query.extension.isEmpty())
        sql.add(QStringLiteral("calls.extension = ?"), {query.extension});
    if (!query.direction.isEmpty())
        sql.add(QStringLiteral("calls.direction = ?"), {query.direction});
    if (!query.annotation.isEmpty())
        sql.add(QStringLiteral("calls.id IN (SELECT call_id FROM annotations WHERE vault_id = ? AND text LIKE ? "
                               "ESCAPE '\\')"),
                {query.vaultId, QLatin1Char('%') + likeEscaped(query.annotation) + QLatin1Char('%')});
    if (query.minDurationMs)
        sql.add(QStringLiteral("calls.duration_ms >= ?"), {*query.minDurationMs});
    if (query.recorded)
        sql.add(QStringLiteral("calls.recorded = ?"), {*query.recorded ? 1 : 0});

    const QString column = sortColumn(query.order);
    const QString dir = query.order.descending ? QStringLiteral("DESC") : QStringLiteral("ASC");
    Sql pageSql = sql;
    if (query.after) {
        // A row value: SQLite turns it into one range seek on the index.
        const QString after = query.order.descending ? QStringLiteral("<") : QStringLiteral(">");
        pageSql.add(QStringLiteral("(%1, calls.id) %2 (?, ?)").arg(column, after), {query.after->key, query.after->id});
    }
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT %1 FROM %2%3 ORDER BY %4 %5, calls.id %5 LIMIT ?")
                  .arg(callcolumns::selectList(QStringLiteral("calls")), pageSql.from, pageSql.clause(), column, dir));
    for (const QVariant &b : pageSql.binds)
        q.addBindValue(b);
    q.addBindValue(query.limit + 1); // one more than asked tells whether another page exists
    if (!q.exec()) {
        *error = q.lastError().text();
        return false;
    }
    page->rows.clear();
    page->next.reset();
    bool more = false;
    while (q.next()) {
        if (static_cast<int>(page->rows.size()) == query.limit) {
            more = true;
            break;
        }
        page->rows.push_back(callcolumns::read(q));
    }
    if (q.lastError().isValid()) {
        *error = q.lastError().text();
        return false;
    }
    if (more) {
        const CallRow &last = page->rows.back();
        page->next = ListCursor{query.order, query.order.keyOf(last), last.id};
    }
    QSqlQuery c(db);
    c.prepare(QStringLiteral("SELECT COUNT(*) FROM %1%2").arg(sql.from, sql.clause()));
    for (const QVariant &b : sql.binds)
        c.addBindValue(b);
    if (!c.exec() || !c.next()) {
        *error = c.lastError().text();
        return false;
    }
    page->total = c.value(0).toLongLong();
    return true;
}

} // namespace vv::agent
