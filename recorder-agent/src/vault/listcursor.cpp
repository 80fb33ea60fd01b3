#include "vault/listcursor.h"

#include "vault/catalogue.h"

namespace vv::agent {

namespace {

struct FieldName
{
    SortOrder::Field field;
    const char *name;
};
constexpr FieldName kFields[] = {{SortOrder::Field::StartedAt, "started_at"},
                                 {SortOrder::Field::DurationMs, "duration_ms"},
                                 {SortOrder::Field::Bytes, "bytes"},
                                 {SortOrder::Field::Extension, "extension"}};

} // namespace

std::optional<SortOrder> SortOrder::parse(const QString &text)
{
    const bool descending = text.startsWith(u'-');
    const QString field = descending ? text.mid(1) : text;
    for (const FieldName &f : kFields)
        if (field == QLatin1String(f.name))
            return SortOrder{f.field, descending};
    return std::nullopt;
}

QString SortOrder::fieldName() const
{
    for (const FieldName &f : kFields)
        if (f.field == field)
            return QString::fromLatin1(f.name);
    return {};
}

QString SortOrder::name() const
{
    return (descending ? QStringLiteral("-") : QString()) + fieldName();
}

QVariant SortOrder::keyOf(const CallRow &row) const
{
    switch (field) {
    case Field::StartedAt:
        return row.startedAt;
    case Field::DurationMs:
        return row.durationMs;
    case Field::Bytes: // the size held: 0 once overwritten or deleted
        return row.state == CallState::Complete ? row.bytes : qint64(0);
    case Field::Extension:
        return row.extension;
    }
    return {};
}

QString ListCursor::encode() const
{
    const QString k =
        order.isTextKey() ? QString::fromLatin1(key.toString().toUtf8().toHex()) : QString::number(key.toLongLong());
    return QStringLiteral("%1%2.%3").arg(order.isDefault() ? QString() : order.name() + u':', k).arg(id);
}

std::optional<ListCursor> ListCursor::decode(const QString &textIn, const SortOrder &order, QString *error)
{
    QString text = textIn;
    const qsizetype colon = text.indexOf(u':');
    const QString tag = colon >= 0 ? text.left(colon) : QString();
    if (tag != (order.isDefault() ? QString() : order.name())) {
        *error = QStringLiteral("cursor belongs to another sort order; start again without it");
        return std::nullopt;
    }
    text = text.mid(colon + 1);
    const qsizetype dot = text.lastIndexOf(u'.');
    bool idOk = false;
    const qint64 id = dot >= 0 ? text.mid(dot + 1).toLongLong(&idOk) : 0;
    const QString keyText = dot >= 0 ? text.left(dot) : QString();
    ListCursor c{order, {}, id};
    bool keyOk = false;
    if (order.isTextKey()) {
        const QByteArray bytes = QByteArray::fromHex(keyText.toLatin1());
        keyOk = bytes.toHex() == keyText.toLatin1();
        c.key = QString::fromUtf8(bytes);
    } else {
        c.key = keyText.toLongLong(&keyOk);
    }
    if (dot < 0 || !idOk || !keyOk) {
        *error = QStringLiteral("cursor is not one we gave out");
        return std::nullopt;
    }
    return c;
}

} // namespace vv::agent
