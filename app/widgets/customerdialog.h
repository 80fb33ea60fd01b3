#pragma once
// Adds or edits one customer of the directory.
#include "customer.h"

#include <QDialog>

namespace Ui {
class CustomerDialog;
}

namespace vv::ui {

class CustomerDialog : public QDialog
{
    Q_OBJECT
public:
    explicit CustomerDialog(const vv::app::Customer &customer, QWidget *parent = nullptr);
    ~CustomerDialog() override;
    vv::app::Customer customer() const;
    void accept() override;

private:
    Ui::CustomerDialog *m_ui;
    qint64 m_id;
};

} // namespace vv::ui
