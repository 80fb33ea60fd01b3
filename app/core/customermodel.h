#pragma once
// The customer directory as a table for the Customers tab. Edits go through the model so the directory (SQLite)
// and the view change together. Each row also keeps a folded copy of all its text: search as you type compares
// against that instead of asking data() for every column, which keeps a keystroke over 100,000 rows cheap.
#include "customer.h"

#include <QAbstractTableModel>

namespace vv::app {

class CustomerDirectory;

class CustomerModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Name, AccountNumber, Contact, Phone, Email, Notes, View, ColumnCount };
    enum Role { CustomerIdRole = Qt::UserRole + 1 };

    struct Row
    {
        Customer customer;
        QString folded;
    };
    // Rows read and folded away from the GUI thread (100,000 customers take about half a second), through a
    // connection of its own to the directory file, so the app can load them while the sign-in dialog is up.
    struct Preloaded
    {
        QList<Row> rows;
        QString error; // empty on success
    };
    static Preloaded preload(const QString &directoryPath);

    explicit CustomerModel(CustomerDirectory *directory, QObject *parent = nullptr);
    // Starts from rows preload() read; falls back to reading the directory when the preload failed.
    CustomerModel(CustomerDirectory *directory, Preloaded preloaded, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void reload();
    const Customer &customerAt(int row) const { return m_rows.at(row).customer; }
    // Lower-case text of every field, separated by U+0001 so a search cannot match across two fields.
    const QString &searchText(int row) const { return m_rows.at(row).folded; }
    int rowOf(qint64 customerId) const;

    bool addCustomer(Customer *customer);
    bool addCustomers(QList<Customer> *customers);
    bool updateCustomer(const Customer &customer);
    bool removeCustomer(qint64 customerId);

private:
    static Row rowFor(const Customer &c);

    CustomerDirectory *m_directory;
    QList<Row> m_rows;
};

} // namespace vv::app
