// Judges one call of the real-peer test: the agent's JSON line against what the test observed (times, direction,
// reason) and the recording against the files the two peers played (each channel must follow its own party).
#pragma once

#include "peerprocess.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace vv::e2e {

// What one finished call should look like, and the wall-clock truth the test observed.
struct Expect
{
    QString label;
    QString callId;
    bool recorded = true;
    QString reason = "recorded";
    QString direction;
    QString extension;
    QString caller, callee;
    double invited = 0;  // wall clock just before /dial
    double answered = 0; // caller saw CALL_ESTABLISHED (0 = not answered)
    double ended = 0;    // wall clock just before /hangup
    const UserAgent *extensionUa = nullptr;
    const UserAgent *farUa = nullptr;
    // Hold: [holdFrom, holdTo) seconds after answer (0,0 = no hold).
    double holdFrom = 0, holdTo = 0;
};

// "" when the call matches, else every mismatch in one readable message.
QString checkRecording(const Expect &e, const QList<QJsonObject> &agentCalls);

} // namespace vv::e2e
