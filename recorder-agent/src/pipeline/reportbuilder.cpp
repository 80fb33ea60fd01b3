#include "pipeline/reportbuilder.h"

namespace vv::agent {

namespace reportbuilder {

QString reason(const Dialog &d, const RecordingOutcome &outcome)
{
    if (!d.policy.record)
        return d.policy.reason;
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

CallReport report(const Dialog &d, PacketTime endedAt, const QString &cause, const RecordingOutcome &outcome)
{
    CallReport r;
    r.sipCallId = QString::fromStdString(d.callId);
    r.caller = d.policy.caller;
    r.callee = d.policy.callee;
    r.extension = d.policy.extension;
    r.vault = d.policy.vault;
    r.direction = d.policy.direction;
    r.startedAt = d.startedAt;
    r.answeredAt = d.answeredAt;
    r.endedAt = endedAt;
    r.endCause = cause;
    r.codec = d.codec;
    r.reason = reason(d, outcome);
    return r;
}

CallRow row(const Dialog &d, qint64 vaultId)
{
    CallRow row;
    row.vaultId = vaultId;
    row.sipCallId = QString::fromStdString(d.callId);
    row.caller = d.policy.caller;
    row.callee = d.policy.callee;
    row.extension = d.policy.extension;
    row.direction = directionName(d.policy.direction);
    row.reason = d.policy.reason;
    row.startedAt = d.startedAt;
    row.answeredAt = d.answeredAt;
    row.codec = d.codec;
    return row;
}

} // namespace reportbuilder

} // namespace vv::agent
