#include "customerfilterproxy.h"

#include "customermodel.h"

namespace vv::app {

CustomerFilterProxy::CustomerFilterProxy(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    // No sorting here: the model keeps rows in name order already, and re-sorting 100,000 rows on every
    // keystroke would cost more than the filtering itself.
    setDynamicSortFilter(false);
}

void CustomerFilterProxy::setCustomerModel(CustomerModel *model)
{
    m_model = model;
    setSourceModel(model);
}

void CustomerFilterProxy::setSearchText(const QString &text)
{
    if (text == m_text)
        return;
    // A reset, not invalidateFilter(): invalidateFilter() reports every run of rows that appears or disappears
    // as its own rowsInserted/rowsRemoved, and over 100,000 rows a keystroke can make tens of thousands of runs;
    // the view and its header handle each one, which took seconds (bench_app). After a reset the mapping is
    // rebuilt once, in one pass over the folded text. The Customers tab puts the current record back.
    beginResetModel();
    m_text = text;
    m_words = text.toCaseFolded().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    endResetModel();
}

bool CustomerFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (m_words.isEmpty() || !m_model)
        return true;
    const QString &haystack = m_model->searchText(sourceRow);
    for (const QString &w : m_words)
        if (!haystack.contains(w))
            return false;
    return true;
}

} // namespace vv::app
