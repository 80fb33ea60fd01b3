#include "calls/dialogtracker.h"

#include "common/logging.h"
#include "sip/sdp.h"
#include "sip/sipheaders.h"
#include "sip/sipuri.h"

#include <algorithm>
#include <cctype>

namespace vv::agent {

namespace {

constexpr PacketTime kRecentlyEndedKeep = 32'000'000; // RFC 3261 Timer H/J scale: absorb stragglers
constexpr PacketTime kReferralKeep = 60'000'000;      // a transfer's new call follows its REFER within this

PartyIdentity identityOf(const NameAddr &a)
{
    return {normaliseNumber(a.user), a.host};
}

// A device name that starts with its number ("201-0x55d4c0", baresip's contact
// for account 201; "203.desk"): the number, else "". Weaker evidence than a
// number on its own, so it is tried after everything else.
std::string leadingNumber(const std::string &user)
{
    std::size_t n = user.size() > 0 && user[0] == '+' ? 1 : 0;
    const std::size_t digitsFrom = n;
    while (n < user.size() && std::isdigit(static_cast<unsigned char>(user[n])))
        ++n;
    if (n == digitsFrom || n >= user.size() || std::string_view("-_.~").find(user[n]) == std::string_view::npos)
        return {};
    return normaliseNumber(user.substr(0, n));
}

MediaProtection protectionOf(const SdpAudio &sdp, std::string *detail)
{
    if (!sdp.crypto.empty()) {
        *detail = std::string(sdp.crypto.front().suite->name);
        return MediaProtection::Sdes;
    }
    if (sdp.dtlsFingerprint || sdp.protocol.find("TLS") != std::string::npos) {
        *detail = "DTLS-SRTP";
        return MediaProtection::Dtls;
    }
    if (!sdp.cryptoErrors.empty()) {
        *detail = sdp.cryptoErrors.front();
        return MediaProtection::Unsupported;
    }
    if (sdp.secureProfile()) {
        *detail = sdp.protocol;
        return MediaProtection::NoKeys;
    }
    detail->clear();
    return MediaProtection::Plain;
}

// The offer's line the answer chose (RFC 4568 5.1: the answer carries the tag of the accepted offer line).
std::optional<SrtpCrypto> chosen(const std::vector<SrtpCrypto> &offer, const SrtpCrypto &answer)
{
    for (const SrtpCrypto &o : offer)
        if (o.tag == answer.tag && o.suite == answer.suite)
            return o;
    return std::nullopt;
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
        // A registering phone is an extension (if a vault says so): remember it, and where it is.
        const Registrations::Registered r = m_registrations.onRegister(msg, ts);
        if (!r.number.empty())
            m_events->registered(QString::fromStdString(r.number), QString::fromStdString(r.host), ts);
        return;
    }
    const NameAddr from = parseNameAddr(msg.headerOr("from"));
    const NameAddr to = parseNameAddr(msg.headerOr("to"));
    auto it = m_dialogs.find(callId);
    if (it == m_dialogs.end()) {
        if (msg.isRequest && msg.method == "INVITE" && to.tag.empty() && !m_recentlyEnded.count(callId))
            start(msg, ts, src, dst);
        else
            ++m_counters.sipOutOfDialog;
        return;
    }
    Dialog &dialog = *it->second;
    dialog.lastActivity = ts;

    if (msg.isRequest) {
        // The sender of a request is its From party.
        const int side = (dialog.callerTag.empty() || from.tag == dialog.callerTag) ? kCaller : kCallee;
        if (msg.method == "INVITE" && to.tag.empty())
            addBranch(dialog, msg, dst); // a fork or a followed redirect: another phone rings for the same call
        if (msg.method == "INVITE" || msg.method == "ACK" || msg.method == "UPDATE" || msg.method == "PRACK") {
            applySdp(dialog, side, msg, false, {});
        } else if (msg.method == "CANCEL") {
            dialog.cancelRequested = true;
        } else if (msg.method == "BYE") {
            end(dialog, ts, QStringLiteral("bye"));
        } else if (msg.method == "REFER") {
            onRefer(dialog, msg, ts);
        }
        return;
    }

    // Responses: the sender is the To party.
    const int side = (!dialog.callerTag.empty() && to.tag == dialog.callerTag) ? kCaller : kCallee;
    if (cseqMethod != "INVITE" && cseqMethod != "UPDATE" && cseqMethod != "PRACK")
        return;
    applySdp(dialog, side, msg, true, to.tag);
    if (cseqMethod != "INVITE")
        return;
    const std::string branch = topViaBranch(msg);
    for (InviteBranch &b : dialog.branches)
        if (!branch.empty() && b.via == branch && msg.status >= 200)
            b.finalStatus = msg.status;
    if (msg.status >= 200 && msg.status < 300) {
        if (!dialog.answeredAt) {
            dialog.calleeTag = to.tag;
            answer(dialog, msg, src, ts);
        }
    } else if (msg.status >= 300 && !dialog.answeredAt) {
        dialog.failureStatus = msg.status;
        dialog.failureReason = msg.reason;
        // A proxy that forks, hunts or follows a redirect sees branches fail while another rings; only a final
        // response heading back to the caller ends the call.
        if (dst.address == dialog.callerSignal.address)
            end(dialog, ts, msg.status == 487 ? QStringLiteral("cancel") : QStringLiteral("failure"));
    }
}

void DialogTracker::start(const SipMessage &msg, PacketTime ts, const Endpoint &src, const Endpoint &dst)
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

    CallIdentities &ids = dialog->identities;
    for (const NameAddr &a : assertedIdentities(msg))
        ids.caller.push_back(identityOf(a));
    if (from.valid)
        ids.caller.push_back(identityOf(from));
    if (to.valid)
        ids.dialled.push_back(identityOf(to));
    if (ruri.valid)
        ids.dialled.push_back(identityOf(ruri));
    addBranch(*dialog, msg, dst);
    linkTransfer(*dialog, msg, ts);
    dialog->policy = m_policy.decide(ids);
    qCDebug(lcCalls) << "call" << QString::fromStdString(dialog->callId) << dialog->policy.caller << "->"
                     << dialog->policy.callee;

    Dialog &ref = *dialog;
    m_dialogs.emplace(dialog->callId, std::move(dialog));
    m_negotiations[ref.callId] = {};
    applySdp(ref, kCaller, msg, false, {});
}

void DialogTracker::addBranch(Dialog &dialog, const SipMessage &msg, const Endpoint &dst)
{
    InviteBranch b;
    b.via = topViaBranch(msg);
    const NameAddr ruri = parseUri(msg.requestUri);
    b.ruriUser = normaliseNumber(ruri.user);
    b.ruriDevice = std::string(ruri.user);
    b.to = dst;
    for (const InviteBranch &known : dialog.branches)
        if (!b.via.empty() && known.via == b.via)
            return; // a retransmission
    if (dialog.branches.size() < 64)
        dialog.branches.push_back(std::move(b));
}

void DialogTracker::linkTransfer(Dialog &dialog, const SipMessage &invite, PacketTime ts)
{
    // Replaces (RFC 3891): an attended transfer's new call, or a pickup of a call still ringing.
    if (const std::string *rep = invite.header("replaces"))
        if (const auto target = parseReplaces(*rep)) {
            dialog.replaces = target->callId;
            const auto replaced = m_dialogs.find(target->callId);
            const bool ringing = replaced != m_dialogs.end() && !replaced->second->answeredAt;
            if (ringing || target->earlyOnly) {
                dialog.picksUp = true;
                dialog.relatedCallId = target->callId;
                dialog.relation = QStringLiteral("pickup");
                if (replaced != m_dialogs.end())
                    dialog.pickedUp = replaced->second->identities;
                return;
            }
        }
    // A transfer (RFC 3515): the REFER named this call's target, or the consultation call this one replaces.
    const std::string target = normaliseNumber(parseUri(invite.requestUri).user);
    for (auto it = m_referrals.rbegin(); it != m_referrals.rend(); ++it) {
        const Referral &r = *it;
        if (ts - r.at > kReferralKeep || r.fromCallId == dialog.callId)
            continue;
        const bool attended = !r.replacesCallId.empty() && r.replacesCallId == dialog.replaces;
        if (attended || (r.replacesCallId.empty() && !target.empty() && r.targetUser == target)) {
            dialog.relatedCallId = r.fromCallId;
            dialog.relation = attended ? QStringLiteral("attended transfer") : QStringLiteral("transfer");
            return;
        }
    }
}

void DialogTracker::onRefer(Dialog &dialog, const SipMessage &msg, PacketTime ts)
{
    const NameAddr target = parseNameAddr(msg.headerOr("refer-to"));
    if (!target.valid)
        return;
    Referral r;
    r.fromCallId = dialog.callId;
    r.targetUser = normaliseNumber(target.user);
    r.at = ts;
    if (const auto pos = target.headers.find("Replaces="); pos != std::string::npos)
        if (const auto rep = parseReplaces(std::string_view(target.headers).substr(pos + 9)))
            r.replacesCallId = rep->callId;
    while (!m_referrals.empty() && (m_referrals.size() >= 256 || ts - m_referrals.front().at > kReferralKeep))
        m_referrals.pop_front();
    m_referrals.push_back(std::move(r));
}

void DialogTracker::applySdp(Dialog &dialog, int side, const SipMessage &msg, bool isResponse, const std::string &tag)
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
    m_counters.badCrypto += sdp.cryptoErrors.size();
    if (!sdp.present)
        return;
    std::vector<MediaDescription *> targets{&dialog.sides[side]};
    if (side == kCallee && isResponse && !tag.empty() && !dialog.answeredAt)
        targets.push_back(&dialog.calleeByTag[tag]); // each fork's early dialog keeps its own
    for (MediaDescription *s : targets) {
        for (const auto &[pt, fmt] : sdp.rtpmap)
            s->rtpmap[pt] = fmt;
        s->hasSdp = true;
        s->primaryCodec = primaryCodec(sdp);
        s->protection = protectionOf(sdp, &s->protectionDetail);
        if (!sdp.holdAddress) { // c=0.0.0.0: no media expected until the next offer
            if (std::find(s->endpoints.begin(), s->endpoints.end(), sdp.endpoint) == s->endpoints.end())
                s->endpoints.push_back(sdp.endpoint);
            s->latest = sdp.endpoint;
        }
    }
    if (!sdp.holdAddress) {
        if (std::find(dialog.mediaEndpoints.begin(), dialog.mediaEndpoints.end(), sdp.endpoint) ==
            dialog.mediaEndpoints.end())
            dialog.mediaEndpoints.push_back(sdp.endpoint);
        m_events->mediaEndpoint(dialog, side, sdp.endpoint);
    }

    // SDES keys (RFC 4568): each side's a=crypto is the key it sends with; the answer's tag picks the offer's line.
    Negotiation &n = m_negotiations[dialog.callId];
    const bool answersPendingOffer = n.pendingOfferSide == 1 - side;
    if (!answersPendingOffer) {
        n.pendingOfferSide = side;          // an offer (in a request, or a late offer in a 2xx)
        for (MediaDescription *s : targets) // a late offer in a fork's 2xx stays with that fork's description
            s->offered = sdp.crypto;
        return;
    }
    std::optional<SrtpCrypto> mine;
    std::optional<SrtpCrypto> theirs;
    if (!sdp.crypto.empty()) {
        mine = sdp.crypto.front();
        theirs = chosen(dialog.sides[1 - side].offered, *mine);
    }
    if (isResponse && !dialog.answeredAt && msg.status < 300) {
        // An early answer (a fork's 18x, or the 2xx about to answer the call): committed when that fork answers.
        n.early[tag] = {mine, theirs};
        return;
    }
    if (mine)
        commitKey(dialog, side, *mine);
    if (theirs)
        commitKey(dialog, 1 - side, *theirs);
    n.pendingOfferSide = -1;
}

void DialogTracker::commitKey(Dialog &dialog, int side, const SrtpCrypto &key)
{
    std::vector<SrtpCrypto> &keys = dialog.sides[side].sendKeys;
    if (!keys.empty() && keys.back().sameKeysAs(key))
        return;
    keys.push_back(key);
    m_events->mediaKey(dialog, side, key);
}

void DialogTracker::answer(Dialog &dialog, const SipMessage &msg, const Endpoint &src, PacketTime ts)
{
    dialog.answeredAt = ts;
    // The fork that answered: its own SDP and keys are the call's from now on.
    if (auto it = dialog.calleeByTag.find(dialog.calleeTag); it != dialog.calleeByTag.end()) {
        std::vector<SrtpCrypto> keys = std::move(dialog.sides[kCallee].sendKeys);
        dialog.sides[kCallee] = it->second;
        dialog.sides[kCallee].sendKeys = std::move(keys);
    }
    Negotiation &n = m_negotiations[dialog.callId];
    if (auto it = n.early.find(dialog.calleeTag); it != n.early.end()) {
        if (it->second.first)
            commitKey(dialog, kCallee, *it->second.first);
        if (it->second.second)
            commitKey(dialog, kCaller, *it->second.second);
        n.pendingOfferSide = -1;
    }
    n.early.clear();
    dialog.calleeByTag.clear();

    // Who answered, best evidence first.
    std::vector<PartyIdentity> &answered = dialog.identities.answered;
    answered.clear();
    QStringList how;
    for (const NameAddr &a : assertedIdentities(msg)) {
        answered.push_back(identityOf(a));
        how << QStringLiteral("asserted identity");
    }
    const std::string branch = topViaBranch(msg);
    for (const InviteBranch &b : dialog.branches)
        if (!branch.empty() && b.via == branch && !b.ruriUser.empty()) {
            answered.push_back({b.ruriUser, {}});
            how << QStringLiteral("the branch it answered");
        }
    const NameAddr contact = parseNameAddr(msg.headerOr("contact"));
    if (contact.valid && !contact.user.empty()) {
        answered.push_back(identityOf(contact));
        how << QStringLiteral("its contact");
    }
    if (const std::string device = m_registrations.numberAt(src); !device.empty()) {
        answered.push_back({device, {}});
        how << QStringLiteral("its registration");
    }
    for (const InviteBranch &b : dialog.branches)
        if (!branch.empty() && b.via == branch)
            if (const std::string number = leadingNumber(b.ruriDevice); !number.empty()) {
                answered.push_back({number, {}});
                how << QStringLiteral("the device name of the branch it answered");
            }
    if (const std::string number = contact.valid ? leadingNumber(contact.user) : std::string(); !number.empty()) {
        answered.push_back({number, {}});
        how << QStringLiteral("its contact's device name");
    }
    if (dialog.picksUp && !dialog.pickedUp.caller.empty()) {
        // A pickup is reported as the call it picked up: that call's caller rang, its number was dialled, and the
        // picker (who sent this INVITE, so is this dialog's caller side) answered.
        dialog.policy = m_policy.decide({dialog.pickedUp.caller, dialog.identities.caller, dialog.pickedUp.dialled});
        for (VaultLeg &leg : dialog.policy.legs)
            leg.extensionIsCaller = !leg.extensionIsCaller;
        dialog.answeredBy = QStringLiteral("the pickup");
    } else {
        dialog.policy = m_policy.decide(dialog.identities);
        // Which evidence named the party that answered (the first identity that is the reported callee).
        dialog.answeredBy = QStringLiteral("the number dialled");
        for (std::size_t i = 0; i < answered.size(); ++i)
            if (QString::fromStdString(answered[i].number) == dialog.policy.callee) {
                dialog.answeredBy = how.value(qsizetype(i));
                break;
            }
    }

    // The negotiated codec is the answer's first real audio format; fall back to the offer's.
    const MediaDescription &a = dialog.sides[kCallee].hasSdp ? dialog.sides[kCallee] : dialog.sides[kCaller];
    dialog.codec = QString::fromStdString(a.primaryCodec);
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
            it = now - it->second.at > kRecentlyEndedKeep ? m_recentlyEnded.erase(it) : std::next(it);
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
    m_recentlyEnded[dialog.callId] = {ts, dialog.answeredAt != 0};
    const std::string id = dialog.callId;
    m_negotiations.erase(id);
    m_dialogs.erase(id); // destroys `dialog`
}

} // namespace vv::agent
