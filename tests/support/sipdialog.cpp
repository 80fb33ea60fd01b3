#include "sipdialog.h"

#include <cstdio>

namespace vv::capgen {

namespace {

std::string hostPort(const Endpoint &ep)
{
    const std::string host = ep.isIpv6() ? "[" + ep.ip + "]" : ep.ip;
    return host + ":" + std::to_string(ep.port);
}

std::string hex(uint64_t v, int digits)
{
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
    return std::string(buf + 16 - digits);
}

std::vector<uint8_t> bytes(const std::string &text)
{
    return std::vector<uint8_t>(text.begin(), text.end());
}

} // namespace

std::string buildSdp(const SdpSpec &sdp)
{
    const char *family = sdp.media.isIpv6() ? "IP6" : "IP4";
    const int pt = payloadType(sdp.codec);
    std::string formats = std::to_string(pt);
    std::string rtpmaps = "a=rtpmap:" + std::to_string(pt) + " " + codecName(sdp.codec) + "/8000\r\n";
    if (sdp.codec == Codec::G729)
        rtpmaps += "a=fmtp:18 annexb=no\r\n";
    if (sdp.telephoneEvents) {
        formats += " 101";
        rtpmaps += "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\n";
    }
    if (sdp.comfortNoise) {
        formats += " 13";
        rtpmaps += "a=rtpmap:13 CN/8000\r\n";
    }
    const std::string user = sdp.user.empty() ? std::string("-") : sdp.user;
    return "v=0\r\n"
           "o=" +
           user + " " + std::to_string(sdp.sessionId) + " " + std::to_string(sdp.version) + " IN " + family + " " +
           sdp.media.ip +
           "\r\n"
           "s=call\r\n"
           "c=IN " +
           family + " " + sdp.media.ip +
           "\r\n"
           "t=0 0\r\n"
           "m=audio " +
           std::to_string(sdp.media.port) + " " + sdp.profile + " " + formats + "\r\n" + rtpmaps + "a=ptime:20\r\n" +
           "a=" + sdp.direction + "\r\n" + sdp.attributes;
}

SipDialog::SipDialog(const CallSpec &spec, Rng &rng, std::vector<GenPacket> &out)
    : m_spec(spec)
    , m_rng(rng)
    , m_out(out)
    , m_callerTag(hex(rng.next(), 10))
    , m_calleeTag(hex(rng.next(), 10))
{}

std::string SipDialog::uri(const Party &party) const
{
    return "sip:" + party.user + "@" + party.host;
}

std::string SipDialog::calleeUri() const
{
    return m_spec.dialled.empty() ? uri(m_spec.callee) : "sip:" + m_spec.dialled + "@" + m_spec.callee.host;
}

void SipDialog::raw(double t, const Endpoint &from, const Endpoint &to, const std::string &text)
{
    m_out.push_back({t, from, to, bytes(text)});
}

void SipDialog::fork(double start, double end, const ForkSpec &fork)
{
    const Endpoint &proxy = *m_spec.proxy;
    const std::string branch = newBranch();
    const std::string tag = hex(m_rng.next(), 10);
    const std::string phoneUri = "sip:" + fork.phone.user + "@" + hostPort(fork.phone.sip);
    const std::string from = fromHeader(true, false);
    const std::string to = "To: <" + calleeUri() + ">";
    const std::string common = "Call-ID: " + m_spec.callId + "\r\n";
    auto message = [&](const std::string &start, const std::string &toLine, const std::string &cseq) {
        return start + "\r\n" + proxyVia(branch) + "\r\n" + from + "\r\n" + toLine + "\r\n" + common + "CSeq: 1 " +
               cseq + "\r\nContent-Length: 0\r\n\r\n";
    };
    raw(start, proxy, fork.phone.sip, message("INVITE " + phoneUri + " SIP/2.0", to, "INVITE"));
    raw(start + 0.050, fork.phone.sip, proxy, message("SIP/2.0 180 Ringing", to + ";tag=" + tag, "INVITE"));
    if (fork.finalCode == 487) {
        raw(end, proxy, fork.phone.sip, message("CANCEL " + phoneUri + " SIP/2.0", to, "CANCEL"));
        raw(end + 0.005, fork.phone.sip, proxy, message("SIP/2.0 200 OK", to + ";tag=" + tag, "CANCEL"));
        raw(end + 0.006, fork.phone.sip, proxy,
            message("SIP/2.0 487 Request Terminated", to + ";tag=" + tag, "INVITE"));
    } else {
        raw(end, fork.phone.sip, proxy,
            message("SIP/2.0 " + std::to_string(fork.finalCode) + " Failed", to + ";tag=" + tag, "INVITE"));
    }
    raw(end + 0.010, proxy, fork.phone.sip, message("ACK " + phoneUri + " SIP/2.0", to + ";tag=" + tag, "ACK"));
}

std::string SipDialog::contact(const Party &party) const
{
    return "<sip:" + party.user + "@" + hostPort(party.sip) + ">";
}

std::string SipDialog::via(const Party &party, const std::string &branch) const
{
    return "Via: SIP/2.0/UDP " + hostPort(party.sip) + ";branch=" + branch + ";rport";
}

std::string SipDialog::proxyVia(const std::string &branch) const
{
    return "Via: SIP/2.0/UDP " + hostPort(*m_spec.proxy) + ";branch=" + branch;
}

std::string SipDialog::fromHeader(bool fromCaller, bool inDialog) const
{
    // Requests from the callee swap From and To, keeping each party's own tag.
    if (fromCaller) {
        const Party &p = m_spec.caller;
        const std::string name = p.displayName.empty() ? std::string() : "\"" + p.displayName + "\" ";
        return "From: " + name + "<" + uri(p) + ">;tag=" + m_callerTag;
    }
    return "From: <" + calleeUri() + ">;tag=" + m_calleeTag;
}

std::string SipDialog::toHeader(bool fromCaller, bool inDialog) const
{
    if (fromCaller)
        return "To: <" + calleeUri() + ">" + (inDialog ? ";tag=" + m_calleeTag : std::string());
    const Party &p = m_spec.caller;
    const std::string name = p.displayName.empty() ? std::string() : "\"" + p.displayName + "\" ";
    return "To: " + name + "<" + uri(p) + ">;tag=" + m_callerTag;
}

std::string SipDialog::newBranch()
{
    return "z9hG4bK" + hex(m_rng.next(), 16);
}

void SipDialog::send(double t, bool fromCaller, bool isRequest, const std::string &startLine,
                     const std::vector<std::string> &vias, const std::vector<std::string> &proxiedVias,
                     const std::string &headers, const std::string &sdp, const std::string &proxiedStartLine,
                     double proxiedDelay)
{
    const Party &self = fromCaller ? m_spec.caller : m_spec.callee;
    const Party &peer = fromCaller ? m_spec.callee : m_spec.caller;
    auto render = [&](const std::vector<std::string> &viaLines, int maxForwards, const std::string &line) {
        std::string text = line + "\r\n";
        for (const std::string &v : viaLines)
            text += v + "\r\n";
        if (isRequest)
            text += "Max-Forwards: " + std::to_string(maxForwards) + "\r\n";
        text += headers;
        if (!sdp.empty())
            text += "Content-Type: application/sdp\r\n";
        text += "Content-Length: " + std::to_string(sdp.size()) + "\r\n\r\n" + sdp;
        return text;
    };
    if (!m_spec.proxy) {
        m_out.push_back({t, self.sip, peer.sip, bytes(render(vias, 70, startLine))});
        return;
    }
    m_out.push_back({t, self.sip, *m_spec.proxy, bytes(render(vias, 70, startLine))});
    m_out.push_back({t + proxiedDelay, *m_spec.proxy, peer.sip,
                     bytes(render(proxiedVias, 69, proxiedStartLine.empty() ? startLine : proxiedStartLine))});
}

void SipDialog::sendRequest(double t, const Transaction &txn, const std::string &requestUri,
                            const std::string &extraHeaders, const std::string &sdp, double proxiedDelay)
{
    const Party &self = txn.fromCaller ? m_spec.caller : m_spec.callee;
    const std::string ownVia = via(self, txn.branch);
    std::string headers = fromHeader(txn.fromCaller, txn.inDialog) + "\r\n" + toHeader(txn.fromCaller, txn.inDialog) +
                          "\r\nCall-ID: " + m_spec.callId + "\r\nCSeq: " + std::to_string(txn.cseq) + " " + txn.method +
                          "\r\n" + extraHeaders;
    const std::vector<std::string> proxied =
        m_spec.proxy ? std::vector<std::string>{proxyVia(txn.proxyBranch), ownVia} : std::vector<std::string>{};
    // A proxy that routes a dialled number (a ring group) to a phone sends the phone its contact.
    const bool routed = txn.fromCaller && !txn.inDialog && !m_spec.dialled.empty() && m_spec.proxy;
    const std::string proxiedLine =
        routed ? txn.method + " sip:" + m_spec.callee.user + "@" + hostPort(m_spec.callee.sip) + " SIP/2.0"
               : std::string();
    send(t, txn.fromCaller, true, txn.method + " " + requestUri + " SIP/2.0", {ownVia}, proxied, headers, sdp,
         proxiedLine, proxiedDelay);
}

SipDialog::Transaction SipDialog::request(double t, bool fromCaller, const std::string &method, const std::string &sdp,
                                          double proxiedDelay)
{
    Transaction txn;
    txn.fromCaller = fromCaller;
    txn.method = method;
    txn.inDialog = method != "INVITE" || m_calleeTagSent;
    int &cseq = fromCaller ? m_callerCseq : m_calleeCseq;
    // ACK for a 2xx keeps the INVITE's CSeq number; every other new request takes the next one.
    txn.cseq = method == "ACK" ? cseq - 1 : cseq++;
    txn.branch = newBranch();
    txn.proxyBranch = newBranch();

    const Party &self = fromCaller ? m_spec.caller : m_spec.callee;
    const Party &peer = fromCaller ? m_spec.callee : m_spec.caller;
    std::string requestUri =
        txn.inDialog ? "sip:" + peer.user + "@" + hostPort(peer.sip) : (fromCaller ? calleeUri() : uri(peer));
    std::string extra;
    if (method == "INVITE") {
        extra += "Contact: " + contact(self) + "\r\n";
        if (!txn.inDialog && !m_spec.pAssertedIdentity.empty())
            extra += "P-Asserted-Identity: <sip:" + m_spec.pAssertedIdentity + "@" + self.host + ">\r\n";
        if (!txn.inDialog && !m_spec.replaces.empty())
            extra += "Replaces: " + m_spec.replaces + "\r\n";
        extra += "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, INFO\r\nUser-Agent: vv-capgen/1.0\r\n";
    }
    sendRequest(t, txn, requestUri, extra, sdp, proxiedDelay);
    return txn;
}

SipDialog::Transaction SipDialog::cancel(double t, const Transaction &invite)
{
    Transaction txn = invite;
    txn.method = "CANCEL";
    sendRequest(t, txn, calleeUri(), {}, {});
    return txn;
}

void SipDialog::ackFailure(double t, const Transaction &invite)
{
    Transaction txn = invite;
    txn.method = "ACK";
    txn.inDialog = true; // the To tag of the failure response is echoed
    sendRequest(t, txn, calleeUri(), {}, {});
}

void SipDialog::response(double t, const Transaction &txn, int code, const std::string &phrase, const std::string &sdp)
{
    const bool responderIsCaller = !txn.fromCaller;
    const Party &origin = txn.fromCaller ? m_spec.caller : m_spec.callee;
    const Party &responder = responderIsCaller ? m_spec.caller : m_spec.callee;
    const bool toTag = txn.inDialog || code > 100;
    if (code > 100 && txn.method == "INVITE")
        m_calleeTagSent = true;
    // From/To of a response echo the request's.
    std::string headers = fromHeader(txn.fromCaller, toTag) + "\r\n" + toHeader(txn.fromCaller, toTag) +
                          "\r\nCall-ID: " + m_spec.callId + "\r\nCSeq: " + std::to_string(txn.cseq) + " " + txn.method +
                          "\r\n";
    if (txn.method == "INVITE" && code > 100 && code < 300)
        headers += "Contact: " + contact(responder) + "\r\n";
    const std::string ownVia = via(origin, txn.branch);
    const std::string startLine = "SIP/2.0 " + std::to_string(code) + " " + phrase;
    if (m_spec.proxy) {
        send(t, responderIsCaller, false, startLine, {proxyVia(txn.proxyBranch), ownVia}, {ownVia}, headers, sdp);
    } else {
        send(t, responderIsCaller, false, startLine, {ownVia}, {}, headers, sdp);
    }
}

} // namespace vv::capgen
