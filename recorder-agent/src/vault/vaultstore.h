#pragma once
// Keeps every vault's promise: a capped vault's audio files never exceed the
// cap (space is reserved before bytes are written and the oldest unprotected
// recordings are evicted first, whole), an indefinite vault grows, and the
// filesystem always keeps its free-space reserve. Owns the catalogue rows of
// calls and recordings and the running usage totals.
#include "audio/recordingfile.h"
#include "config/agentconfig.h"
#include "vault/annotations.h"
#include "vault/catalogue.h"
#include "vault/cataloguewriter.h"
#include "vault/chainsigner.h"
#include "vault/vaultkeyring.h"

#include <QHash>
#include <QSet>
#include <QString>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

namespace vv::agent {

// What new settings would remove, computed on the current state: the
// retention limit first, then the cap on what is left, oldest first.
struct SettingsPlan
{
    qint64 expiredRecordings = 0; // older than the retention limit
    qint64 expiredBytes = 0;
    qint64 evictedRecordings = 0; // overwritten to get under the cap
    qint64 evictedBytes = 0;
    bool reachable = true; // false: protected recordings and calls in progress alone exceed the cap
    qint64 heldBytes = 0;  // what the vault holds now
    QString token;         // names these settings on this state; a change that removes anything must quote it
    bool removesAnything() const { return expiredRecordings + evictedRecordings > 0; }
};

enum class StoreResult {
    Done,
    NotFound,
    NoAudio,      // the call has no audio (not recorded, overwritten or deleted)
    Protected,    // legal hold: refused
    PlanRequired, // the change would remove recordings and quoted no plan
    PlanStale,    // the quoted plan is not what the change would do now
    Failed,       // the catalogue refused the write (error says why)
};

struct StoreStatus
{
    bool diskLow = false; // free space at or below the reserve
    qint64 freeBytes = 0;
    qint64 reserveBytes = 0;
    qint64 refusedRecordings = 0; // not started because the disk reserve was reached
    qint64 evictions = 0;
};

// A vault's rules as the recording policy reads them.
VaultConfig rulesOf(const VaultRecord &vault);

// Deletes a recording's audio file, crypto-shredding first: a sealed file's key slot is overwritten (and synced)
// before the file is unlinked, so no copy of the ciphertext (backups, a disk's free blocks) can be opened again.
// false when the file is still there.
bool destroyAudioFile(const VaultKeyring *ring, const QString &path);

// The months of a retention limit back from now.
PacketTime retentionCutoff(int months, PacketTime now);

class VaultStore
{
public:
    // A recording chosen for removal, as the catalogue writer needs it.
    struct Removal
    {
        qint64 id = 0;
        qint64 vaultId = 0;
        qint64 bytes = 0;
        qint64 durationMs = 0;
        QString file;
    };

    VaultStore(Catalogue *catalogue, QString dataDir, qint64 reserveFreeBytes);

    // After open(): catalogue writes go to this writer (off the recorder's
    // thread). Without one they are made at once, on the caller's thread.
    void setWriter(CatalogueWriter *writer);
    // Waits until every write queued so far is in the catalogue (an API change
    // that removed recordings answers after they are gone). Any thread but the writer's.
    void waitForWrites()
    {
        if (m_writer)
            m_writer->flush();
    }

    // Loads vaults, applies [vault] sections of the config file, repairs what a
    // crash left behind (see reconcile.cpp). Logs every repair.
    bool open(const AgentConfig &config, PacketTime now, QString *error);
    // SIGHUP: apply changed [vault] keys of the config file to the running store.
    bool reloadConfig(const AgentConfig &config, PacketTime now, QString *error);
    // The vault rules as the recording policy needs them, in vault id order.
    std::vector<VaultConfig> policyVaults() const;
    const std::vector<VaultRecord> &vaults() const { return m_vaults; }
    std::optional<VaultRecord> vault(const QString &name) const;
    // Changes settings at once (a lower cap evicts, a retention limit deletes,
    // immediately): the config file and new vaults, whose owner decided.
    bool updateVault(const VaultRecord &settings, PacketTime now, QString *error);
    // A person's change: refused (PlanRequired / PlanStale, *plan filled)
    // when it would remove recordings unless `confirmedPlan` is the token of
    // planSettings() on the current state. Checked and applied in one step on
    // the recorder's thread, so nothing can slip in between.
    StoreResult changeVault(const VaultRecord &settings, PacketTime now, const QString &confirmedPlan,
                            SettingsPlan *plan, QString *error);
    SettingsPlan planSettings(const VaultRecord &settings, PacketTime now) const;

    // A recordable call was answered. Returns the row id and absolute path for
    // the audio, or 0 with *refusal saying why recording cannot start.
    qint64 beginRecording(const CallRow &row, QString *absolutePath, QString *refusal);
    // Called before each write: may evict; false means no room is left.
    bool reserve(qint64 recordingId, qint64 bytes, QString *why);
    void finishRecording(CallRow row, qint64 bytesOnDisk);
    // The file could not be created or finished: drop the reservation, keep the row as not recorded.
    void abandonRecording(CallRow row, const QString &why);
    // Calls that were not recorded still get a row with their reason.
    qint64 recordCallSeen(const CallRow &row);
    // Fills row.numbersNorm from the numbers and the vault's numbering plan. Every row written goes through it.
    void normaliseNumbers(CallRow &row) const;

    // An extension was seen (source "register" or "call"): remembered with its
    // last-seen time so the app can offer it for exclusion.
    void noteExtension(const QString &number, const QString &host, qint64 vaultId, const QString &source,
                       PacketTime at);

    // Legal hold on or off; only a call with audio (or being recorded) can be
    // held. These two run on the catalogue writer (any thread may call them):
    // there they are serialised with the recorder's evictions, which re-check
    // the hold when they are written.
    StoreResult setProtected(qint64 callId, bool isProtected, QString *error);
    // Deletes one recording's audio now (a person's request): row kept as "deleted".
    StoreResult deleteRecording(qint64 callId, const QString &why, PacketTime now, QString *error);
    // Erasure on request (vault/subjectrequests.h): the audio removed (unless under legal hold) and the row's
    // numbers redacted, on the writer.
    StoreResult eraseRecording(qint64 callId, PacketTime now, QString *error);
    // Sets or (empty text) removes a person's note on a recording (vault/annotations.h), on the writer.
    StoreResult annotate(qint64 callId, const Annotation &note, QString *error);

    // Packet-time housekeeping: what the writer reported, hourly usage samples, daily retention.
    void tick(PacketTime now);
    void drainInbox();
    void applyRetention(PacketTime now);
    void signChains(PacketTime now); // hourly, on the writer: every head that moved
    void applyRetention(const VaultRecord &v, PacketTime now);
    void sampleUsage(PacketTime now);

    qint64 heldBytes(qint64 vaultId) const; // finished audio + reservations of recordings in progress
    StoreStatus status() const;
    QString absolutePath(const QString &relative) const;
    Catalogue *catalogue() const { return m_catalogue; }
    // Encryption at rest (vault/vaultkeyring.h, vault/vaultsealing.cpp).
    const std::shared_ptr<VaultKeyring> &keyring() const { return m_keyring; }
    std::optional<SealingKey> sealingFor(qint64 vaultId) const;
    RecordingFile::KeyResolver keyResolver() const;
    // Encrypts a plain finished recording of a vault that now encrypts (the key custodian's migration), on the
    // writer: sealed copy, synced, renamed over the plain file in the transaction that updates its size, the
    // usage and the hash chain (a reseal entry linking the plain file's entry). *addedBytes: how much it grew.
    StoreResult resealRecording(qint64 callId, qint64 *addedBytes, QString *error);
    const QString &dataDir() const { return m_dataDir; }

private:
    // Rows written before a vault had a numbering plan, or before its plan changed, normalised now.
    bool normaliseStoredNumbers(QString *error);
    struct Active
    {
        qint64 vaultId = 0;
        qint64 reserved = 0; // bytes promised to this recording
        qint64 used = 0;     // bytes it has written
    };
    struct Held
    {
        qint64 finished = 0; // bytes of complete recordings
        qint64 reserved = 0; // sum of active reservations
    };

    bool openCatalogue(const AgentConfig &config, PacketTime now, QString *error);
    const VaultRecord *vaultById(qint64 id) const;
    bool makeRoom(qint64 vaultId, qint64 bytes, PacketTime now, const QString &reason);
    qint64 evictOldest(qint64 vaultId, qint64 bytesNeeded, PacketTime now, const QString &reason);
    void queueRemoval(const std::vector<CallRow> &rows, const QString &state, const QString &reason, PacketTime now);
    void write(CatalogueWriter::Job job);           // queued on the writer, or at once
    void runWrite(const CatalogueWriter::Job &job); // on the writer, waiting for it
    void toRecorder(std::function<void()> fn);      // from a writer job: run on the recorder's thread
    qint64 freeDiskBytes() const;
    qint64 diskAvailableBytes() const;
    qint64 chunkFor(const VaultRecord *v) const;
    bool openEvidence(PacketTime now, QString *error);
    bool openKeyring(const AgentConfig &config, PacketTime now, QString *error);
    qint64 outstandingReservations() const;

    Catalogue *m_catalogue;
    CatalogueWriter *m_writer = nullptr;
    QString m_dataDir;
    std::shared_ptr<const ChainSigner> m_signer; // tamper evidence: signs chain heads (vault/chainsigner.h)
    std::shared_ptr<VaultKeyring> m_keyring;     // encryption at rest (vault/vaultkeyring.h)
    qint64 m_reserveFree;
    std::vector<VaultRecord> m_vaults;
    QHash<qint64, Held> m_held;
    QHash<qint64, Active> m_active;
    QHash<QString, PacketTime> m_extensionWrites; // throttles noteExtension writes
    PacketTime m_now = 0;
    PacketTime m_lastSampleHour = 0;
    PacketTime m_lastRetentionDay = 0;
    qint64 m_refused = 0;
    qint64 m_evictions = 0;
    bool m_diskLow = false;
    qint64 m_lastCallId = 0;       // row ids are chosen here, before their rows are written
    QSet<qint64> m_pendingRemoval; // chosen for removal, write not yet confirmed
    qint64 m_pendingFreeBytes = 0; // their bytes, still on disk
    std::mutex m_inboxMutex;
    std::vector<std::function<void()>> m_inbox; // from the writer's thread

    friend class Reconciler;
};

// Recordings ask for space in steps of this size (an Ogg page is ~1-2 KB), or
// less in a small vault so a handful of calls in progress cannot hog it.
constexpr qint64 kReserveChunk = qint64{32} * 1024;
// Room audio leaves above the free-space reserve for the catalogue itself
// (rows of calls not recorded still need writing, and its write-ahead log is
// capped at 1 MB), so even a full disk keeps every call's reason.
constexpr qint64 kCatalogueHeadroom = qint64{2} * 1024 * 1024;

} // namespace vv::agent
