#pragma once
// The reseller's window: Customers and Billing tabs; Servers → Add server registers an agent. In customer mode
// the window shows that customer's recordings instead.
#include "appcontext.h"

#include <QMainWindow>

namespace Ui {
class MainWindow;
}
namespace vv::net {
class AgentClient;
}

namespace vv::ui {

class BillingTab;
class CustomersTab;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(const AppContext &context, QWidget *parent = nullptr);
    ~MainWindow() override;

    CustomersTab *customersTab() const { return m_customers; }
    BillingTab *billingTab() const { return m_billing; }
    // Customer mode: the recordings of the one vault this customer may see (client ownership passes here).
    void showCustomerRecordings(vv::net::AgentClient *client, qint64 vaultId);

public Q_SLOTS:
    void addServer();

private:
    Ui::MainWindow *m_ui;
    AppContext m_context;
    CustomersTab *m_customers;
    BillingTab *m_billing;
};

} // namespace vv::ui
