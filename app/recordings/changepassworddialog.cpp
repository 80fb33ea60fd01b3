#include "changepassworddialog.h"

#include "agentclient.h"
#include "ui_changepassworddialog.h"

#include <QPushButton>

namespace vv::recordings {

ChangePasswordDialog::ChangePasswordDialog(net::AgentClient *client, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::ChangePasswordDialog>())
    , m_client(client)
{
    m_ui->setupUi(this);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &ChangePasswordDialog::submit);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

ChangePasswordDialog::~ChangePasswordDialog() = default;

void ChangePasswordDialog::showMessage(const QString &text, bool isError)
{
    m_ui->messageLabel->setText(text);
    m_ui->messageLabel->setStyleSheet(isError ? QStringLiteral("color: #b00020;") : QString());
}

void ChangePasswordDialog::submit()
{
    const QString current = m_ui->currentEdit->text();
    const QString next = m_ui->newEdit->text();
    if (current.isEmpty())
        return showMessage(tr("Enter your current password."), true);
    if (next.size() < kMinimumLength)
        return showMessage(tr("The new password needs at least %1 characters.").arg(kMinimumLength), true);
    if (next != m_ui->confirmEdit->text())
        return showMessage(tr("The two new passwords differ."), true);
    if (next == current)
        return showMessage(tr("The new password is the same as the current one."), true);
    if (!m_client || m_call)
        return;
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setEnabled(false);
    showMessage(tr("Changing the password…"), false);
    m_call = m_client->changePassword(current, next, this, [this](const net::ApiResult &r) {
        m_call.clear();
        m_ui->buttonBox->button(QDialogButtonBox::Ok)->setEnabled(true);
        if (!r.ok()) {
            showMessage(r.httpStatus == 401 || r.httpStatus == 403
                            ? tr("The current password is not right.")
                            : tr("The password was not changed: %1").arg(r.errorString),
                        true);
            return;
        }
        Q_EMIT passwordChanged();
        accept();
    });
}

} // namespace vv::recordings
