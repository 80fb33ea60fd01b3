#pragma once
// One call as its signalling describes it: the dialog (Call-ID, tags), who
// sent the first INVITE, what each side's SDP offered, when it was answered or
// failed, and what the recording policy decided. Owned by the DialogTracker;
// the pipeline reads it when the tracker reports an event.
#include "calls/recordingpolicy.h"
#include "common/netaddress.h"
#include "common/timeformat.h"
#include "rtp/payloadformat.h"

#include <QString>
#include <map>
#include <string>
#include <vector>

namespace vv::agent {

constexpr int kCaller = 0;
constexpr int kCallee = 1;

// What one side's SDP says, accumulated over offers and answers.
struct MediaDescription
{
    std::vector<Endpoint> endpoints; // every address this side has offered
    Endpoint latest;                 // the most recent one (a re-INVITE may move the media)
    std::map<int, PayloadFormat> rtpmap;
    bool hasSdp = false;
    std::string primaryCodec;
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
    PolicyDecision policy;
    QString codec; // negotiated at the answer
    MediaDescription sides[2];
};

} // namespace vv::agent
