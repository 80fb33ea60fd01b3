#include "customerdialog.h"

#include "ui_customerdialog.h"

namespace vv::ui {

CustomerDialog::CustomerDialog(const vv::app::Customer &c, QWidget *parent)
    : QDialog(parent)
    , m_ui(new Ui::CustomerDialog)
    , m_id(c.id)
{
    m_ui->setupUi(this);
    setWindowTitle(c.id ? tr("Edit %1").arg(c.name) : tr("New customer"));
    m_ui->nameEdit->setText(c.name);
    m_ui->accountEdit->setText(c.accountNumber);
    m_ui->contactEdit->setText(c.contact);
    m_ui->phoneEdit->setText(c.phone);
    m_ui->emailEdit->setText(c.email);
    m_ui->notesEdit->setPlainText(c.notes);
    // An error stays only while it is true: typing in the field it is about clears it.
    connect(m_ui->nameEdit, &QLineEdit::textChanged, m_ui->errorLabel, &QLabel::clear);
    connect(m_ui->emailEdit, &QLineEdit::textChanged, m_ui->errorLabel, &QLabel::clear);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &CustomerDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

CustomerDialog::~CustomerDialog()
{
    delete m_ui;
}

vv::app::Customer CustomerDialog::customer() const
{
    return {m_id,
            m_ui->nameEdit->text().trimmed(),
            m_ui->accountEdit->text().trimmed(),
            m_ui->contactEdit->text().trimmed(),
            m_ui->phoneEdit->text().trimmed(),
            m_ui->emailEdit->text().trimmed(),
            m_ui->notesEdit->toPlainText().trimmed()};
}

void CustomerDialog::accept()
{
    const vv::app::Customer c = customer();
    if (c.name.isEmpty()) {
        m_ui->errorLabel->setText(tr("A customer needs a name."));
        m_ui->nameEdit->setFocus();
        return;
    }
    if (!c.email.isEmpty() && !c.email.contains(QLatin1Char('@'))) {
        m_ui->errorLabel->setText(tr("The e-mail address needs an @."));
        m_ui->emailEdit->setFocus();
        return;
    }
    QDialog::accept();
}

} // namespace vv::ui
