// Shared by the vault tests (cap, crash safety, disk full): run the agent with or without crash injection,
// generate many overlapping calls, and look at what the agent left behind — the catalogue read directly with
// QSQLITE and the audio files on disk — so every test judges the same two sources of truth the same way.
#pragma once

#include "agentharness.h"
#include "scenario.h"

#include <QList>
#include <QMap>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <optional>

namespace vv::vaulttest {

// ---- running the agent ------------------------------------------------------------------------------------

struct AgentProcess
{
    bool started = false;
    bool finished = false; // false: timed out and killed by the test
    QProcess::ExitStatus exitStatus = QProcess::NormalExit;
    int exitCode = -1; // the signal number when exitStatus is CrashExit
    QString standardError;
    vv::testing::AgentRun run; // stdout parsed: call lines, summary

    bool exitedCleanly() const { return started && finished && exitStatus == QProcess::NormalExit && exitCode == 0; }
    bool killedBy(int signal) const { return finished && exitStatus == QProcess::CrashExit && exitCode == signal; }
    QString describe() const;
};

// `crash` is the VIPVAULT_TEST_CRASH value ("page:40"); empty removes the variable, so a crash setting in the
// test's own environment can never leak into a run that must not crash.
AgentProcess runAgent(const QStringList &args, const QString &crash = {}, int timeoutMs = 900000);
AgentProcess replay(const QString &config, const QString &dataDir, const QStringList &captures,
                    const QString &crash = {});
QString agentPath();
// A test's data folder, kept after the run when VV_KEEP_DATA is set; "" when it and the agent binary are usable.
QString prepareDataFolder(QTemporaryDir &dir);

// [agent] (data_dir, reserve_free) and vault "acme" with extensions 200-299 plus `vaultLines`.
QString writeVaultConfig(const QString &dir, const QString &dataDir, const QString &vaultLines,
                         const QString &reserveFree = QStringLiteral("1MB"));

// ---- generating traffic -----------------------------------------------------------------------------------

// `lanes` chains of back-to-back calls, the chains staggered: at most `lanes` calls talk at once, and between
// the steady-state bounds nearly all of them do. Each call gets its own phone and far-end media port among the
// calls that can overlap, so the agent never has to tell two live calls apart by anything but their addresses.
struct LaneCalls
{
    std::string prefix = "call";
    int count = 200;
    int lanes = 5;
    double start = 0; // seconds since the epoch; 0 = topology::kEpoch
    int minTalkMs = 5000;
    int maxTalkMs = 20000;
    int ringMs = 500;
    int gapMs = 200; // from a call's BYE to the next INVITE on the same lane
    uint64_t seed = 1;
};

struct LaneSummary
{
    double steadyFrom = 0; // every lane has answered its first call
    double steadyTo = 0;   // the first lane has hung up its last call
    double lastEnd = 0;
};

LaneSummary addLaneCalls(capgen::Scenario &scenario, const LaneCalls &spec);
// Fewest and most answered calls in progress at any moment in [from, to].
std::pair<int, int> concurrency(const std::vector<capgen::CallTruth> &truths, double from, double to);

bool writePcap(const QString &path, const capgen::Scenario &scenario, QString *error);
// One stray UDP packet at `at`: the agent starts (and reconciles) at that packet time and sees no call.
bool writeIdleCapture(const QString &path, double at, QString *error);

// ---- what the agent left behind ---------------------------------------------------------------------------

struct Row
{
    qint64 id = 0;
    QString sipCallId;
    QString state;
    bool recorded = false;
    QString reason;
    QString file; // relative to the data dir, as the catalogue keeps it
    qint64 bytes = 0;
    qint64 startedAt = 0; // µs since the epoch
    qint64 answeredAt = 0;
    qint64 endedAt = 0;
    qint64 durationMs = 0;
    bool isProtected = false;
    std::optional<qint64> removedAt;
    QString removedReason;
    QString note;
};

struct CatalogueView
{
    QString error; // empty = read fine
    QList<Row> rows;
    qint64 storedBytes = 0;
    qint64 storedRecordings = 0;
    qint64 storedDurationMs = 0;
    std::optional<qint64> capBytes;

    QList<Row> inState(const QString &state) const;
    const Row *bySipCallId(const QString &callId) const;
    const Row *byId(qint64 id) const;
};

// Reads vault `vault` of <dataDir>/catalogue.sqlite. Only while no agent runs on the data dir.
CatalogueView readCatalogue(const QString &dataDir, const QString &vault = QStringLiteral("acme"));
QString execSql(const QString &dataDir, const QString &sql); // "" = done

// Audio files under <dataDir>/vaults: relative path -> size, both *.opus and *.opus.part.
QMap<QString, qint64> audioFiles(const QString &dataDir);
qint64 totalBytes(const QMap<QString, qint64> &files);
QByteArray fileHash(const QString &path);
// Length of the decoded audio in ms (libopusfile), or -1 with *error set.
// Milliseconds of audio in a recording file; a sealed one (agent-held key) is decrypted with the key beside its data.
double decodedMs(const QString &path, QString *error);
// The Ogg bytes of a file sealed to an agent-held key, opened with that data folder's master key; empty with *error.
QByteArray agentHeldPlaintext(const QString &path, QString *error);

// What must hold whenever no agent runs on the data dir (design principles 3 and 4): no .part left; every
// complete row has its file, of the catalogued size, decoding to more than 0 and at most duration_ms + 100 ms;
// no audio file without a complete row; overwritten/deleted rows have removal data and no file; no row left
// "recording"/"evicting"; vault_usage agrees with the complete rows and with the disk. "" = all true.
QString checkConsistency(const QString &dataDir, const CatalogueView &catalogue, const QMap<QString, qint64> &files);

// (started_at, id): the order the agent promises to evict in.
bool olderThan(const Row &a, const Row &b);
// "Oldest start first, whole recordings": a recording may only outlive an overwritten one that started earlier
// if it was not yet complete (still being recorded, or not begun) when that one was overwritten, because only
// complete recordings are eviction candidates. "" = every (evicted, kept) pair obeys that.
QString checkEvictionOrder(const QList<Row> &evicted, const QList<Row> &kept);

// Recursive copy (a data dir snapshot to start another test from).
bool copyTree(const QString &from, const QString &to);
QString isoMs(qint64 micros);

} // namespace vv::vaulttest
