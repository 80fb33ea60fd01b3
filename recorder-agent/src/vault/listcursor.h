#pragma once
// Keyset paging of recording listings. A listing has a sort order (a column
// and a direction); a page ends at a row whose (sort key, id) the next page
// starts after. The cursor handed to clients carries that key and id, and —
// for every order but the default — the order's name, so a cursor cannot be
// replayed against another order. Text keys are hex-encoded UTF-8.
#include <QString>
#include <QVariant>
#include <optional>

namespace vv::agent {

struct CallRow;

struct SortOrder
{
    enum class Field { StartedAt, DurationMs, Bytes, Extension };
    Field field = Field::StartedAt;
    bool descending = true;

    // "started_at", "-duration_ms", "bytes", "extension"...; nullopt for anything else.
    static std::optional<SortOrder> parse(const QString &text);
    static SortOrder newestFirst() { return {}; }
    QString name() const; // as parse() takes it: "-started_at"
    QString fieldName() const;
    bool isDefault() const { return field == Field::StartedAt && descending; }
    bool isTextKey() const { return field == Field::Extension; }
    QVariant keyOf(const CallRow &row) const;
    bool operator==(const SortOrder &o) const = default;
};

struct ListCursor
{
    SortOrder order;
    QVariant key; // qint64, or QString for text keys
    qint64 id = 0;

    QString encode() const;
    // nullopt with *error for a cursor of another order or one we never gave out.
    static std::optional<ListCursor> decode(const QString &text, const SortOrder &order, QString *error);
};

} // namespace vv::agent
