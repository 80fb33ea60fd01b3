#include "customermodel.h"

#include "customerdirectory.h"

namespace vv::app {

CustomerModel::CustomerModel(CustomerDirectory *directory, QObject *parent)
    : QAbstractTableModel(parent)
    , m_directory(directory)
{
    reload();
}

CustomerModel::CustomerModel(CustomerDirectory *directory, Preloaded preloaded, QObject *parent)
    : QAbstractTableModel(parent)
    , m_directory(directory)
{
    if (preloaded.error.isEmpty())
        m_rows = std::move(preloaded.rows);
    else
        reload();
}

CustomerModel::Preloaded CustomerModel::preload(const QString &directoryPath)
{
    Preloaded out;
    CustomerDirectory reader; // its own SQLite connection, owned by the calling thread
    if (!reader.open(directoryPath, &out.error))
        return out;
    const QList<Customer> all = reader.customers();
    if (!reader.lastError().isEmpty()) {
        out.error = reader.lastError();
        return out;
    }
    out.rows.reserve(all.size());
    for (const Customer &c : all)
        out.rows << rowFor(c);
    return out;
}

CustomerModel::Row CustomerModel::rowFor(const Customer &c)
{
    const QChar sep(0x1);
    const QString all =
        c.name + sep + c.accountNumber + sep + c.contact + sep + c.phone + sep + c.email + sep + c.notes;
    return Row{c, all.toCaseFolded()};
}

void CustomerModel::reload()
{
    beginResetModel();
    m_rows.clear();
    const QList<Customer> all = m_directory->customers();
    m_rows.reserve(all.size());
    for (const Customer &c : all)
        m_rows << rowFor(c);
    endResetModel();
}

int CustomerModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int CustomerModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CustomerModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Customer &c = m_rows.at(index.row()).customer;
    if (role == CustomerIdRole)
        return c.id;
    if (role == Qt::ToolTipRole && index.column() == View)
        return tr("Open %1's details and VoIP services").arg(c.name);
    if (role != Qt::DisplayRole && role != Qt::EditRole)
        return {};
    switch (index.column()) {
    case Name:
        return c.name;
    case AccountNumber:
        return c.accountNumber;
    case Contact:
        return c.contact;
    case Phone:
        return c.phone;
    case Email:
        return c.email;
    case Notes:
        return c.notes;
    case View:
        return tr("View");
    }
    return {};
}

QVariant CustomerModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name:
        return tr("Name");
    case AccountNumber:
        return tr("Account");
    case Contact:
        return tr("Contact");
    case Phone:
        return tr("Phone");
    case Email:
        return tr("E-mail");
    case Notes:
        return tr("Notes");
    case View:
        return QString();
    }
    return {};
}

int CustomerModel::rowOf(qint64 customerId) const
{
    for (int i = 0; i < m_rows.size(); ++i)
        if (m_rows.at(i).customer.id == customerId)
            return i;
    return -1;
}

bool CustomerModel::addCustomer(Customer *customer)
{
    QList<Customer> one{*customer};
    if (!addCustomers(&one))
        return false;
    *customer = one.front();
    return true;
}

bool CustomerModel::addCustomers(QList<Customer> *customers)
{
    if (customers->isEmpty())
        return true;
    if (!m_directory->addCustomers(customers))
        return false;
    if (customers->size() > 1) { // an import: cheaper to start over in the directory's order
        reload();
        return true;
    }
    // Rows stay in name order (as the directory lists them), so the view needs no sorting proxy.
    const Customer &c = customers->front();
    int row = 0;
    while (row < m_rows.size() && QString::compare(m_rows.at(row).customer.name, c.name, Qt::CaseInsensitive) <= 0)
        ++row;
    beginInsertRows({}, row, row);
    m_rows.insert(row, rowFor(c));
    endInsertRows();
    return true;
}

bool CustomerModel::updateCustomer(const Customer &customer)
{
    const int row = rowOf(customer.id);
    if (row < 0 || !m_directory->updateCustomer(customer))
        return false;
    m_rows[row] = rowFor(customer);
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    return true;
}

bool CustomerModel::removeCustomer(qint64 customerId)
{
    const int row = rowOf(customerId);
    if (row < 0 || !m_directory->removeCustomer(customerId))
        return false;
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    endRemoveRows();
    return true;
}

} // namespace vv::app
