#include "viewbuttondelegate.h"

#include <QApplication>
#include <QMouseEvent>
#include <QPainter>
#include <QStyle>

namespace vv::ui {

namespace {
QStyleOptionButton buttonOption(const QStyleOptionViewItem &option, const QModelIndex &index, bool pressed)
{
    QStyleOptionButton b;
    b.rect = option.rect.adjusted(2, 2, -2, -2);
    b.text = index.data().toString();
    b.state = QStyle::State_Enabled | (pressed ? QStyle::State_Sunken : QStyle::State_Raised);
    if (option.state & QStyle::State_MouseOver)
        b.state |= QStyle::State_MouseOver;
    return b;
}
} // namespace

void ViewButtonDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    const QStyleOptionButton b = buttonOption(option, index, m_pressed == index);
    QStyle *style = option.widget ? option.widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_PushButton, &b, painter, option.widget);
}

QSize ViewButtonDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    return option.fontMetrics.size(Qt::TextSingleLine, index.data().toString()) + QSize(24, 8);
}

bool ViewButtonDelegate::editorEvent(QEvent *event, QAbstractItemModel *, const QStyleOptionViewItem &option,
                                     const QModelIndex &index)
{
    if (event->type() == QEvent::MouseButtonPress) {
        m_pressed = index;
        return true;
    }
    if (event->type() == QEvent::MouseButtonRelease) {
        const bool hit =
            m_pressed == index && option.rect.contains(static_cast<QMouseEvent *>(event)->position().toPoint());
        m_pressed = QPersistentModelIndex();
        if (hit)
            Q_EMIT clicked(index);
        return true;
    }
    return event->type() == QEvent::MouseButtonDblClick; // a double click on the button is just a click
}

} // namespace vv::ui
