#pragma once
// A signed-in user changes their own password (POST /api/v1/session/password through AgentClient). The agent
// revokes every token of the user on success, so the caller must sign in again: passwordChanged() says so.
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

Q_SIGNALS:
    void passwordChanged(); // the session is gone: sign in again with the new password

private:
    void submit();
    void showMessage(const QString &text, bool isError);

    std::unique_ptr<Ui::ChangePasswordDialog> m_ui;
    QPointer<net::AgentClient> m_client;
    QPointer<net::ApiCall> m_call;
};

} // namespace vv::recordings
