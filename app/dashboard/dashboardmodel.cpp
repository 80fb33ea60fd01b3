#include "dashboardmodel.h"

#include "format.h"

#include <QBrush>
#include <QColor>
#include <QLocale>
#include <algorithm>

namespace vv::dashboard {

DashboardModel::DashboardModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void DashboardModel::setServerRows(qint64 serverId, QList<VaultHealthRow> rows)
{
    beginResetModel();
    m_rows.removeIf([serverId](const VaultHealthRow &r) { return r.serverId == serverId; });
    m_rows.append(std::move(rows));
    std::stable_sort(m_rows.begin(), m_rows.end(), worseThan);
    endResetModel();
}

void DashboardModel::removeServer(qint64 serverId)
{
    beginResetModel();
    m_rows.removeIf([serverId](const VaultHealthRow &r) { return r.serverId == serverId; });
    endResetModel();
}

int DashboardModel::rowOf(qint64 serverId, qint64 vaultId) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows[i].serverId == serverId && m_rows[i].vaultId == vaultId)
            return i;
    return -1;
}

int DashboardModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int DashboardModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : Count;
}

QVariant DashboardModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const VaultHealthRow &r = m_rows.at(index.row());
    const Health health = healthOf(r);
    if (role == Qt::BackgroundRole) {
        if (health == Health::Failing)
            return QBrush(QColor(0xf8, 0xd7, 0xda));
        if (health == Health::Warning)
            return QBrush(QColor(0xff, 0xf3, 0xcd));
        return {};
    }
    if (role == Qt::ForegroundRole && health == Health::Failing && index.column() == Status)
        return QBrush(QColor(0xa0, 0x00, 0x00));
    if (role == Qt::ToolTipRole)
        return reasonOf(r);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Status:
        switch (health) {
        case Health::Failing:
            return tr("Failing");
        case Health::Warning:
            return tr("Warning");
        case Health::Unknown:
            return tr("…");
        case Health::Ok:
            return tr("OK");
        }
        return {};
    case Server:
        return r.serverName;
    case Vault:
        return r.vaultId ? r.vaultName : tr("(vaults not listed)");
    case Customer:
        return r.vaultId ? (r.customer.isEmpty() ? tr("not linked") : r.customer) : QString();
    case Capture:
        if (!r.status)
            return QStringLiteral("—");
        if (!r.status->captureRunning)
            return tr("DOWN");
        return r.status->packetsDropped ? tr("running, %1 dropped").arg(QLocale().toString(r.status->packetsDropped))
                                        : tr("running");
    case LastRecorded:
        return r.status ? vv::ui::format::when(r.status->lastRecordingAt) : QStringLiteral("—");
    case Today:
        return assuranceText(r.today);
    case Week:
        return assuranceText(r.week);
    case Alerts:
        return r.fetched && r.reachable ? QVariant(r.openAlerts) : QVariant(QStringLiteral("—"));
    case Storage:
        if (!r.vaultId || !r.fetched || !r.reachable)
            return QStringLiteral("—");
        return r.capBytes ? tr("%1 of %2 (%3%)")
                                .arg(vv::ui::format::gb(r.bytesUsed), vv::ui::format::gb(*r.capBytes))
                                .arg(*r.capBytes ? r.bytesUsed * 100 / *r.capBytes : 0)
                          : tr("%1, no cap").arg(vv::ui::format::gb(r.bytesUsed));
    case Why:
        return reasonOf(r);
    default:
        return {};
    }
}

QVariant DashboardModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Status:
        return tr("Status");
    case Server:
        return tr("Server");
    case Vault:
        return tr("Vault");
    case Customer:
        return tr("Customer");
    case Capture:
        return tr("Capture");
    case LastRecorded:
        return tr("Last recording");
    case Today:
        return tr("Today (rec / bad / missed)");
    case Week:
        return tr("7 days");
    case Alerts:
        return tr("Open alerts");
    case Storage:
        return tr("Storage");
    case Why:
        return tr("What is wrong");
    default:
        return {};
    }
}

} // namespace vv::dashboard
