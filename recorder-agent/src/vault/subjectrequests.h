#pragma once
// Requests about one person (GDPR: access and erasure), by their telephone number within a vault. A call matches
// when its caller, callee or dialled number is that number however either was written ("+44 7700 900123" and
// "07700900123" are one number under the vault's plan, common/phonenumber.h) — whole numbers, never a substring.
//
// Erasure removes the audio of every matching recording not under legal hold and replaces the numbers in each
// matching row with "(erased)"; the row itself stays so the vault's hash chain still accounts for it, and
// vault/chainverify.h accepts the changed details of a row only when the audit log holds its "erase" entry.
#include "vault/catalogue.h"

#include <QSqlDatabase>
#include <vector>

namespace vv::agent {

inline const QString kErasedNumber = QStringLiteral("(erased)");
inline const QString kErasedReason = QStringLiteral("erased on request");

// Every row of the vault (any state) with this number; false with *error when the catalogue could not answer.
bool findSubjectCalls(const QSqlDatabase &db, qint64 vaultId, const QString &number, std::vector<CallRow> *out,
                      QString *error);

// Names the exact set a dry run found: the confirmation must carry it, so a set that changed meanwhile (a new call,
// a recording protected) is planned again rather than erased blind.
QString erasurePlanToken(qint64 vaultId, const QString &number, const std::vector<CallRow> &rows);

// Redacts a row's numbers (on the writer, in the caller's transaction).
bool redactNumbers(const QSqlDatabase &db, qint64 callId, QString *error);

} // namespace vv::agent
