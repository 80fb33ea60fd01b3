#include "calls/dialogtracker.h"

#include "common/logging.h"
#include "sip/sdp.h"
#include "sip/sipuri.h"

namespace vv::agent {

namespace {

constexpr PacketTime kRecentlyEndedKeep = 32'000'000; // RFC 3261 Timer H/J scale: absorb stragglers

PartyIdentity identityOf(const NameAddr &a)
{
    return {normaliseNumber(a.user), a.host};
}

} // namespace

DialogTracker::DialogTracker(RecordingPolicy policy, DialogEvents *events)
    : m_policy(std::move(policy))
    , m_events(events)
{}

DialogTracker::~DialogTracker() = default;

void DialogTracker::onSip(const SipMessage &msg, PacketTime ts, const Endpoint &src, const Endpoint &dst)
{
    const std::string callId = msg.callId();
    std::uint32_t cseqNo = 0;
    std::string cseqMethod;
    msg.cseq(&cseqNo, &cseqMethod);

    if (msg.isRequest && msg.method == "REGISTER") {
        // A registering phone is an extension (if a vault says so): remember it.
        const NameAddr aor = parseNameAddr(msg.headerOr("to"));
        if (aor.valid)
            m_events->registered(QString::fromStdString(normaliseNumber(aor.user)), QString::fromStdString(aor.host),
                                 ts);
        return;
    }
    auto it = m_dialogs.find(callId);
    if (it == m_dialogs.end()) {
        if (msg.isRequest && msg.method == "INVITE" && parseNameAddr(msg.headerOr("to")).tag.empty() &&
            !m_recentlyEnded.count(callId)) {
            start(msg, ts, src);
        } else {
            ++m_counters.sipOutOfDialog;
        }
        return;
    }
    Dialog &dialog = *it->second;
    dialog.lastActivity = ts;
    const NameAddr from = parseNameAddr(msg.headerOr("from"));
    const NameAddr to = parseNameAddr(msg.headerOr("to"));

    if (msg.isRequest) {
        // The sender of a request is its From party.
        const int side = (dialog.callerTag.empty() || from.tag == dialog.callerTag) ? kCaller : kCallee;
        if (msg.method == "INVITE" || msg.method == "ACK" || msg.method == "UPDATE" || msg.method == "PRACK") {
            applySdp(dialog, side, msg);
        } else if (msg.method == "CANCEL") {
            dialog.cancelRequested = true;
        } else if (msg.method == "BYE") {
            end(dialog, ts, QStringLiteral("bye"));
        }
        return;
    }

    // Responses: the sender is the To party.
    const int side = (!dialog.callerTag.empty() && to.tag == dialog.callerTag) ? kCaller : kCallee;
    if (cseqMethod != "INVITE" && cseqMethod != "UPDATE" && cseqMethod != "PRACK")
        return;
    applySdp(dialog, side, msg);
    if (cseqMethod != "INVITE")
        return;
    if (msg.status >= 200 && msg.status < 300) {
        if (!dialog.answeredAt) {
            dialog.calleeTag = to.tag;
            answer(dialog, ts);
        }
    } else if (msg.status >= 300 && !dialog.answeredAt) {
        dialog.failureStatus = msg.status;
        dialog.failureReason = msg.reason;
        // A proxy that forks may see one branch fail while another rings; only a
        // final response heading back to the caller ends the call.
        if (dst.address == dialog.callerSignal.address)
            end(dialog, ts, msg.status == 487 ? QStringLiteral("cancel") : QStringLiteral("failure"));
    }
}

void DialogTracker::start(const SipMessage &msg, PacketTime ts, const Endpoint &src)
{
    auto dialog = std::make_unique<Dialog>();
    dialog->callId = msg.callId();
    dialog->startedAt = ts;
    dialog->lastActivity = ts;
    dialog->callerSignal = src;
    const NameAddr from = parseNameAddr(msg.headerOr("from"));
    const NameAddr to = parseNameAddr(msg.headerOr("to"));
    const NameAddr ruri = parseUri(msg.requestUri);
    dialog->callerTag = from.tag;

    CallIdentities ids;
    if (const std::string *pai = msg.header("p-asserted-identity")) {
        // Several identities may be listed (sip and tel); take each.
        std::string_view v = *pai;
        while (!v.empty()) {
            const auto comma = v.find(',');
            const NameAddr a = parseNameAddr(v.substr(0, comma));
            if (a.valid)
                ids.caller.push_back(identityOf(a));
            if (comma == std::string_view::npos)
                break;
            v.remove_prefix(comma + 1);
        }
    }
    if (from.valid)
        ids.caller.push_back(identityOf(from));
    if (to.valid)
        ids.callee.push_back(identityOf(to));
    if (ruri.valid)
        ids.callee.push_back(identityOf(ruri));
    dialog->policy = m_policy.decide(ids);
    qCDebug(lcCalls) << "call" << QString::fromStdString(dialog->callId) << dialog->policy.caller << "->"
                     << dialog->policy.callee << dialog->policy.reason;

    Dialog &ref = *dialog;
    m_dialogs.emplace(dialog->callId, std::move(dialog));
    applySdp(ref, kCaller, msg);
}

void DialogTracker::applySdp(Dialog &dialog, int side, const SipMessage &msg)
{
    if (msg.body.empty())
        return;
    const std::string type = msg.headerOr("content-type");
    if (!type.empty() && type.find("application/sdp") == std::string::npos &&
        type.find("APPLICATION/SDP") == std::string::npos && type.find("multipart") == std::string::npos)
        return;
    std::string_view body = msg.body;
    // Multipart bodies (e.g. SDP plus ISUP): find the SDP part.
    const auto v = body.find("v=0");
    if (v == std::string_view::npos) {
        ++m_counters.badSdp;
        return;
    }
    body.remove_prefix(v);
    SdpAudio sdp;
    std::string error;
    if (!parseSdp(body, &sdp, &error)) {
        ++m_counters.badSdp;
        qCDebug(lcSip) << "bad SDP in call" << QString::fromStdString(dialog.callId) << QString::fromStdString(error);
        return;
    }
    if (!sdp.present)
        return;
    MediaDescription &s = dialog.sides[side];
    for (const auto &[pt, fmt] : sdp.rtpmap)
        s.rtpmap[pt] = fmt;
    s.hasSdp = true;
    s.primaryCodec = primaryCodec(sdp);
    if (sdp.holdAddress)
        return; // c=0.0.0.0: no media expected until the next offer
    if (std::find(s.endpoints.begin(), s.endpoints.end(), sdp.endpoint) == s.endpoints.end())
        s.endpoints.push_back(sdp.endpoint);
    s.latest = sdp.endpoint;
    m_events->mediaEndpoint(dialog, side, sdp.endpoint);
}

void DialogTracker::answer(Dialog &dialog, PacketTime ts)
{
    dialog.answeredAt = ts;
    // The negotiated codec is the answer's first real audio format; fall back to the offer's.
    const MediaDescription &answer = dialog.sides[kCallee].hasSdp ? dialog.sides[kCallee] : dialog.sides[kCaller];
    dialog.codec = QString::fromStdString(answer.primaryCodec);
    m_events->answered(dialog);
}

void DialogTracker::expire(PacketTime now, PacketTime idleTimeout)
{
    std::vector<Dialog *> idle;
    for (auto &[id, dialog] : m_dialogs)
        if (now - dialog->lastActivity > idleTimeout)
            idle.push_back(dialog.get());
    for (Dialog *d : idle)
        end(*d, d->lastActivity, QStringLiteral("timeout"));
    if (now - m_lastExpiry > 1'000'000) {
        m_lastExpiry = now;
        for (auto it = m_recentlyEnded.begin(); it != m_recentlyEnded.end();)
            it = now - it->second > kRecentlyEndedKeep ? m_recentlyEnded.erase(it) : std::next(it);
    }
}

void DialogTracker::endAll(PacketTime now, const QString &cause)
{
    std::vector<Dialog *> all;
    for (auto &[id, dialog] : m_dialogs)
        all.push_back(dialog.get());
    for (Dialog *d : all)
        end(*d, std::max(now, d->startedAt), cause);
}

void DialogTracker::end(Dialog &dialog, PacketTime ts, const QString &cause)
{
    m_events->ended(dialog, ts, cause);
    m_recentlyEnded[dialog.callId] = ts;
    const std::string id = dialog.callId;
    m_dialogs.erase(id); // destroys `dialog`
}

} // namespace vv::agent
