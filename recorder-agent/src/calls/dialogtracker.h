#pragma once
// Follows SIP dialogs (keyed by Call-ID, sides told apart by tags) and the
// media each side's SDP negotiates, and reports what matters to a recorder as
// events: a media endpoint appeared, a side's SRTP key was agreed, the call
// was answered (and by whom), the call ended. Copies of one dialog seen
// through a proxy, and the branches a forking proxy or a followed redirect
// adds, share the Call-ID and are therefore one call. Knows nothing of audio
// or storage.
#include "calls/dialog.h"
#include "calls/recordingpolicy.h"
#include "calls/registrations.h"
#include "sip/sipmessage.h"

#include <cstdint>
#include <deque>
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
    // Offer and answer agreed a (new) SRTP key `side` sends with. Also in dialog.sides[side].sendKeys.
    virtual void mediaKey(Dialog &dialog, int side, const SrtpCrypto &key) = 0;
    // A 2xx to the INVITE: answeredAt, codec and the final policy (who answered decides) are set.
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
    std::uint64_t badCrypto = 0; // a=crypto lines that could not be used
};

class DialogTracker
{
public:
    DialogTracker(RecordingPolicy policy, DialogEvents *events);
    ~DialogTracker();

    void setPolicy(RecordingPolicy policy) { m_policy = std::move(policy); } // for calls answered from now on
    void onSip(const SipMessage &msg, PacketTime ts, const Endpoint &src, const Endpoint &dst);
    // Media of the dialog was seen: it is not idle.
    static void touch(Dialog &dialog, PacketTime ts) { dialog.lastActivity = ts; }
    // Ends calls with no SIP or media for `idleTimeout`; forgets Call-IDs ended long ago.
    void expire(PacketTime now, PacketTime idleTimeout);
    // Ends every call in progress at `now` (shutdown or end of capture).
    void endAll(PacketTime now, const QString &cause);

    std::size_t activeCalls() const { return m_dialogs.size(); }
    const DialogCounters &counters() const { return m_counters; }
    const Registrations &registrations() const { return m_registrations; }

private:
    struct Ended
    {
        PacketTime at = 0;
        bool answered = false;
    };
    // Which side's outstanding SDP offer an answer answers, and the keys each early answer agreed.
    struct Negotiation
    {
        int pendingOfferSide = -1;
        std::unordered_map<std::string, std::pair<std::optional<SrtpCrypto>, std::optional<SrtpCrypto>>> early;
    };

    void start(const SipMessage &msg, PacketTime ts, const Endpoint &src, const Endpoint &dst);
    void addBranch(Dialog &dialog, const SipMessage &msg, const Endpoint &dst);
    void applySdp(Dialog &dialog, int side, const SipMessage &msg, bool isResponse, const std::string &tag);
    void commitKey(Dialog &dialog, int side, const SrtpCrypto &key);
    void answer(Dialog &dialog, const SipMessage &msg, const Endpoint &src, PacketTime ts);
    void onRefer(Dialog &dialog, const SipMessage &msg, PacketTime ts);
    void linkTransfer(Dialog &dialog, const SipMessage &invite, PacketTime ts);
    void end(Dialog &dialog, PacketTime ts, const QString &cause);

    RecordingPolicy m_policy;
    DialogEvents *m_events;
    std::unordered_map<std::string, std::unique_ptr<Dialog>> m_dialogs;
    std::unordered_map<std::string, Negotiation> m_negotiations; // by Call-ID, while the dialog lives
    std::unordered_map<std::string, Ended> m_recentlyEnded;      // Call-ID -> end
    std::deque<Referral> m_referrals;                            // REFERs of the last minute
    Registrations m_registrations;
    PacketTime m_lastExpiry = 0;
    DialogCounters m_counters;
};

} // namespace vv::agent
