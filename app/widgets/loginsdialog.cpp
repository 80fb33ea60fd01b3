#include "loginsdialog.h"

#include "agentclient.h"
#include "format.h"
#include "invitationdialog.h"
#include "prompts.h"
#include "ui_loginsdialog.h"

#include <QHeaderView>

namespace vv::ui {

using vv::net::ApiResult;

LoginsDialog::LoginsDialog(vv::net::AgentClient *client, qint64 vaultId, const QString &vaultName, QWidget *parent)
    : QDialog(parent)
    , m_ui(new Ui::LoginsDialog)
    , m_client(client)
    , m_vaultId(vaultId)
{
    m_ui->setupUi(this);
    setWindowTitle(tr("Customer logins — vault %1").arg(vaultName));
    m_ui->userTable->setColumnCount(3);
    m_ui->userTable->setHorizontalHeaderLabels({tr("Username"), tr("State"), tr("Created")});
    m_ui->userTable->horizontalHeader()->setStretchLastSection(true);
    m_ui->userTable->verticalHeader()->setVisible(false);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_ui->createButton, &QPushButton::clicked, this, &LoginsDialog::createLogin);
    connect(m_ui->resetButton, &QPushButton::clicked, this, &LoginsDialog::resetPassword);
    connect(m_ui->disableButton, &QPushButton::clicked, this, &LoginsDialog::toggleDisabled);
    reload();
}

LoginsDialog::~LoginsDialog()
{
    delete m_ui;
}

void LoginsDialog::setBusy(bool busy, const QString &message)
{
    m_ui->progressBar->setVisible(busy);
    for (QWidget *w : std::initializer_list<QWidget *>{m_ui->createButton, m_ui->resetButton, m_ui->disableButton})
        w->setEnabled(!busy);
    if (!message.isNull())
        m_ui->statusLabel->setText(message);
}

bool LoginsDialog::failed(const ApiResult &r, const QString &what)
{
    setBusy(false);
    if (r.ok())
        return false;
    m_ui->statusLabel->setText(tr("%1 failed: %2").arg(what, r.errorString));
    return true;
}

void LoginsDialog::reload()
{
    setBusy(true, tr("Loading the logins…"));
    m_client->listUsers(m_vaultId, this, [this](const ApiResult &r) {
        if (failed(r, tr("Listing the logins")))
            return;
        QString error;
        const auto users = vv::net::answerItems<vv::net::User>(r, &error);
        if (!users) {
            m_ui->statusLabel->setText(tr("Listing the logins failed: %1").arg(error));
            return;
        }
        m_users = *users;
        m_ui->userTable->setRowCount(int(m_users.size()));
        for (int i = 0; i < m_users.size(); ++i) {
            const vv::net::User &u = m_users.at(i);
            m_ui->userTable->setItem(i, 0, new QTableWidgetItem(u.username));
            m_ui->userTable->setItem(i, 1, new QTableWidgetItem(u.disabled ? tr("disabled") : tr("active")));
            m_ui->userTable->setItem(i, 2, new QTableWidgetItem(format::when(u.createdAt)));
        }
        m_ui->statusLabel->setText(m_users.isEmpty() ? tr("No customer login yet.") : QString());
        Q_EMIT reloaded();
    });
}

std::optional<vv::net::User> LoginsDialog::currentUser() const
{
    const int row = m_ui->userTable->currentRow();
    return row >= 0 && row < m_users.size() ? std::optional(m_users.at(row)) : std::nullopt;
}

void LoginsDialog::createLogin()
{
    const QString username = m_ui->usernameEdit->text().trimmed();
    const QString password = m_ui->passwordEdit->text();
    if (username.isEmpty()) {
        m_ui->statusLabel->setText(tr("Enter a username (3-64 letters, digits, . _ @ -)."));
        return;
    }
    if (!password.isEmpty() && password.size() < 10) {
        m_ui->statusLabel->setText(tr("A password needs at least 10 characters; or leave it empty to generate one."));
        return;
    }
    setBusy(true, tr("Creating %1…").arg(username));
    // The password is one-time: the customer chooses their own at the first sign-in.
    m_client->createUser(m_vaultId, username, password, true, this, [this, username, password](const ApiResult &r) {
        if (failed(r, tr("Creating %1").arg(username)))
            return;
        m_ui->usernameEdit->clear();
        m_ui->passwordEdit->clear();
        QString error;
        const auto created = vv::net::answerAs<vv::net::UserCreated>(r, &error);
        const QString generated = created ? created->password : QString();
        showInvitation(username, generated.isEmpty() ? password : generated);
        reload();
    });
}

void LoginsDialog::showInvitation(const QString &username, const QString &password)
{
    vv::net::Invitation invitation;
    invitation.serverUrl = m_client->baseUrl().toString();
    invitation.fingerprint = m_client->pinnedSha256();
    invitation.username = username;
    invitation.password = password;
    if (invitation.fingerprint.isEmpty()) {
        // No certificate to pin (plain http to this computer): the password alone, as before.
        Prompts::ask(this, Prompts::Kind::ShowSecretOnce, tr("Password for %1").arg(username),
                     tr("The one-time password for %1 is:\n\n%2\n\nGive it to the customer now: it is shown only "
                        "once, and they choose their own at the first sign-in.")
                         .arg(username, password));
        return;
    }
    auto *dialog = new InvitationDialog(invitation, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void LoginsDialog::resetPassword()
{
    const std::optional<vv::net::User> u = currentUser();
    if (!u)
        return;
    const QString username = u->username;
    if (!Prompts::ask(
            this, Prompts::Kind::ConfirmDestructive, tr("Reset password"),
            tr("Give %1 a new one-time password? The old one stops working, %1 is signed out, and an invitation to "
               "send them is shown.")
                .arg(username)))
        return;
    setBusy(true, tr("Resetting %1's password…").arg(username));
    vv::net::UserPatch patch;
    patch.resetPassword = true;
    patch.oneTime = true;
    m_client->patchUser(u->id, patch, this, [this, username](const ApiResult &r) {
        if (failed(r, tr("Resetting the password")))
            return;
        QString error;
        const auto changed = vv::net::answerAs<vv::net::UserCreated>(r, &error);
        if (!changed || changed->password.isEmpty()) {
            m_ui->statusLabel->setText(tr("The password was reset, but the server's answer could not be read (%1): "
                                          "reset it again to see the new one.")
                                           .arg(error));
            return;
        }
        showInvitation(username, changed->password);
        reload();
    });
}

void LoginsDialog::toggleDisabled()
{
    const std::optional<vv::net::User> u = currentUser();
    if (!u)
        return;
    vv::net::UserPatch patch;
    patch.disabled = !u->disabled;
    setBusy(true);
    m_client->patchUser(u->id, patch, this, [this](const ApiResult &r) {
        if (!failed(r, tr("Changing the login")))
            reload();
    });
}

} // namespace vv::ui
