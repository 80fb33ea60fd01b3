#pragma once
// The customer users of one vault: create (typed password, or one the agent generates, shown once), reset the
// password (a new one generated and shown once), disable or enable.
#include "apimodel.h"

#include <QDialog>

namespace Ui {
class LoginsDialog;
}
namespace vv::net {
class AgentClient;
struct ApiResult;
} // namespace vv::net

namespace vv::ui {

class LoginsDialog : public QDialog
{
    Q_OBJECT
public:
    LoginsDialog(vv::net::AgentClient *client, qint64 vaultId, const QString &vaultName, QWidget *parent = nullptr);
    ~LoginsDialog() override;

public Q_SLOTS:
    void reload();
    void createLogin();
    void showInvitation(const QString &username, const QString &password);
    void resetPassword();
    void toggleDisabled();

Q_SIGNALS:
    void reloaded();

private:
    std::optional<vv::net::User> currentUser() const;
    void setBusy(bool busy, const QString &message = {});
    bool failed(const vv::net::ApiResult &r, const QString &what);

    Ui::LoginsDialog *m_ui;
    vv::net::AgentClient *m_client;
    qint64 m_vaultId;
    QList<vv::net::User> m_users;
};

} // namespace vv::ui
