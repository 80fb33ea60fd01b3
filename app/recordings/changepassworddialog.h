#pragma once
// A signed-in user changes their own password (PUT /api/v1/me/password through AgentClient). The agent revokes
// every token of the user on success, so the caller must sign in again: passwordChanged() hands it the new password
// for that. Every refusal (wrong current password, a new one the agent rejects) is shown here and the dialog stays
// open, so the user can correct it without typing everything again.
#include "agentclient.h"

#include <QDialog>
#include <QPointer>
#include <memory>

namespace Ui {
class ChangePasswordDialog;
}
namespace vv::net {
class AgentClient;
class ApiCall;
} // namespace vv::net

namespace vv::recordings {

class ChangePasswordDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ChangePasswordDialog(net::AgentClient *client, QWidget *parent = nullptr);
    ~ChangePasswordDialog() override;

    static constexpr int kMinimumLength = 10;
    // Signed in with an invitation's one-time password: it is the current one, so it is not asked for again.
    void setOneTimePassword(const QString &current);

Q_SIGNALS:
    void passwordChanged(const QString &newPassword); // the session is gone: sign in again with this

private:
    void submit();
    static QString failureText(const net::ApiResult &r);
    void showMessage(const QString &text, bool isError);

    std::unique_ptr<Ui::ChangePasswordDialog> m_ui;
    QPointer<net::AgentClient> m_client;
    QPointer<net::ApiCall> m_call;
};

} // namespace vv::recordings
