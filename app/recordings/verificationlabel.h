#pragma once
// Says whether the open recording is provably unchanged since it was recorded: the agent hashes its file and details
// again and checks them against its vault's signed hash chain (GET /api/v1/recordings/{id}/verification). A
// changed recording, or one missing from the chain, is shown in red with what is wrong; a failed check says so.
#include <QLabel>
#include <QPointer>

namespace vv::net {
class AgentClient;
class ApiCall;
} // namespace vv::net

namespace vv::recordings {

class VerificationLabel : public QLabel
{
    Q_OBJECT
public:
    explicit VerificationLabel(QWidget *parent = nullptr);

    void check(net::AgentClient *client, qint64 recordingId); // 0 clears
    QString status() const { return m_status; }               // the agent's word, "" until it answers

Q_SIGNALS:
    void checked(const QString &status);

private:
    void show(const QString &text, bool bad);

    QPointer<net::ApiCall> m_call;
    qint64 m_id = 0;
    QString m_status;
};

} // namespace vv::recordings
