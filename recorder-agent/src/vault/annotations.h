#pragma once
// A person's note on a recording ("customer asked for a refund; call back Friday"): one per recording, written by
// the reseller or the vault's customer, searchable, every change audited by the API. Kept in a table of its own,
// not in the calls row, so the recorder's whole-row updates of a call still in progress can never overwrite a
// note written meanwhile. (calls.note is the agent's own remark, e.g. "truncated".)
#include "vault/catalogue.h"

#include <QSqlDatabase>
#include <map>
#include <vector>

namespace vv::agent {

struct Annotation
{
    QString text;
    PacketTime updatedAt = 0;
    QString updatedBy;
};

constexpr int kMaxAnnotationChars = 2000;

// Why a note cannot be stored as given (too long, control characters), or an empty string when it can.
QString annotationProblem(const QString &text);

// The notes of these recordings, by recording id; false with *error when the catalogue could not answer.
bool annotationsOf(const QSqlDatabase &db, const std::vector<qint64> &callIds, std::map<qint64, Annotation> *out,
                   QString *error);

// Sets (or, for empty text, removes) a recording's note.
bool writeAnnotation(const QSqlDatabase &db, const CallRow &row, const Annotation &note, QString *error);

} // namespace vv::agent
