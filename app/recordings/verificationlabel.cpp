#include "verificationlabel.h"

#include "agentclient.h"

#include <QDateTime>
#include <QJsonObject>

namespace vv::recordings {

VerificationLabel::VerificationLabel(QWidget *parent)
    : QLabel(parent)
{
    setWordWrap(true);
    setTextFormat(Qt::PlainText);
    setAccessibleName(tr("Tamper evidence"));
    setAccessibleDescription(tr("Whether this recording is provably unchanged since it was recorded"));
}

void VerificationLabel::show(const QString &text, bool bad)
{
    setText(text);
    setStyleSheet(bad ? QStringLiteral("color: #b00020; font-weight: bold;") : QStringLiteral("color: #1b5e20;"));
    setVisible(!text.isEmpty());
}

void VerificationLabel::check(net::AgentClient *client, qint64 recordingId)
{
    if (m_call)
        m_call->cancel();
    m_id = recordingId;
    m_status.clear();
    if (!client || !recordingId) {
        show(QString(), false);
        return;
    }
    setText(tr("Checking that the recording is unchanged…"));
    setStyleSheet(QString());
    setVisible(true);
    m_call = client->verification(recordingId, this, [this, recordingId](const net::ApiResult &r) {
        m_call = nullptr;
        if (recordingId != m_id)
            return;
        if (!r.ok()) {
            show(tr("Could not check whether the recording is unchanged: %1").arg(r.errorString), true);
            Q_EMIT checked(QString());
            return;
        }
        const QJsonObject o = r.json.object();
        m_status = o.value(QStringLiteral("status")).toString();
        const QString detail = o.value(QStringLiteral("detail")).toString();
        const QDateTime signedAt =
            QDateTime::fromString(o.value(QStringLiteral("signed_at")).toString(), Qt::ISODate).toLocalTime();
        if (m_status == u"verified")
            show(tr("✔ Verified: unchanged since recorded (signed by the recorder %1)")
                     .arg(signedAt.toString(QStringLiteral("yyyy-MM-dd HH:mm t"))),
                 false);
        else if (m_status == u"sealed")
            show(tr("✔ Unchanged since recorded (the recorder signs it within the hour)"), false);
        else if (m_status == u"before_evidence")
            show(tr("Recorded before this server kept tamper evidence: nothing to check it against"), false);
        else if (m_status == u"changed")
            show(tr("⚠ Changed since recorded: %1. Keep this copy and tell your reseller.").arg(detail), true);
        else
            show(tr("⚠ Not verifiable: %1. Tell your reseller.").arg(detail), true);
        Q_EMIT checked(m_status);
    });
}

} // namespace vv::recordings
