#pragma once
// Billing: for a chosen month, each customer's VoIP services across all servers with space used, GB-months and
// the charge (from each agent's usage statement), totals per customer and overall, CSV export.
#include "appcontext.h"

#include <QWidget>

namespace Ui {
class BillingTab;
}

namespace vv::ui {

class BillingTab : public QWidget
{
    Q_OBJECT
public:
    enum Column { Customer, Server, Vault, UsedNow, GbMonths, Charge, ColumnCount };

    BillingTab(const AppContext &context, QWidget *parent = nullptr);
    ~BillingTab() override;

    QString month() const; // YYYY-MM
    QByteArray csv() const;

public Q_SLOTS:
    void refresh();
    void exportCsv();

Q_SIGNALS:
    void refreshed();

private:
    void updateTotal();

    Ui::BillingTab *m_ui;
    AppContext m_context;
    int m_pending = 0;
    int m_generation = 0;
};

} // namespace vv::ui
