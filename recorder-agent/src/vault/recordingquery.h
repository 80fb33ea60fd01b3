#pragma once
// Search and listing of a vault's calls: filters, sort order, keyset paging and
// the total, as one query function over the catalogue. Every page is an index
// seek, whatever the vault's size (see the catalogue schema, version 4): the
// time, duration and extension orders walk per-vault indexes, a number search
// starts from the trigram index's matches.
#include "common/phonenumber.h"
#include "vault/catalogue.h"
#include "vault/listcursor.h"

#include <QSqlDatabase>
#include <optional>
#include <vector>

namespace vv::agent {

struct RecordingQuery
{
    qint64 vaultId = 0;
    std::optional<PacketTime> from; // started at or after
    std::optional<PacketTime> to;   // started before
    QString number;                 // caller or callee contains (3+ characters use the trigram index)
    QString extension;              // exactly
    QString direction;              // inbound, outbound, internal
    QString annotation;             // a person's note contains (case-insensitive for ASCII letters)
    std::optional<qint64> minDurationMs;
    std::optional<bool> recorded;
    SortOrder order;
    std::optional<ListCursor> after; // the previous page's cursor
    int limit = 50;
};

struct RecordingPage
{
    std::vector<CallRow> rows;
    std::optional<ListCursor> next; // set when another page exists
    qint64 total = 0;               // rows matching the filters, all pages
};

// The vault's numbering plan (country code, national prefix), how its numbers are normalised.
NumberPlan numberPlanOf(const QSqlDatabase &db, qint64 vaultId);

// false with *error when the catalogue could not answer (never an empty page in disguise).
bool queryRecordings(const QSqlDatabase &db, const RecordingQuery &query, RecordingPage *page, QString *error);

} // namespace vv::agent
