#include "vault/callcolumns.h"

#include <QSqlQuery>
#include <QStringList>
#include <QVariant>
#include <array>
#include <variant>

namespace vv::agent {

namespace callcolumns {
namespace {

// How a member is stored: text ('' for none, never NULL), an integer, an
// integer whose 0 is stored as NULL (ids and times that may be absent), a flag.
enum class Storage { Text, Integer, ZeroIsNull, Flag };

struct Column
{
    const char *name;
    Storage storage;
    std::variant<QString CallRow::*, qint64 CallRow::*, bool CallRow::*> member;
};

// Table order (the schema's, migrations append at the end). id first: it is read, never written.
const std::array kColumns{
    Column{"id", Storage::Integer, &CallRow::id},
    Column{"vault_id", Storage::ZeroIsNull, &CallRow::vaultId},
    Column{"sip_call_id", Storage::Text, &CallRow::sipCallId},
    Column{"caller", Storage::Text, &CallRow::caller},
    Column{"callee", Storage::Text, &CallRow::callee},
    Column{"extension", Storage::Text, &CallRow::extension},
    Column{"direction", Storage::Text, &CallRow::direction},
    Column{"recorded", Storage::Flag, &CallRow::recorded},
    Column{"reason", Storage::Text, &CallRow::reason},
    Column{"started_at", Storage::Integer, &CallRow::startedAt},
    Column{"answered_at", Storage::ZeroIsNull, &CallRow::answeredAt},
    Column{"ended_at", Storage::ZeroIsNull, &CallRow::endedAt},
    Column{"duration_ms", Storage::Integer, &CallRow::durationMs},
    Column{"end_cause", Storage::Text, &CallRow::endCause},
    Column{"codec", Storage::Text, &CallRow::codec},
    Column{"state", Storage::Text, &CallRow::state},
    Column{"file", Storage::Text, &CallRow::file},
    Column{"bytes", Storage::Integer, &CallRow::bytes},
    Column{"protected", Storage::Flag, &CallRow::isProtected},
    Column{"removed_at", Storage::ZeroIsNull, &CallRow::removedAt},
    Column{"removed_reason", Storage::Text, &CallRow::removedReason},
    Column{"quality", Storage::Text, &CallRow::quality},
    Column{"note", Storage::Text, &CallRow::note},
    Column{"dialled", Storage::Text, &CallRow::dialled},
    Column{"related_id", Storage::ZeroIsNull, &CallRow::relatedId},
    Column{"outcome", Storage::Text, &CallRow::outcome},
    Column{"numbers_norm", Storage::Text, &CallRow::numbersNorm},
};

QStringList names(bool withId, const QString &qualifier = QString())
{
    QStringList out;
    for (const Column &c : kColumns)
        if (withId || QLatin1String(c.name) != QLatin1String("id"))
            out << (qualifier.isEmpty() ? QString::fromLatin1(c.name) : qualifier + u'.' + QLatin1String(c.name));
    return out;
}

QString placeholders(qsizetype n)
{
    QStringList q;
    for (qsizetype i = 0; i < n; ++i)
        q << QStringLiteral("?");
    return q.join(QStringLiteral(", "));
}

QVariant valueOf(const Column &c, const CallRow &row)
{
    return std::visit(
        [&](auto member) -> QVariant {
            const auto &v = row.*member;
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, QString>)
                return v.isNull() ? QStringLiteral("") : v; // a null QString would bind as SQL NULL
            else if constexpr (std::is_same_v<T, bool>)
                return v ? 1 : 0;
            else if (c.storage == Storage::ZeroIsNull && v == 0)
                return QVariant(QMetaType(QMetaType::LongLong));
            else
                return QVariant(v);
        },
        c.member);
}

void assign(const Column &c, CallRow &row, const QVariant &value)
{
    std::visit(
        [&](auto member) {
            auto &v = row.*member;
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, QString>)
                v = value.toString();
            else if constexpr (std::is_same_v<T, bool>)
                v = value.toBool();
            else
                v = value.toLongLong();
        },
        c.member);
}

} // namespace

int count()
{
    return static_cast<int>(kColumns.size());
}

QString selectList(const QString &qualifier)
{
    return names(true, qualifier).join(QStringLiteral(", "));
}

QString insertSql()
{
    const QStringList n = names(false);
    return QStringLiteral("INSERT INTO calls(%1) VALUES(%2)").arg(n.join(QStringLiteral(", ")), placeholders(n.size()));
}

QString insertWithIdSql()
{
    const QStringList n = names(false);
    return QStringLiteral("INSERT INTO calls(id, %1) VALUES(?, %2)")
        .arg(n.join(QStringLiteral(", ")), placeholders(n.size()));
}

QString updateSql()
{
    // A row-value update keeps the column list in one place (SQLite 3.15+).
    const QStringList n = names(false);
    return QStringLiteral("UPDATE calls SET (%1) = (%2) WHERE id=?")
        .arg(n.join(QStringLiteral(", ")), placeholders(n.size()));
}

void bind(QSqlQuery &q, const CallRow &row)
{
    for (const Column &c : kColumns)
        if (QLatin1String(c.name) != QLatin1String("id"))
            q.addBindValue(valueOf(c, row));
}

CallRow read(const QSqlQuery &q, int first)
{
    CallRow row;
    for (int i = 0; i < count(); ++i)
        assign(kColumns[static_cast<std::size_t>(i)], row, q.value(first + i));
    return row;
}

} // namespace callcolumns

} // namespace vv::agent
