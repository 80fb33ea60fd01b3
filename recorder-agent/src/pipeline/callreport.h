#pragma once
// What the agent says about every call it saw, recorded or not: the line
// `replay` and `run` print. A call between two vaults gives one per vault.
#include "calls/recordingpolicy.h"
#include "common/timeformat.h"
#include "rtp/directiontrack.h"

#include <QJsonObject>
#include <QString>

namespace vv::agent {

struct CallReport
{
    QString sipCallId;
    QString caller;
    QString callee;
    QString extension;
    QString vault;
    CallDirection direction = CallDirection::None;
    bool recorded = false;
    QString reason;
    PacketTime startedAt = 0;
    PacketTime answeredAt = 0; // 0 = never answered
    PacketTime endedAt = 0;
    QString endCause; // "bye", "cancel", "failure", "timeout", "shutdown", "capture end"
    QString codec;
    QString file;
    qint64 id = 0; // catalogue row
    QString note;  // e.g. why a recording ends early
    qint64 bytes = 0;
    QString dialled;          // the number dialled, when someone else answered (ring group, DID, forward)
    QString answeredBy;       // how the answering extension was known ("the branch it answered", "its registration"...)
    qint64 relatedId = 0;     // the recording this call continues (transfer, pickup)
    QString relation;         // "transfer", "attended transfer", "pickup"
    QString encryption;       // "SRTP AES_CM_128_HMAC_SHA1_80"; empty for plain RTP
    QString outcome;          // recorded, degraded, missed; empty for a call not to be recorded
    quint64 captureDrops = 0; // packets the capture dropped (anyone's) while this call was recorded
    bool shouldRecord = false; // the policy said to record it once answered
    DirectionStats extensionSide;
    DirectionStats farEnd;

    qint64 durationMs() const { return answeredAt && endedAt >= answeredAt ? (endedAt - answeredAt) / 1000 : 0; }
    QJsonObject toJson() const;
    QJsonObject qualityJson() const; // per direction figures plus one-way/missing/silent/noise verdicts
    // recorded, or degraded when the quality verdicts say a person would find the recording wanting.
    QString recordedOutcome() const;
};

} // namespace vv::agent
