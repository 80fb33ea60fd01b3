#pragma once
// Search as you type for the Customers tab: every word typed must appear, case-insensitively, in some field of
// the customer (name, account number, contact, phone, e-mail, notes).
#include <QSortFilterProxyModel>
#include <QStringList>

namespace vv::app {

class CustomerModel;

class CustomerFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit CustomerFilterProxy(QObject *parent = nullptr);

    void setCustomerModel(CustomerModel *model);
    void setSearchText(const QString &text);
    QString searchText() const { return m_text; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    CustomerModel *m_model = nullptr;
    QString m_text;
    QStringList m_words; // case-folded
};

} // namespace vv::app
