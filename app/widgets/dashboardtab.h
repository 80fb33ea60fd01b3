#pragma once
// The reseller's first tab: every server and vault this app knows, linked to a customer or not, worst first
// (vv::dashboard rules); under it the selected vault's charts (storage with cap and forecast, calls per day) and
// the open alerts of its server, which can be acknowledged. Double-click opens the vault's service page.
#include "apimodel.h"
#include "appcontext.h"
#include "customer.h"

#include <QWidget>

namespace Ui {
class DashboardTab;
}
class QChartView;

namespace vv::dashboard {
class DashboardModel;
class HealthCollector;
struct VaultHealthRow;
} // namespace vv::dashboard

namespace vv::ui {

class DashboardTab : public QWidget
{
    Q_OBJECT
public:
    DashboardTab(const AppContext &context, QWidget *parent = nullptr);
    ~DashboardTab() override;

    vv::dashboard::DashboardModel *model() const { return m_model; }
    QChartView *storageChart() const { return m_storage; }
    QChartView *callsChart() const { return m_calls; }
    const QList<vv::net::HealthEvent> &alerts() const { return m_alerts; }

public Q_SLOTS:
    void refresh();
    void acknowledgeSelected();

Q_SIGNALS:
    void refreshed();                                       // every server answered (or failed)
    void detailsShown();                                    // charts and alerts of the selected row are on screen
    void serviceRequested(const vv::app::Service &service); // linked to a customer
    void vaultRequested(const vv::app::Service &service);   // not linked: customerId 0

private:
    void onSelection();
    void onActivated(const QModelIndex &index);
    void showAlerts(qint64 serverId);
    void updateSummary();

    Ui::DashboardTab *m_ui;
    AppContext m_context;
    vv::dashboard::DashboardModel *m_model;
    vv::dashboard::HealthCollector *m_collector;
    QChartView *m_storage;
    QChartView *m_calls;
    QList<vv::net::HealthEvent> m_alerts;
    qint64 m_alertsServer = 0;
    int m_detailPending = 0;
};

} // namespace vv::ui
