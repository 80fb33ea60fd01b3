#pragma once
// Follows SIP dialogs (keyed by Call-ID, sides told apart by tags) and the
// media each side's SDP negotiates, and reports what matters to a recorder as
// events: a media endpoint appeared, the call was answered, the call ended.
// Copies of one dialog seen through a proxy share the Call-ID and are
// therefore one call. Knows nothing of audio or storage.
#include "calls/dialog.h"
#include "calls/recordingpolicy.h"
#include "sip/sipmessage.h"

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>

namespace vv::agent {

class DialogEvents
{
public:
    virtual ~DialogEvents() = default;
    // The SDP of `side` named an endpoint media may arrive at or come from.
    virtual void mediaEndpoint(Dialog &dialog, int side, const Endpoint &endpoint) = 0;
    // A 2xx to the INVITE: answeredAt and codec are set.
    virtual void answered(Dialog &dialog) = 0;
    // The call is over (BYE, final failure, idle, shutdown). The dialog is destroyed after this returns.
    virtual void ended(Dialog &dialog, PacketTime at, const QString &cause) = 0;
    // A REGISTER for an address-of-record: the phone behind it is reachable.
    virtual void registered(const QString &number, const QString &host, PacketTime at) = 0;
};

struct DialogCounters
{
    std::uint64_t sipOutOfDialog = 0; // requests/responses for no known call
    std::uint64_t badSdp = 0;
};

class DialogTracker
{
public:
    DialogTracker(RecordingPolicy policy, DialogEvents *events);
    ~DialogTracker();

    void setPolicy(RecordingPolicy policy) { m_policy = std::move(policy); } // for calls that start from now on
    void onSip(const SipMessage &msg, PacketTime ts, const Endpoint &src, const Endpoint &dst);
    // Media of the dialog was seen: it is not idle.
    static void touch(Dialog &dialog, PacketTime ts) { dialog.lastActivity = ts; }
    // Ends calls with no SIP or media for `idleTimeout`; forgets Call-IDs ended long ago.
    void expire(PacketTime now, PacketTime idleTimeout);
    // Ends every call in progress at `now` (shutdown or end of capture).
    void endAll(PacketTime now, const QString &cause);

    std::size_t activeCalls() const { return m_dialogs.size(); }
    const DialogCounters &counters() const { return m_counters; }

private:
    void start(const SipMessage &msg, PacketTime ts, const Endpoint &src);
    void applySdp(Dialog &dialog, int side, const SipMessage &msg);
    void answer(Dialog &dialog, PacketTime ts);
    void end(Dialog &dialog, PacketTime ts, const QString &cause);

    RecordingPolicy m_policy;
    DialogEvents *m_events;
    std::unordered_map<std::string, std::unique_ptr<Dialog>> m_dialogs;
    std::unordered_map<std::string, PacketTime> m_recentlyEnded; // Call-ID -> end time
    PacketTime m_lastExpiry = 0;
    DialogCounters m_counters;
};

} // namespace vv::agent
