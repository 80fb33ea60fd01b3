#pragma once
// One call as its signalling describes it: the dialog (Call-ID, tags), who
// sent the first INVITE, every INVITE branch (a forking proxy's, a followed
// redirect's), each side's SDP and SRTP keys, who answered, what the caller
// dialled, and what the recording policy decided. Owned by the DialogTracker;
// the pipeline reads it when the tracker reports an event.
#include "calls/recordingpolicy.h"
#include "common/netaddress.h"
#include "common/timeformat.h"
#include "rtp/payloadformat.h"
#include "rtp/srtpkeys.h"

#include <QString>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace vv::agent {

constexpr int kCaller = 0;
constexpr int kCallee = 1;

// How a side's media is protected, as its SDP says.
enum class MediaProtection {
    Plain,       // RTP/AVP
    Sdes,        // SRTP keyed in the SDP (RFC 4568): decryptable
    Dtls,        // DTLS-SRTP (a=fingerprint): the keys never cross the wire in a form a listener can use
    NoKeys,      // a secure profile (RTP/SAVP) with no usable a=crypto
    Unsupported, // a=crypto lines, none of a suite libsrtp2 decrypts
};

// What one side's SDP says, accumulated over offers and answers.
struct MediaDescription
{
    std::vector<Endpoint> endpoints; // every address this side has offered
    Endpoint latest;                 // the most recent one (a re-INVITE may move the media)
    std::map<int, PayloadFormat> rtpmap;
    bool hasSdp = false;
    std::string primaryCodec;
    MediaProtection protection = MediaProtection::Plain;
    std::string protectionDetail;     // "AES_CM_128_HMAC_SHA1_80", or why no key could be used
    std::vector<SrtpCrypto> offered;  // a=crypto lines of this side's outstanding offer
    std::vector<SrtpCrypto> sendKeys; // keys this side encrypts with, in the order they were agreed
};

// An INVITE that started or continued the call before the answer: the caller's own, a forking proxy's copy to
// each phone of a ring group, the one that followed a redirect.
struct InviteBranch
{
    std::string via;        // branch parameter of the top Via: a response names the branch it answers this way
    std::string ruriUser;   // the Request-URI's user: the extension (or contact) this branch rang
    std::string ruriDevice; // the user part as written ("201-0x55d4c0"), for leadingNumber()
    Endpoint to;            // where the INVITE was sent
    int finalStatus = 0;
};

// A REFER seen in a dialog: the transfer it asks for.
struct Referral
{
    std::string fromCallId;     // the dialog the REFER was sent in (the call being transferred)
    std::string targetUser;     // Refer-To user
    std::string replacesCallId; // Refer-To ?Replaces= (attended transfer): the consultation call
    PacketTime at = 0;
};

struct Dialog
{
    std::string callId;
    std::string callerTag;
    std::string calleeTag;
    Endpoint callerSignal; // where the first INVITE came from: the caller's UA or its first hop
    PacketTime startedAt = 0;
    PacketTime answeredAt = 0;
    PacketTime lastActivity = 0;
    bool cancelRequested = false;
    int failureStatus = 0;
    std::string failureReason;
    CallIdentities identities;
    PolicyDecision policy; // provisional from the first INVITE; final at the answer
    QString codec;         // negotiated at the answer
    MediaDescription sides[2];
    std::map<std::string, MediaDescription> calleeByTag; // each early dialog's (fork's) own SDP
    std::vector<InviteBranch> branches;
    std::vector<Endpoint> mediaEndpoints; // every endpoint announced to the media router, for its cleanup
    QString answeredBy;                   // how the answering party was identified, for the report
    // Transfers and pickup (RFC 3515, 3891, 3892).
    std::string replaces;      // Call-ID this call's INVITE replaces (attended transfer, pickup)
    bool picksUp = false;      // it replaced a call still ringing: a pickup of that call
    CallIdentities pickedUp;   // that ringing call's caller and dialled number
    std::string relatedCallId; // the call this one continues (transfer, pickup)
    QString relation;          // "transfer", "attended transfer", "pickup"
};

} // namespace vv::agent
