// RFC 3261 message text for one dialog, as seen on the wire: transactions, tags, branches, CSeq, and the extra
// copy of each message a stateful proxy in the path produces.
#pragma once

#include "rng.h"
#include "scenario.h"

#include <string>
#include <vector>

namespace vv::capgen {

struct SdpSpec
{
    std::string user;
    Endpoint media;
    Codec codec = Codec::Pcmu;
    std::string direction = "sendrecv";
    bool telephoneEvents = true;
    bool comfortNoise = true;
    uint64_t sessionId = 0;
    int version = 0;
    std::string profile = "RTP/AVP";
    std::string attributes; // extra media attributes, each a full "a=...\r\n" line (a=crypto, a=fingerprint)
};

std::string buildSdp(const SdpSpec &sdp);

class SipDialog
{
public:
    struct Transaction
    {
        bool fromCaller = true;
        std::string method;
        int cseq = 0;
        std::string branch;
        std::string proxyBranch;
        bool inDialog = false; // To carries the callee's tag
    };

    SipDialog(const CallSpec &spec, Rng &rng, std::vector<GenPacket> &out);

    // `proxiedDelay`: when the proxy's copy follows (a hunt group rings other phones first).
    Transaction request(double t, bool fromCaller, const std::string &method, const std::string &sdp = {},
                        double proxiedDelay = 0.001);
    // A forking proxy's branch to another phone for the same call: rings from `start`; at `end` the proxy cancels
    // it (finalCode 487) or it fails on its own.
    void fork(double start, double end, const ForkSpec &fork);
    const std::string &callerTag() const { return m_callerTag; }
    const std::string &calleeTag() const { return m_calleeTag; }
    // CANCEL and the ACK for a non-2xx final response reuse the INVITE's branch and CSeq number.
    Transaction cancel(double t, const Transaction &invite);
    void ackFailure(double t, const Transaction &invite);
    void response(double t, const Transaction &txn, int code, const std::string &phrase, const std::string &sdp = {});

private:
    std::string uri(const Party &party) const;
    std::string contact(const Party &party) const;
    std::string via(const Party &party, const std::string &branch) const;
    std::string proxyVia(const std::string &branch) const;
    std::string fromHeader(bool fromCaller, bool inDialog) const;
    std::string toHeader(bool fromCaller, bool inDialog) const;
    std::string newBranch();
    void send(double t, bool fromCaller, bool isRequest, const std::string &startLine,
              const std::vector<std::string> &vias, const std::vector<std::string> &proxiedVias,
              const std::string &headers, const std::string &sdp, const std::string &proxiedStartLine = {},
              double proxiedDelay = 0.001);
    void raw(double t, const Endpoint &from, const Endpoint &to, const std::string &text);
    std::string calleeUri() const; // what the caller dialled
    void sendRequest(double t, const Transaction &txn, const std::string &requestUri, const std::string &extraHeaders,
                     const std::string &sdp, double proxiedDelay = 0.001);

    const CallSpec &m_spec;
    Rng &m_rng;
    std::vector<GenPacket> &m_out;
    std::string m_callerTag;
    std::string m_calleeTag;
    int m_callerCseq = 1;
    int m_calleeCseq = 1;
    bool m_calleeTagSent = false;
};

} // namespace vv::capgen
