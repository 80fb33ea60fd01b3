#pragma once
// The dashboard's table: one row per vault the app knows (linked to a customer or not) and one per server it
// could not list, worst first. Failing rows are red, warnings amber, so a glance finds what needs doing.
#include "vaulthealth.h"

#include <QAbstractTableModel>

namespace vv::dashboard {

class DashboardModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Status, Server, Vault, Customer, Capture, LastRecorded, Today, Week, Alerts, Storage, Why, Count };

    explicit DashboardModel(QObject *parent = nullptr);

    // Replaces every row of that server, then sorts worst first.
    void setServerRows(qint64 serverId, QList<VaultHealthRow> rows);
    void removeServer(qint64 serverId);
    const VaultHealthRow &rowAt(int row) const { return m_rows.at(row); }
    int rowOf(qint64 serverId, qint64 vaultId) const; // -1 when absent

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<VaultHealthRow> m_rows;
};

} // namespace vv::dashboard
