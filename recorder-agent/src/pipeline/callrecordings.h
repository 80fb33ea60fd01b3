#pragma once
// Ties the stages together for every call: the dialog tracker's events start
// and end recording sessions (one per vault the call belongs to), the media
// router hands each call's RTP (decrypted first when it is SDES-keyed SRTP) to
// its sessions, and every call that ends gets its report and catalogue row
// with the reason it was or was not recorded.
#include "calls/dialogtracker.h"
#include "config/agentconfig.h"
#include "pipeline/callreport.h"
#include "pipeline/mediarouter.h"
#include "pipeline/recordingsession.h"
#include "pipeline/reportbuilder.h"
#include "rtp/srtpdecryptor.h"

#include <functional>
#include <memory>
#include <unordered_map>
#include <utility>
#include <vector>

namespace vv::agent {

class VaultStore;

struct RecordingCounters
{
    std::uint64_t recorderErrors = 0;
    std::uint64_t srtpDecrypted = 0;   // packets decrypted and authenticated
    std::uint64_t srtpFailed = 0;      // packets no key (or roll-over counter) authenticated
    std::uint64_t srtpDuplicates = 0;  // copies of packets already decrypted
    std::uint64_t encryptedMissed = 0; // calls to record whose media could not be decrypted
};

class CallRecordings : private DialogEvents
{
public:
    using ReportSink = std::function<void(const CallReport &)>;

    CallRecordings(const AgentConfig &config, VaultStore *store, ReportSink sink);
    ~CallRecordings() override;

    void onSip(const SipMessage &msg, PacketTime ts, const Endpoint &src, const Endpoint &dst)
    {
        m_lastSipAt = ts;
        m_dialogs.onSip(msg, ts, src, dst);
    }
    PacketTime lastSipAt() const { return m_lastSipAt; }
    PacketTime lastRecordingAt() const { return m_lastRecordingAt; }
    // The capture's drops so far (kernel and queue): a call recorded while they grow is marked degraded.
    void setCaptureDrops(quint64 total) { m_captureDrops = total; }

    // For the health watcher (alerts/): calls that should have been recorded and were not, and vaults in
    // which a recording started, since it last asked.
    struct Missed
    {
        qint64 rowId = 0;
        qint64 vaultId = 0;
        QString vault;
        QString sipCallId;
        QString caller;
        QString callee;
        QString reason;
    };
    std::vector<Missed> takeMissed() { return std::exchange(m_missed, {}); }
    std::vector<qint64> takeRecordingVaults() { return std::exchange(m_recordingVaults, {}); }
    // Returns true if the datagram belonged to a call's media.
    bool onMedia(const UdpDatagram &dgram);
    // Advances recorders and expires idle calls; call often (every ~20 ms of packet time).
    void tick(PacketTime now);
    // Ends every call in progress at `now` (shutdown or end of capture).
    void finishAll(PacketTime now, const QString &cause) { m_dialogs.endAll(now, cause); }
    // Re-reads vault rules from the store (after a settings change); calls answered from now on follow them.
    void reloadVaults();

    std::size_t activeCalls() const { return m_dialogs.activeCalls(); }
    const DialogCounters &dialogCounters() const { return m_dialogs.counters(); }
    const MediaCounters &mediaCounters() const { return m_router.counters(); }
    const RecordingCounters &counters() const { return m_counters; }

private:
    struct Leg
    {
        VaultLeg policy;
        qint64 vaultId = 0;
        RecordingOutcome outcome;
        std::unique_ptr<RecordingSession> session;
    };
    struct Call
    {
        std::vector<Leg> legs;                     // the legs the policy records
        std::unique_ptr<SrtpDecryptor> decrypt[2]; // by sending side, for SDES-keyed SRTP
        QString encryption;
        std::vector<std::uint8_t> clear; // the last packet decrypted
        quint64 dropsAtAnswer = 0;       // capture drops counted when the call was answered
    };
    struct RecentRow
    {
        qint64 rowId = 0;
        qint64 vaultId = 0;
        PacketTime at = 0;
    };

    void mediaEndpoint(Dialog &dialog, int side, const Endpoint &endpoint) override;
    void mediaKey(Dialog &dialog, int side, const SrtpCrypto &key) override;
    void answered(Dialog &dialog) override;
    void ended(Dialog &dialog, PacketTime at, const QString &cause) override;
    void registered(const QString &number, const QString &host, PacketTime at) override;
    qint64 vaultIdOf(const VaultLeg &leg) const;
    qint64 relatedRow(const Dialog &dialog, qint64 vaultId) const;
    void finishLeg(const Dialog &dialog, Call &call, const VaultLeg &policy, Leg *leg, PacketTime at,
                   const QString &cause);

    AgentConfig m_config;
    VaultStore *m_store;
    ReportSink m_sink;
    DialogTracker m_dialogs;
    MediaRouter m_router;
    std::unordered_map<const Dialog *, Call> m_calls; // answered calls with at least one leg to record
    std::unordered_map<std::string, std::vector<RecentRow>> m_recentRows; // Call-ID -> its recordings, for links
    PacketTime m_lastEncode = 0;
    PacketTime m_lastForget = 0;
    RecordingCounters m_counters;
    PacketTime m_lastSipAt = 0;
    PacketTime m_lastRecordingAt = 0;
    quint64 m_captureDrops = 0;
    std::vector<Missed> m_missed;
    std::vector<qint64> m_recordingVaults;
};

} // namespace vv::agent
