#pragma once
// The agent's catalogue: vault settings, one row per call seen (recorded or
// not, with the reason), usage samples for billing. SQLite in WAL mode through
// Qt Sql; a schema_version table and ordered migrations, each applied in one
// transaction, so an upgrade either happens whole or not at all.
#include "common/timeformat.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <optional>
#include <stdexcept>
#include <vector>

class QSqlQuery;

namespace vv::agent {

struct VaultRecord
{
    qint64 id = 0;
    QString name;
    bool enabled = true;
    std::optional<qint64> capBytes; // nullopt: grow indefinitely
    std::optional<int> retentionMonths;
    int pricePencePerGbMonth = 100; // £1.00 per GB-month, GB = 10^9 bytes
    QString extensions;             // "200-299, 1000"
    QString extensionPattern;       // regular expression, may be empty
    QStringList excluded;
    QStringList domains;
    QString configApplied; // JSON of the config-file keys last applied (see VaultStore::applyConfig)
    QString countryCode;   // numbering plan of the vault's numbers: "44", or '' (not known)
    QString nationalPrefix = QStringLiteral("0");
};

// Storage states of a call row.
namespace CallState {
inline const QString NotRecorded = QStringLiteral("not_recorded");
inline const QString Recording = QStringLiteral("recording");
inline const QString Complete = QStringLiteral("complete");
inline const QString Evicting = QStringLiteral("evicting");       // chosen for eviction, file may still exist
inline const QString Overwritten = QStringLiteral("overwritten"); // audio evicted to make room (cap)
inline const QString Deleted = QStringLiteral("deleted");         // retention or a person deleted it
inline const QString Missing = QStringLiteral("missing");         // file vanished outside the agent
} // namespace CallState

struct CallRow
{
    qint64 id = 0;
    qint64 vaultId = 0; // 0 = no vault (trunk leg)
    QString sipCallId;
    QString caller;
    QString callee;
    QString extension;
    QString direction;
    bool recorded = false;
    QString reason;
    PacketTime startedAt = 0;
    PacketTime answeredAt = 0;
    PacketTime endedAt = 0;
    qint64 durationMs = 0;
    QString endCause;
    QString codec;
    QString state;
    QString file; // relative to the data folder
    qint64 bytes = 0;
    bool isProtected = false;
    PacketTime removedAt = 0;
    QString removedReason;
    QString quality;      // JSON
    QString note;         // e.g. "truncated: the call outgrew the vault cap"
    QString dialled;      // the number the caller dialled, when it differs from who answered (ring group, DID, forward)
    qint64 relatedId = 0; // the recording this one continues (a transfer or pickup of that call)
    QString outcome;      // for a call the policy says to record: recorded, degraded or missed; '' otherwise
    QString numbersNorm;  // caller, callee and dialled in normalised form (common/phonenumber.h), for search
};

namespace CallOutcome {
inline const QString Recorded = QStringLiteral("recorded");
inline const QString Degraded = QStringLiteral("degraded");
inline const QString Missed = QStringLiteral("missed");
} // namespace CallOutcome

struct UsageTotals
{
    qint64 storedBytes = 0; // audio held now (complete + in progress)
    qint64 storedRecordings = 0;
    qint64 storedDurationMs = 0;
    qint64 writtenBytes = 0; // ever written (monotonic): growth is measured from it
    qint64 writtenRecordings = 0;
    qint64 writtenDurationMs = 0;
};

// A number the agent has seen acting as one of a vault's extensions: it registered, or it took part in a call.
struct ExtensionSeen
{
    QString extension;
    QString source; // "register" or "call"
    PacketTime lastSeen = 0;
};

struct UsageSample
{
    PacketTime at = 0;
    qint64 storedBytes = 0;
    qint64 writtenBytes = 0;
};

// A catalogue read that failed (I/O error, corruption, a lock held past the
// busy timeout). Thrown rather than returned as "nothing", so an unreadable
// catalogue never reads as an empty vault or a total of 0: the API answers
// 503, the recorder logs it and refuses what it cannot check.
class CatalogueError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

// Catalogue failures since the process started (reads that threw, writes the writer could not make): the
// health watcher opens an event when this grows.
quint64 catalogueFailures();
void noteCatalogueFailure();

// Runs a read query, or throws CatalogueError naming `what`.
void execRead(QSqlQuery &q, const char *what);
// After iterating a read: a failure while stepping through rows throws too.
void checkRead(const QSqlQuery &q, const char *what);

class Catalogue
{
public:
    static constexpr int kSchemaVersion = 10;

    explicit Catalogue(QString connectionName = QStringLiteral("vipvault-catalogue"));
    ~Catalogue();
    Catalogue(const Catalogue &) = delete;
    Catalogue &operator=(const Catalogue &) = delete;

    // Opens (creating if needed) and migrates to kSchemaVersion. Tests of the
    // migrations stop earlier with upToVersion, to build an older catalogue.
    bool open(const QString &path, QString *error, int upToVersion = kSchemaVersion);
    QSqlDatabase database() const;
    int schemaVersion();

    std::vector<VaultRecord> loadVaults();
    std::optional<VaultRecord> vaultByName(const QString &name);
    bool saveVault(VaultRecord *vault, PacketTime now, QString *error);

    qint64 insertCall(const CallRow &row, QString *error); // keeps row.id when it is set
    // Numbers in normalised form (common/phonenumber.h): rows not normalised yet (NULL), a batch at a time, and
    // forgetting a vault's when its numbering plan changed.
    struct NumbersToNormalise
    {
        qint64 id = 0;
        QStringList raw; // caller, callee, dialled
    };
    std::vector<NumbersToNormalise> unnormalisedNumbers(qint64 vaultId, int limit);
    bool setNormalisedNumbers(qint64 id, const QString &forms, QString *error);
    bool forgetNormalisedNumbers(qint64 vaultId, QString *error);
    qint64 maxCallId();
    // Marks a complete, unprotected recording removed (overwritten / deleted);
    // *removed false when it was not (protected meanwhile, or already gone).
    bool markRemoved(qint64 id, const QString &state, PacketTime at, const QString &reason, bool *removed,
                     QString *error);
    bool updateCall(const CallRow &row, QString *error);
    std::optional<CallRow> call(qint64 id);
    std::vector<CallRow> callsInState(const QString &state);
    // Calls of a vault (0: not in any vault) that started in [from, to], by start.
    std::vector<CallRow> callsStartedBetween(qint64 vaultId, PacketTime from, PacketTime to);
    // Oldest complete, unprotected recordings of a vault, oldest start first.
    std::vector<CallRow> evictionCandidates(qint64 vaultId, int limit, qint64 afterId = 0, PacketTime afterStart = 0);
    bool setState(qint64 id, const QString &state, PacketTime removedAt, const QString &removedReason, QString *error);
    bool setProtected(qint64 id, bool isProtected, QString *error);

    // Running totals kept in step with call rows (same transaction), so usage
    // questions cost one row read whatever the catalogue's size.
    UsageTotals agentUsageTotals(); // written bytes and duration summed over every vault
    UsageTotals usageTotals(qint64 vaultId);
    bool adjustUsage(qint64 vaultId, const UsageTotals &delta, QString *error);
    // Start-up repair: recount the stored totals from the rows.
    bool recomputeStoredUsage(qint64 vaultId, UsageTotals *before, UsageTotals *after, QString *error);
    bool addUsageSample(qint64 vaultId, PacketTime at, const UsageTotals &totals, QString *error);
    std::vector<UsageSample> usageSamples(qint64 vaultId, PacketTime from, PacketTime to);
    std::optional<UsageSample> lastSampleBefore(qint64 vaultId, PacketTime t);
    std::pair<PacketTime, PacketTime> storedTimeRange(qint64 vaultId);

    bool noteExtensionSeen(qint64 vaultId, const QString &number, const QString &source, PacketTime at, QString *error);
    std::vector<ExtensionSeen> extensionsSeen(qint64 vaultId);

    bool begin(QString *error = nullptr);
    bool commit();
    void rollback();

private:
    bool migrate(int target, QString *error);
    QString m_connection;
};

} // namespace vv::agent
