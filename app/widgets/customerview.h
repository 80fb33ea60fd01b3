#pragma once
// One customer: details on the left, the "VoIP services" block at the top right listing each service record with
// its server URL and live status (reachable, recording on/off, used/cap). Offline, the last answer is shown with
// the time it was fetched.
#include "apimodel.h"
#include "appcontext.h"
#include "customer.h"

#include <QWidget>

namespace Ui {
class CustomerView;
}
class QListWidgetItem;

namespace vv::ui {

class CustomerView : public QWidget
{
    Q_OBJECT
public:
    CustomerView(const AppContext &context, QWidget *parent = nullptr);
    ~CustomerView() override;

    void setCustomer(qint64 customerId);
    qint64 customerId() const { return m_customerId; }
    void focusServices(); // the services list takes the focus, its first service current (Enter opens it)
    void refreshStatus();

    // "used / cap" and on/off of a Vault object (GET /vaults/{id}), for the list and for tests.
    static QString vaultSummary(const vv::net::Vault &vault);
    static QString vaultSummary(const QByteArray &cachedJson);

Q_SIGNALS:
    void backRequested();
    void serviceActivated(const vv::app::Service &service);

private:
    void reload();
    void showServiceStatus(QListWidgetItem *item, const vv::app::Service &s, const QString &liveOrError, bool live);
    void addService();
    void removeService();

    Ui::CustomerView *m_ui;
    AppContext m_context;
    qint64 m_customerId = 0;
    QList<vv::app::Service> m_services;
};

} // namespace vv::ui
