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
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setText(tr("Change password"));
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("changeButton"));
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &ChangePasswordDialog::submit);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
}

ChangePasswordDialog::~ChangePasswordDialog() = default;

void ChangePasswordDialog::setOneTimePassword(const QString &current)
{
    m_ui->currentEdit->setText(current);
    m_ui->currentEdit->hide();
    m_ui->currentLabel->hide();
    setWindowTitle(tr("Choose your password"));
    showMessage(tr("The password in the invitation works only once: choose your own now (at least %1 characters).")
                    .arg(kMinimumLength),
                false);
    m_ui->newEdit->setFocus();
}

void ChangePasswordDialog::showMessage(const QString &text, bool isError)
{
    m_ui->messageLabel->setText(text);
    m_ui->messageLabel->setStyleSheet(isError ? QStringLiteral("color: #b00020;") : QString());
}

QString ChangePasswordDialog::failureText(const net::ApiResult &r)
{
    // 403 is the agent's answer to a wrong current password; 401 means the session itself is gone (expired or
    // revoked elsewhere), which another attempt here cannot fix.
    switch (r.httpStatus) {
    case 403:
        return tr("The current password is not right.");
    case 401:
        return tr("Your session has ended: sign out and sign in again, then change the password.");
    case 422:
        return tr("The new password was refused: %1").arg(r.errorString);
    case 429:
        return tr("Too many attempts: wait %1 seconds and try again.")
            .arg(QString::fromLatin1(r.header("retry-after")));
    default:
        return tr("The password was not changed: %1").arg(r.errorString);
    }
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
            showMessage(failureText(r), true);
            return;
        }
        const QString newPassword = m_ui->newEdit->text();
        // Nothing of the passwords stays in the widgets once they have done their job.
        m_ui->currentEdit->clear();
        m_ui->newEdit->clear();
        m_ui->confirmEdit->clear();
        Q_EMIT passwordChanged(newPassword);
        accept();
    });
}

} // namespace vv::recordings
