#pragma once
// Paints a "View" push button in a table column and reports clicks on it. A delegate rather than one QPushButton
// per row (setIndexWidget) because the Customers table may hold 100,000 rows.
#include <QStyledItemDelegate>

namespace vv::ui {

class ViewButtonDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    bool editorEvent(QEvent *event, QAbstractItemModel *model, const QStyleOptionViewItem &option,
                     const QModelIndex &index) override;

Q_SIGNALS:
    void clicked(const QModelIndex &index);

private:
    QPersistentModelIndex m_pressed;
};

} // namespace vv::ui
