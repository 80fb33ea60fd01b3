#pragma once
// Follows SIP dialogs (keyed by Call-ID, sides told apart by tags) and the
// media endpoints their SDP negotiates; routes RTP to the call and party that
// sent it; starts a recorder when a recordable call is answered and finishes
// it at BYE, failure or idle timeout. Copies of one dialog seen through a
// proxy share the Call-ID and are therefore one call.
#include "audio/callrecorder.h"
#include "calls/recordingpolicy.h"
#include "capture/linkdecoder.h"
#include "config/agentconfig.h"
#include "pipeline/callreport.h"
#include "sip/sdp.h"
#include "sip/sipmessage.h"
#include "vault/vaultstore.h"

#include <functional>
#include <memory>
#include <string>
#include <unordered_map>

struct TrackerCounters
{
    std::uint64_t rtpPackets = 0;     // matched to a call
    std::uint64_t rtpInvalid = 0;     // matched endpoint but not RTP
    std::uint64_t rtpSecondary = 0;   // a second copy of a direction (proxy/relay)
    std::uint64_t sipOutOfDialog = 0; // requests/responses for no known call
    std::uint64_t badSdp = 0;
    std::uint64_t recorderErrors = 0;
};

class CallTracker
{
public:
    using ReportSink = std::function<void(const CallReport &)>;

    // store may be null (no catalogue): recordings are then written under
    // config.dataDir and nothing is catalogued.
    CallTracker(const AgentConfig &config, VaultStore *store, ReportSink sink);
    ~CallTracker();

    void onSip(const SipMessage &msg, PacketTime ts, const Endpoint &src, const Endpoint &dst);
    // Returns true if the datagram belonged to a call's media.
    bool onMedia(const UdpDatagram &dgram);
    // Advances recorders and expires idle calls; call often (every ~20 ms of packet time).
    void tick(PacketTime now);
    // Ends every call in progress at `now` (shutdown or end of capture).
    void finishAll(PacketTime now, const QString &cause);
    void setVaults(std::vector<VaultConfig> vaults); // takes effect for new calls at once
    // Re-reads vault rules from the store (after a settings change).
    void reloadVaults();

    std::size_t activeCalls() const { return m_calls.size(); }
    const TrackerCounters &counters() const { return m_counters; }

private:
    struct Call;
    struct EndpointRef
    {
        Call *call = nullptr;
        int side = 0; // 0 caller, 1 callee
    };

    void startCall(const SipMessage &msg, PacketTime ts, const Endpoint &src);
    void applySdp(Call &call, int side, const SipMessage &msg, PacketTime ts);
    void onAnswered(Call &call, PacketTime ts);
    void endCall(Call &call, PacketTime ts, const QString &cause);
    QString recordingPath(const Call &call) const;
    CallRow rowFor(const Call &call) const;

    AgentConfig m_config;
    VaultStore *m_store = nullptr;
    RecordingPolicy m_policy;
    ReportSink m_sink;
    std::unordered_map<std::string, std::unique_ptr<Call>> m_calls;
    std::unordered_map<Endpoint, EndpointRef, EndpointHash> m_endpoints;
    std::unordered_map<std::string, PacketTime> m_recentlyEnded; // Call-ID -> end time
    PacketTime m_lastExpiry = 0;
    PacketTime m_lastEncode = 0;
    TrackerCounters m_counters;
};
