#pragma once
// What the agent says about a call, built in one place: the reason text every
// call gets ("recorded", "internal", "cancelled", "not answered: 486 Busy
// Here", ...), the report line `replay` and `run` print, and the catalogue row.
#include "calls/dialog.h"
#include "pipeline/callreport.h"
#include "vault/catalogue.h"

namespace vv::agent {

// How far recording got for an answered call the policy said to record.
struct RecordingOutcome
{
    bool unsupportedCodec = false;
    bool sessionStarted = false;
    QString refusal; // why a recordable call could not be recorded
};

namespace reportbuilder {

// The reason a call ends with, before the audio is finished (which may still turn "recorded" into a failure).
QString reason(const Dialog &dialog, const RecordingOutcome &outcome);
CallReport report(const Dialog &dialog, PacketTime endedAt, const QString &cause, const RecordingOutcome &outcome);
// The catalogue row of the call; vaultId 0 when no vault is involved.
CallRow row(const Dialog &dialog, qint64 vaultId);

} // namespace reportbuilder

} // namespace vv::agent
