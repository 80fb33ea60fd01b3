#include "pipeline/reportbuilder.h"

namespace vv::agent {

namespace reportbuilder {

namespace {

// "(answered the call to 600)": said whenever someone other than the number dialled answered.
QString answeredNote(const Dialog &d, const VaultLeg *leg)
{
    if (!d.answeredAt || d.policy.dialled.isEmpty() || !leg || leg->direction == CallDirection::Outbound)
        return {};
    return QStringLiteral(" (answered the call to %1)").arg(d.policy.dialled);
}

} // namespace

QString reason(const Dialog &d, const VaultLeg *leg, const RecordingOutcome &outcome)
{
    if (!leg)
        return d.policy.reason;
    if (!leg->record)
        return leg->reason + answeredNote(d, leg);
    if (!d.answeredAt) {
        if (d.cancelRequested || d.failureStatus == 487)
            return QStringLiteral("cancelled");
        if (d.failureStatus)
            return QStringLiteral("not answered: %1 %2")
                .arg(d.failureStatus)
                .arg(QString::fromStdString(d.failureReason));
        return QStringLiteral("not answered: no final response");
    }
    if (outcome.unsupportedCodec)
        return QStringLiteral("unsupported codec %1").arg(d.codec);
    if (!outcome.sessionStarted)
        return outcome.refusal.isEmpty() ? QStringLiteral("recording failed: could not create the audio file")
                                         : outcome.refusal;
    return QStringLiteral("recorded");
}

CallReport report(const Dialog &d, const VaultLeg *leg, PacketTime endedAt, const QString &cause,
                  const RecordingOutcome &outcome)
{
    CallReport r;
    r.sipCallId = QString::fromStdString(d.callId);
    r.caller = d.policy.caller;
    r.callee = d.policy.callee;
    r.dialled = d.policy.dialled;
    if (leg) {
        r.extension = leg->extension;
        r.vault = leg->vault;
        r.direction = leg->direction;
        r.shouldRecord = leg->record && d.answeredAt;
    }
    r.answeredBy = d.answeredAt ? d.answeredBy : QString();
    r.relation = d.relation;
    r.startedAt = d.startedAt;
    r.answeredAt = d.answeredAt;
    r.endedAt = endedAt;
    r.endCause = cause;
    r.codec = d.codec;
    r.reason = reason(d, leg, outcome);
    if (r.shouldRecord && !outcome.sessionStarted)
        r.outcome = CallOutcome::Missed;
    return r;
}

CallRow row(const Dialog &d, const VaultLeg *leg, qint64 vaultId)
{
    CallRow row;
    row.vaultId = vaultId;
    row.sipCallId = QString::fromStdString(d.callId);
    row.caller = d.policy.caller;
    row.callee = d.policy.callee;
    row.dialled = d.policy.dialled;
    if (leg) {
        row.extension = leg->extension;
        row.direction = directionName(leg->direction);
        row.reason = leg->reason;
    } else {
        row.reason = d.policy.reason;
    }
    row.startedAt = d.startedAt;
    row.answeredAt = d.answeredAt;
    row.codec = d.codec;
    return row;
}

} // namespace reportbuilder

} // namespace vv::agent
