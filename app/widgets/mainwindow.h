#pragma once
// The reseller's window: Dashboard, Customers and Billing tabs; Servers → Add server registers an agent, Servers →
// Manage servers renames, removes and re-checks them. In customer mode
// the window shows that customer's recordings instead. In both modes Account → Change password and Sign out act on
// the user who signed in at start (the account); signing out returns to the sign-in dialog.
#include "appcontext.h"
#include "customer.h"

#include <QMainWindow>
#include <QPointer>

namespace Ui {
class MainWindow;
}
namespace vv::net {
class AgentClient;
}

namespace vv::ui {

class BillingTab;
class CustomersTab;
class DashboardTab;
class SignInDialog;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(const AppContext &context, QWidget *parent = nullptr);
    ~MainWindow() override;

    DashboardTab *dashboardTab() const { return m_dashboard; }
    CustomersTab *customersTab() const { return m_customers; }
    BillingTab *billingTab() const { return m_billing; }
    // Customer mode: the recordings of the one vault this customer may see (client ownership passes here).
    void showCustomerRecordings(vv::net::AgentClient *client, qint64 vaultId);
    // The signed-in user the Account menu acts on: the server as the sign-in dialog saved it and its client (a
    // customer's client is owned here after showCustomerRecordings; a reseller's is looked up in the
    // ServerConnections each time, because Add server may replace the client of the same server).
    void setAccount(const vv::app::Server &server, vv::net::AgentClient *client);
    vv::app::Server account() const { return m_account; }
    // nullptr once signed out.
    vv::net::AgentClient *accountClient() const;
    // The sign-in dialog shown after signing out, while it is open.
    SignInDialog *signInDialog() const; // defined where SignInDialog is complete

public Q_SLOTS:
    void addServer();
    void manageServers();
    void changePassword();
    void signOut();

Q_SIGNALS:
    // Signed out and the user closed the sign-in dialog without signing in again: the app should end.
    void signInAbandoned();

private:
    void showResellerTabs();
    void onPasswordChanged(const QString &newPassword);
    void forgetAndSignInAgain(const QList<vv::app::Server> &servers);
    void showSignIn();
    void openService(const vv::app::Service &service);
    void openUnlinkedVault(const vv::app::Service &service);

    Ui::MainWindow *m_ui;
    AppContext m_context;
    DashboardTab *m_dashboard;
    CustomersTab *m_customers;
    BillingTab *m_billing;
    QPointer<QWidget> m_recordings; // customer mode only
    bool m_customerMode = false;
    vv::app::Server m_account;
    QPointer<vv::net::AgentClient> m_accountClient;
    bool m_signedIn = false;
    QPointer<SignInDialog> m_signIn;
};

} // namespace vv::ui
