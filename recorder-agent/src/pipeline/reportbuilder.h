#pragma once
// What the agent says about a call, built in one place: the reason every call
// gets ("recorded", "internal", "excluded extension 203 (answered the call to
// 600)", "not answered: 486 Busy Here", "encrypted media: DTLS-SRTP"...), the
// report line `replay` and `run` print, and the catalogue row. A call with
// extensions of two vaults has a leg (and a report and row) per vault.
#include "calls/dialog.h"
#include "pipeline/callreport.h"
#include "vault/catalogue.h"

namespace vv::agent {

// How far recording got for one leg the policy said to record.
struct RecordingOutcome
{
    bool unsupportedCodec = false;
    bool sessionStarted = false;
    QString refusal; // why a recordable call could not be recorded ("encrypted media: ...", "not recorded: ...")
};

namespace reportbuilder {

// The reason a leg ends with, before the audio is finished (which may still turn "recorded" into a failure).
// `leg` is null for a call no vault has an extension on.
QString reason(const Dialog &dialog, const VaultLeg *leg, const RecordingOutcome &outcome);
CallReport report(const Dialog &dialog, const VaultLeg *leg, PacketTime endedAt, const QString &cause,
                  const RecordingOutcome &outcome);
// The catalogue row of the leg; vaultId 0 when no vault is involved.
CallRow row(const Dialog &dialog, const VaultLeg *leg, qint64 vaultId);

} // namespace reportbuilder

} // namespace vv::agent
