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
           std::to_string(sdp.media.port) + " RTP/AVP " + formats + "\r\n" + rtpmaps + "a=ptime:20\r\n" +
           "a=" + sdp.direction + "\r\n";
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
    return "From: <" + uri(m_spec.callee) + ">;tag=" + m_calleeTag;
}

std::string SipDialog::toHeader(bool fromCaller, bool inDialog) const
{
    if (fromCaller)
        return "To: <" + uri(m_spec.callee) + ">" + (inDialog ? ";tag=" + m_calleeTag : std::string());
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
                     const std::string &headers, const std::string &sdp)
{
    const Party &self = fromCaller ? m_spec.caller : m_spec.callee;
    const Party &peer = fromCaller ? m_spec.callee : m_spec.caller;
    auto render = [&](const std::vector<std::string> &viaLines, int maxForwards) {
        std::string text = startLine + "\r\n";
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
        m_out.push_back({t, self.sip, peer.sip, bytes(render(vias, 70))});
        return;
    }
    m_out.push_back({t, self.sip, *m_spec.proxy, bytes(render(vias, 70))});
    m_out.push_back({t + 0.001, *m_spec.proxy, peer.sip, bytes(render(proxiedVias, 69))});
}

void SipDialog::sendRequest(double t, const Transaction &txn, const std::string &requestUri,
                            const std::string &extraHeaders, const std::string &sdp)
{
    const Party &self = txn.fromCaller ? m_spec.caller : m_spec.callee;
    const std::string ownVia = via(self, txn.branch);
    std::string headers = fromHeader(txn.fromCaller, txn.inDialog) + "\r\n" + toHeader(txn.fromCaller, txn.inDialog) +
                          "\r\nCall-ID: " + m_spec.callId + "\r\nCSeq: " + std::to_string(txn.cseq) + " " + txn.method +
                          "\r\n" + extraHeaders;
    const std::vector<std::string> proxied =
        m_spec.proxy ? std::vector<std::string>{proxyVia(txn.proxyBranch), ownVia} : std::vector<std::string>{};
    send(t, txn.fromCaller, true, txn.method + " " + requestUri + " SIP/2.0", {ownVia}, proxied, headers, sdp);
}

SipDialog::Transaction SipDialog::request(double t, bool fromCaller, const std::string &method, const std::string &sdp)
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
    std::string requestUri = txn.inDialog ? "sip:" + peer.user + "@" + hostPort(peer.sip) : uri(peer);
    std::string extra;
    if (method == "INVITE") {
        extra += "Contact: " + contact(self) + "\r\n";
        if (!txn.inDialog && !m_spec.pAssertedIdentity.empty())
            extra += "P-Asserted-Identity: <sip:" + m_spec.pAssertedIdentity + "@" + self.host + ">\r\n";
        extra += "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, INFO\r\nUser-Agent: vv-capgen/1.0\r\n";
    }
    sendRequest(t, txn, requestUri, extra, sdp);
    return txn;
}

SipDialog::Transaction SipDialog::cancel(double t, const Transaction &invite)
{
    Transaction txn = invite;
    txn.method = "CANCEL";
    sendRequest(t, txn, uri(m_spec.callee), {}, {});
    return txn;
}

void SipDialog::ackFailure(double t, const Transaction &invite)
{
    Transaction txn = invite;
    txn.method = "ACK";
    txn.inDialog = true; // the To tag of the failure response is echoed
    sendRequest(t, txn, uri(m_spec.callee), {}, {});
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
