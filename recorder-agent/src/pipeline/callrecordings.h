#pragma once
// Ties the stages together for every call: the dialog tracker's events start
// and end recording sessions, the media router hands each call's RTP to its
// session, and every call that ends gets its report and catalogue row, with
// the reason it was or was not recorded.
#include "calls/dialogtracker.h"
#include "config/agentconfig.h"
#include "pipeline/callreport.h"
#include "pipeline/mediarouter.h"
#include "pipeline/recordingsession.h"
#include "pipeline/reportbuilder.h"

#include <functional>
#include <memory>
#include <unordered_map>

namespace vv::agent {

class VaultStore;

class CallRecordings : private DialogEvents
{
public:
    using ReportSink = std::function<void(const CallReport &)>;

    CallRecordings(const AgentConfig &config, VaultStore *store, ReportSink sink);
    ~CallRecordings() override;

    void onSip(const SipMessage &msg, PacketTime ts, const Endpoint &src, const Endpoint &dst)
    {
        m_dialogs.onSip(msg, ts, src, dst);
    }
    // Returns true if the datagram belonged to a call's media.
    bool onMedia(const UdpDatagram &dgram);
    // Advances recorders and expires idle calls; call often (every ~20 ms of packet time).
    void tick(PacketTime now);
    // Ends every call in progress at `now` (shutdown or end of capture).
    void finishAll(PacketTime now, const QString &cause) { m_dialogs.endAll(now, cause); }
    // Re-reads vault rules from the store (after a settings change); new calls use them at once.
    void reloadVaults();

    std::size_t activeCalls() const { return m_dialogs.activeCalls(); }
    const DialogCounters &dialogCounters() const { return m_dialogs.counters(); }
    const MediaCounters &mediaCounters() const { return m_router.counters(); }
    std::uint64_t recorderErrors() const { return m_recorderErrors; }

private:
    struct Recording
    {
        RecordingOutcome outcome;
        std::unique_ptr<RecordingSession> session;
    };

    void mediaEndpoint(Dialog &dialog, int side, const Endpoint &endpoint) override;
    void answered(Dialog &dialog) override;
    void ended(Dialog &dialog, PacketTime at, const QString &cause) override;
    void registered(const QString &number, const QString &host, PacketTime at) override;
    qint64 vaultIdOf(const Dialog &dialog) const;

    AgentConfig m_config;
    VaultStore *m_store;
    ReportSink m_sink;
    DialogTracker m_dialogs;
    MediaRouter m_router;
    std::unordered_map<const Dialog *, Recording> m_recordings; // answered calls the policy records
    PacketTime m_lastEncode = 0;
    std::uint64_t m_recorderErrors = 0;
};

} // namespace vv::agent
