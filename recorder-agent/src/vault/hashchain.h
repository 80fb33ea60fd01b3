#pragma once
// Tamper evidence: each vault's finished recordings form an append-only hash chain. An entry holds the SHA-256 of
// the recording's file as stored and of its metadata (who, when, how long: what a listener relies on), the previous
// entry's hash and its own hash over all of that. Changing a byte of a file, a number in its row, or removing or
// reordering an entry breaks the chain where it happened; the agent's Ed25519 signature over the head
// (vault/chainsigner.h) makes rewriting the whole chain detectable too. vault/chainverify.h checks it.
//
// Recordings removed by policy (overwritten, retention, a person's delete) keep their entry: verify reports them as
// removed, not as tampered. Recordings finished before schema 9 are not in the chain and are counted as such.
#include "vault/catalogue.h"

#include <QByteArray>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <optional>
#include <vector>

namespace vv::agent::chain {

struct Entry
{
    qint64 vaultId = 0;
    qint64 seq = 0; // 1, 2, … per vault
    qint64 callId = 0;
    PacketTime at = 0;
    QByteArray fileSha256; // 32 bytes
    QByteArray metaSha256; // 32 bytes
    QByteArray prev;       // the previous entry's hash; 32 zero bytes for the first
    QByteArray hash;       // entryHash() of the above
};

// SHA-256 of the metadata that does not change once a recording is finished, in a fixed canonical text.
QByteArray metadataDigest(const CallRow &row);
// SHA-256 of a file's bytes; false with *error when it cannot be read whole.
bool fileDigest(const QString &path, QByteArray *sha256, QString *error);
QByteArray entryHash(const Entry &e);
// An entry from a query selecting vault_id, seq, call_id, at, file_sha256, meta_sha256, prev, hash from `first`.
Entry readEntry(const QSqlQuery &q, int first = 0);

// Appends a finished recording (state complete, file under dataDir) to its vault's chain, in the caller's
// transaction. A recording already in the chain is left as it is (true).
bool append(const QSqlDatabase &db, const CallRow &row, const QString &dataDir, PacketTime at, QString *error);

// A plain recording encrypted at rest later (vault/vaultsealing.cpp) gets a second entry, under call id -id: the
// sealed file's hash, and resealDigest() binding the original entry's hash to the row as it is now (its size grew).
// Verify then checks the file and details against that entry; the original stays in the chain, so the link from
// the plain recording to the sealed one is as tamper-evident as the rest.
QByteArray resealDigest(const QByteArray &originalHash, const CallRow &row);
bool appendReseal(const QSqlDatabase &db, const CallRow &row, const Entry &original, const QByteArray &sealedSha256,
                  PacketTime at, QString *error);

// Seals every complete recording after the chain's start that has no entry yet (rows adopted or finalised at
// start-up, a finish whose entry was lost to a crash). A file that cannot be read is logged and left out (verify
// reports it). Returns how many were looked at, -1 on a catalogue error.
int sealPending(const QSqlDatabase &db, const QString &dataDir, PacketTime at, QString *error);

std::optional<Entry> entryOfCall(const QSqlDatabase &db, qint64 callId);
std::optional<Entry> head(const QSqlDatabase &db, qint64 vaultId);
// Entries of a vault with from <= seq <= to, in order.
bool entries(const QSqlDatabase &db, qint64 vaultId, qint64 from, qint64 to, std::vector<Entry> *out, QString *error);

// The audit log's chain: each row's hash covers the previous row's hash and the row's fields.
QByteArray auditHash(const QByteArray &prev, PacketTime at, const QString &username, const QString &address,
                     const QString &action, qint64 vaultId, qint64 recordingId, const QString &detail);

} // namespace vv::agent::chain
