#pragma once
// The Customers tab: the searchable directory (step 1-2 of the reseller's walk), then, in the same tab, the
// customer view (step 3) and a VoIP service's page (step 4), with Back buttons between them.
#include "appcontext.h"
#include "customer.h"

#include <QWidget>

namespace Ui {
class CustomersTab;
}
namespace vv::app {
class CustomerFilterProxy;
}

namespace vv::ui {

class CustomerView;
class ServicePage;

class CustomersTab : public QWidget
{
    Q_OBJECT
public:
    CustomersTab(const AppContext &context, QWidget *parent = nullptr);
    ~CustomersTab() override;

    void showList();
    void viewCustomer(qint64 customerId);
    void viewService(const vv::app::Service &service);

public Q_SLOTS:
    void selectCustomer(qint64 customerId);
    void addCustomer();
    void editCustomer();
    void deleteCustomer();
    void importCsv();
    void exportCsv();
    void importFile(const QString &path); // without the file dialog (tests, command line)

private:
    qint64 currentCustomerId() const;
    void updateCount();

    Ui::CustomersTab *m_ui;
    AppContext m_context;
    vv::app::CustomerFilterProxy *m_proxy;
    CustomerView *m_customerView;
    ServicePage *m_servicePage;
};

} // namespace vv::ui
