#pragma once
// Keeps every vault's promise: a capped vault's audio files never exceed the
// cap (space is reserved before bytes are written and the oldest unprotected
// recordings are evicted first, whole), an indefinite vault grows, and the
// filesystem always keeps its free-space reserve. Owns the catalogue rows of
// calls and recordings and the running usage totals.
#include "config/agentconfig.h"
#include "vault/catalogue.h"

#include <QHash>
#include <QString>
#include <functional>
#include <optional>
#include <vector>

namespace vv::agent {

struct EvictionPlan
{
    qint64 recordings = 0;
    qint64 bytes = 0;
    bool reachable = true; // false: protected recordings and calls in progress alone exceed the cap
    qint64 heldBytes = 0;  // what the vault holds now
};

struct StoreStatus
{
    bool diskLow = false; // free space at or below the reserve
    qint64 freeBytes = 0;
    qint64 reserveBytes = 0;
    qint64 refusedRecordings = 0; // not started because the disk reserve was reached
    qint64 evictions = 0;
};

class VaultStore
{
public:
    VaultStore(Catalogue *catalogue, QString dataDir, qint64 reserveFreeBytes);

    // Loads vaults, applies [vault] sections of the config file, repairs what a
    // crash left behind (see reconcile.cpp). Logs every repair.
    bool open(const AgentConfig &config, PacketTime now, QString *error);
    // SIGHUP: apply changed [vault] keys of the config file to the running store.
    bool reloadConfig(const AgentConfig &config, PacketTime now, QString *error);
    // The vault rules as the recording policy needs them, in vault id order.
    std::vector<VaultConfig> policyVaults() const;
    const std::vector<VaultRecord> &vaults() const { return m_vaults; }
    std::optional<VaultRecord> vault(const QString &name) const;
    // Changes settings at once (a lower cap evicts immediately).
    bool updateVault(const VaultRecord &settings, PacketTime now, QString *error);
    EvictionPlan planCap(qint64 vaultId, std::optional<qint64> newCap) const;

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

    // An extension was seen (source "register" or "call"): remembered with its
    // last-seen time so the app can offer it for exclusion.
    void noteExtension(const QString &number, const QString &host, qint64 vaultId, const QString &source,
                       PacketTime at);

    bool setProtected(qint64 callId, bool isProtected, QString *error);
    // Deletes one recording's audio now (a person's request): row kept as "deleted".
    bool deleteRecording(qint64 callId, const QString &why, PacketTime now, QString *error);

    // Packet-time housekeeping: hourly usage samples, daily retention.
    void tick(PacketTime now);
    void applyRetention(PacketTime now);
    void sampleUsage(PacketTime now);

    qint64 heldBytes(qint64 vaultId) const; // finished audio + reservations of recordings in progress
    StoreStatus status() const;
    QString absolutePath(const QString &relative) const;
    Catalogue *catalogue() const { return m_catalogue; }
    const QString &dataDir() const { return m_dataDir; }

private:
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

    const VaultRecord *vaultById(qint64 id) const;
    bool makeRoom(qint64 vaultId, qint64 bytes, PacketTime now, const QString &reason);
    qint64 evictOldest(qint64 vaultId, qint64 bytesNeeded, PacketTime now, const QString &reason);
    bool removeAudio(const CallRow &row, const QString &state, const QString &reason, PacketTime now);
    qint64 freeDiskBytes() const;
    qint64 chunkFor(const VaultRecord *v) const;
    qint64 outstandingReservations() const;

    Catalogue *m_catalogue;
    QString m_dataDir;
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
