#pragma once
// Checks tamper evidence (vault/hashchain.h): a whole vault (vipvault-agent verify), the audit log, or one
// recording (the API's answer to the player). Every problem names what it is about: the recording, the chain
// entry, the audit row. Recordings removed by policy and recordings made before the chain existed are counted,
// not reported as problems.
#include "vault/hashchain.h"

#include <QJsonObject>
#include <QSqlDatabase>
#include <QStringList>

namespace vv::agent {

struct VaultVerdict
{
    qint64 vaultId = 0;
    QString vaultName;
    qint64 entries = 0;         // in the chain
    qint64 filesChecked = 0;    // complete recordings whose file was hashed again
    qint64 removedByPolicy = 0; // overwritten or deleted: entry kept, no file to check
    qint64 erasedOnRequest = 0; // numbers redacted and audio removed by an audited erasure
    qint64 beforeEvidence = 0;  // recordings finished before the chain began
    qint64 signatures = 0;
    qint64 unsignedEntries = 0; // after the newest signature (signed within the hour)
    QStringList problems;
    bool ok() const { return problems.isEmpty(); }
    QJsonObject toJson() const;
};

struct AuditVerdict
{
    qint64 rows = 0;
    qint64 beforeEvidence = 0; // rows written before the audit log was chained
    QStringList problems;
    bool ok() const { return problems.isEmpty(); }
    QJsonObject toJson() const;
};

struct RecordingVerdict
{
    // verified: unchanged since recorded, covered by a valid signature
    // sealed: unchanged since recorded, the signature comes within the hour
    // changed: file, metadata or chain do not match (detail says which)
    // not_in_chain: a recording made after the chain began is missing from it (a problem)
    // before_evidence: recorded before tamper evidence existed; nothing to check against
    // erased: erased on request (audited); its numbers are gone on purpose
    QString status;
    QString detail;
    QByteArray fileSha256;
    PacketTime sealedAt = 0;
    PacketTime signedAt = 0;
    QByteArray publicKey;
    QJsonObject toJson() const;
};

// publicKey: when not empty, signatures must be by this key (the one the reseller noted), not merely valid.
VaultVerdict verifyVault(const QSqlDatabase &db, const QString &dataDir, qint64 vaultId, const QString &vaultName,
                         const QByteArray &publicKey, bool checkFiles);
AuditVerdict verifyAudit(const QSqlDatabase &db);
RecordingVerdict verifyRecording(const QSqlDatabase &db, const QString &dataDir, qint64 callId,
                                 const QByteArray &publicKey);

} // namespace vv::agent
