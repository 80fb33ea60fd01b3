#pragma once
// One VoIP service of a customer: the agent's status (version, capture, drops) and the vault's summary, with
// Edit VIP Vault, Recordings and Customer logins. Shows the cached answers (and when they were fetched) when the
// server cannot be reached.
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
    void refresh();

public Q_SLOTS:
    void editVault();
    void openRecordings();
    void openLogins();

Q_SIGNALS:
    void backRequested();

private:
    void showStatus(const std::optional<vv::net::ServerStatus> &status, const QDateTime &fetched);
    void showVault(const std::optional<vv::net::Vault> &vault, const QDateTime &fetched);
    void withClient(std::function<void(vv::net::AgentClient *)> then);
    void setBusy(int delta, const QString &message = {});

    Ui::ServicePage *m_ui;
    AppContext m_context;
    vv::app::Service m_service;
    int m_busy = 0;
};

} // namespace vv::ui
