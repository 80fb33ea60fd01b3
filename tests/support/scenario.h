// Builds SIP/RTP traffic for calls from a declarative description, plus the truth the agent's output is judged
// against. Everything is driven by seeds, so a test row always produces byte-identical captures.
#pragma once

#include "packet.h"

#include <optional>
#include <string>
#include <vector>

namespace vv::capgen {

enum class Outcome { Answered, Cancelled, BusyHere, ServiceUnavailable, NotFound };
// G723 stands for a codec the agent has no decoder for (G.723.1: none in Debian).
enum class Codec { Pcmu, Pcma, G729, G723 };

const char *codecName(Codec codec);
int payloadType(Codec codec);
int outcomeCode(Outcome outcome);
const char *outcomePhrase(Outcome outcome);

struct Party
{
    std::string user;        // user part exactly as it appears in From/To, e.g. "201" or "+44 20 7946 0000"
    std::string host;        // domain in the SIP URIs
    std::string displayName; // optional
    Endpoint sip;            // where this party's SIP is sent from and to
    Endpoint media;          // where it receives (and sends) RTP
};

struct Impairment
{
    double lossPercent = 0.0;
    double reorderPercent = 0.0;   // packets delayed by 1–3 packet times
    double duplicatePercent = 0.0; // packets seen twice, 0.5 ms apart
};

struct HoldSpec
{
    int atMs = -1; // after answer; < 0 disables
    int durationMs = 0;
    bool byCaller = true;
};

struct ReinviteSpec
{
    int atMs = -1;                    // after answer; < 0 disables
    bool byCaller = true;             // the side sending the re-INVITE, whose media may move
    std::optional<Endpoint> newMedia; // new media address of the re-INVITE's sender
    std::optional<Codec> newCodec;    // both directions switch after the 200 OK
};

struct StreamResetSpec
{
    int atMs = -1;          // after answer; < 0 disables
    bool callerSide = true; // new SSRC, sequence and a timestamp jump on this side's stream
};

// Another phone a forking proxy rings for the same call (a ring group's other member, a hunt group's first
// try): it rings and is cancelled when the call is answered elsewhere, or fails (408, 486) first.
struct ForkSpec
{
    Party phone;
    int finalCode = 487; // 487 after the proxy's CANCEL; 408 / 486 / 480 its own failure
    int ringMs = 800;    // serial forking: how long it rings before failing
};

// SRTP for both directions, keyed in the SDP (RFC 4568), or encrypted media a recorder cannot decrypt.
struct SrtpSpec
{
    std::string suite = "AES_CM_128_HMAC_SHA1_80";
    uint32_t roc = 0;                         // both senders' roll-over counter at their first packet (a late start)
    std::optional<uint16_t> seqStart;         // both senders' first sequence number (65400: a wrap mid-call)
    bool corruptKeysInSdp = false;            // the SDP's keys have a bit flipped: nothing authenticates
    int rekeyAtMs = -1;                       // a re-INVITE from the caller with new keys for both directions
    bool dtls = false;                        // DTLS-SRTP: a=fingerprint, no a=crypto; payloads undecryptable
    bool noKeys = false;                      // RTP/SAVP with no a=crypto at all
    std::vector<std::string> extraOfferLines; // more a=crypto lines in the offer (malformed ones, say)
};

struct CallSpec
{
    std::string callId;
    Party caller;
    Party callee;
    std::string pAssertedIdentity; // user part for a P-Asserted-Identity on the INVITE; empty = none
    double start = 0.0;            // INVITE time, seconds since the epoch
    int ringMs = 1500;
    int talkMs = 5000; // answer to BYE
    Outcome outcome = Outcome::Answered;
    Codec codec = Codec::Pcmu;
    bool byeFromCaller = true;
    bool telephoneEvents = true; // DTMF (RFC 4733, PT 101) from the caller mid-call
    bool comfortNoise = true;    // one CN packet (PT 13) from the callee mid-call
    HoldSpec hold;
    ReinviteSpec reinvite;
    StreamResetSpec streamReset;
    Impairment callerImpairment; // applied to RTP the caller sends
    Impairment calleeImpairment;
    std::optional<Endpoint> proxy; // set: every SIP message also crosses this proxy (seen twice)
    // With a proxy: the number the caller dialled (To, and the first Request-URI) when the phone that answers is
    // another extension (a ring group or hunt group number); the proxy's INVITE to the callee names its contact.
    std::string dialled;
    std::vector<ForkSpec> forks; // other phones rung for the call, in parallel or one after the other
    bool serialForks = false;
    std::optional<SrtpSpec> srtp;
    std::string replaces; // Replaces header of the INVITE (pickup, attended transfer)
    uint64_t seed = 1;
};

struct StreamTruth
{
    std::vector<int16_t> audio; // 8 kHz, sample 0 = answer time, zeros where nothing reached the wire
    int packetsSent = 0;        // RTP packets put on the wire, duplicates not counted
    int packetsLost = 0;        // generated but dropped by the impairment
    int packetsDuplicated = 0;
    int packetsReordered = 0;
};

struct CallTruth
{
    std::string callId;
    Outcome outcome = Outcome::Answered;
    double inviteTime = 0.0;
    double answerTime = 0.0; // 0 when not answered
    double endTime = 0.0;    // BYE, or the final failure response
    StreamTruth caller;
    StreamTruth callee;
    std::string callerTag; // the dialog's tags, for a later call's Replaces
    std::string calleeTag;

    bool answered() const { return outcome == Outcome::Answered; }
    int durationMs() const { return answered() ? int((endTime - answerTime) * 1000.0 + 0.5) : 0; }
};

class Scenario
{
public:
    const CallTruth &addCall(const CallSpec &spec);
    // Extra traffic (noise, malformed packets) mixed into the capture.
    void addPacket(GenPacket packet);

    // All packets sorted by time (stable, so equal timestamps keep generation order).
    std::vector<GenPacket> packets() const;
    const std::vector<CallTruth> &truths() const { return m_truths; }
    const CallTruth *truth(const std::string &callId) const;

private:
    std::vector<GenPacket> m_packets;
    std::vector<CallTruth> m_truths;
};

} // namespace vv::capgen

namespace vv::capgen {

// Shorthand for a party whose SIP and RTP share one address.
inline Party makeParty(std::string user, std::string host, std::string ip, uint16_t sipPort, uint16_t mediaPort,
                       std::string displayName = {})
{
    return Party{std::move(user), std::move(host), std::move(displayName), Endpoint{ip, sipPort},
                 Endpoint{ip, mediaPort}};
}

} // namespace vv::capgen
