#pragma once
// What the agent says about every call it saw, recorded or not. This is the
// line `replay` and `run` print, and (later) the catalogue row.
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
    DirectionStats extensionSide;
    DirectionStats farEnd;

    qint64 durationMs() const { return answeredAt && endedAt >= answeredAt ? (endedAt - answeredAt) / 1000 : 0; }
    QJsonObject toJson() const;
    QJsonObject qualityJson() const; // per direction figures plus one-way/missing/silent verdicts
};

} // namespace vv::agent
