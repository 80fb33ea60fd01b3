#pragma once
// One VoIP service of a customer: the agent's status (version, capture, drops) and the vault's summary, with
// Edit VIP Vault, Recordings and Customer logins. Shows the cached answers (and when they were fetched) when the
// server cannot be reached, and then says in red that the recording state is unknown: never a stale "on".
// A vault that is on while capture is down reads "NOT RECORDING", in red, with the agent's reason.
#include "apimodel.h"
#include "appcontext.h"
#include "customer.h"

#include <QWidget>

namespace Ui {
class ServicePage;
}
namespace vv::net {
class AgentClient;
}

namespace vv::ui {

class ServicePage : public QWidget
{
    Q_OBJECT
public:
    ServicePage(const AppContext &context, QWidget *parent = nullptr);
    ~ServicePage() override;

    void setService(const vv::app::Service &service);
    // Opened from the dashboard for a vault no customer is linked to: there is no customer to go back to.
    void setBackVisible(bool visible);
    void refresh();

public Q_SLOTS:
    void editVault();
    void openRecordings();
    void loadRecent(vv::net::AgentClient *client);
    void openAudit();
    void openLogins();

Q_SIGNALS:
    void backRequested();

private:
    void showStatus(const std::optional<vv::net::ServerStatus> &status, const QDateTime &fetched);
    void showVault(const std::optional<vv::net::Vault> &vault, const QDateTime &fetched);
    void showFailing(); // from what the last status and vault answers said, fresh or cached
    void withClient(std::function<void(vv::net::AgentClient *)> then);
    void setBusy(int delta, const QString &message = {});

    Ui::ServicePage *m_ui;
    AppContext m_context;
    vv::app::Service m_service;
    std::optional<vv::net::ServerStatus> m_status;
    std::optional<vv::net::Vault> m_vault;
    QString m_unreachable; // why the last status request failed; empty when it answered
    QDateTime m_statusFetched;
    int m_busy = 0;
};

} // namespace vv::ui
