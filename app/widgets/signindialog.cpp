#include "signindialog.h"

#include "agentclient.h"
#include "apimodel.h"
#include "applogging.h"
#include "credentialstore.h"
#include "customerdirectory.h"
#include "prompts.h"
#include "ui_signindialog.h"

#include <QPushButton>

namespace vv::ui {

using vv::app::CredentialResult;
using vv::net::ApiError;
using vv::net::ApiResult;

SignInDialog::SignInDialog(vv::app::CustomerDirectory *directory, vv::app::CredentialStore *credentials,
                           QWidget *parent)
    : QDialog(parent)
    , m_ui(new Ui::SignInDialog)
    , m_directory(directory)
    , m_credentials(credentials)
{
    m_ui->setupUi(this);
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setText(tr("Sign in"));
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("signInButton"));
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &SignInDialog::submit);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_ui->usernameEdit, &QLineEdit::editingFinished, this, &SignInDialog::readRememberedPassword);
}

SignInDialog::~SignInDialog()
{
    delete m_ui;
}

void SignInDialog::setMode(Mode mode)
{
    (mode == Mode::Reseller ? m_ui->resellerRadio : m_ui->customerRadio)->setChecked(true);
}

SignInDialog::Mode SignInDialog::mode() const
{
    return m_ui->customerRadio->isChecked() ? Mode::Customer : Mode::Reseller;
}

void SignInDialog::setServer(const QString &url, const QString &username, bool locked)
{
    m_ui->urlEdit->setText(url);
    m_ui->usernameEdit->setText(username);
    m_ui->urlEdit->setReadOnly(locked);
    m_ui->usernameEdit->setReadOnly(locked);
    m_ui->modeGroup->setEnabled(!locked);
    readRememberedPassword();
}

void SignInDialog::setPassword(const QString &password)
{
    m_ui->passwordEdit->setText(password);
}

vv::net::AgentClient *SignInDialog::takeClient()
{
    vv::net::AgentClient *c = m_client;
    if (c)
        c->setParent(nullptr);
    m_client.clear();
    return c;
}

QString SignInDialog::spacedFingerprint(const QString &hex)
{
    QStringList pairs;
    for (int i = 0; i + 1 < hex.size(); i += 2)
        pairs << hex.mid(i, 2);
    QString out;
    for (int i = 0; i < pairs.size(); ++i)
        out += pairs.at(i) +
               (i + 1 == pairs.size() ? QString() : (i % 16 == 15 ? QStringLiteral(":\n") : QStringLiteral(":")));
    return out;
}

QString SignInDialog::knownPin(const QString &url) const
{
    for (const vv::app::Server &s : m_directory->servers())
        if (s.url == url && !s.pinSha256.isEmpty())
            return s.pinSha256;
    return {};
}

void SignInDialog::readRememberedPassword()
{
    const QString url = m_ui->urlEdit->text().trimmed();
    const QString user = m_ui->usernameEdit->text().trimmed();
    if (url.isEmpty() || user.isEmpty() || !m_ui->passwordEdit->text().isEmpty())
        return;
    m_credentials->read(vv::app::CredentialStore::keyFor(url, user), this, [this](const CredentialResult &r) {
        if (r.ok() && m_ui->passwordEdit->text().isEmpty()) {
            m_ui->passwordEdit->setText(r.secret);
            m_ui->rememberCheck->setChecked(true);
        } else if (r.status == CredentialResult::Status::NoKeychain) {
            m_ui->rememberCheck->setChecked(false);
            m_ui->rememberCheck->setEnabled(false);
            m_ui->keychainNote->setText(tr("No keychain is available on this computer (%1), so VIP Vault cannot "
                                           "remember the password: you will be asked for it each time.")
                                            .arg(r.error));
            m_ui->keychainNote->setVisible(true);
        }
    });
}

void SignInDialog::setBusy(bool busy, const QString &message)
{
    m_ui->progressBar->setVisible(busy);
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setEnabled(!busy);
    m_ui->statusLabel->setText(message);
}

void SignInDialog::submit()
{
    const QString url = m_ui->urlEdit->text().trimmed();
    const QString user = m_ui->usernameEdit->text().trimmed();
    const QString password = m_ui->passwordEdit->text();
    if (url.isEmpty() || user.isEmpty() || password.isEmpty()) {
        setBusy(false, tr("Enter the server URL, your username and your password."));
        return;
    }
    if (!m_client || m_client->baseUrl() != QUrl(url)) {
        delete m_client;
        m_client = new vv::net::AgentClient(this);
        QString error;
        if (!m_client->setBaseUrl(QUrl(url), &error)) {
            setBusy(false, tr("The server URL cannot be used: %1. It looks like https://host:port.").arg(error));
            return;
        }
        m_client->setPinnedSha256(knownPin(url));
    }
    setBusy(true, tr("Signing in to %1…").arg(url));
    m_client->signIn(user, password, this, [this](const ApiResult &r) { onSignedIn(r); });
}

void SignInDialog::onSignedIn(const ApiResult &r)
{
    const QString url = m_ui->urlEdit->text().trimmed();
    if (r.error == ApiError::UntrustedCertificate) {
        setBusy(false);
        const bool trusted = Prompts::ask(
            this, Prompts::Kind::TrustCertificate, tr("Trust this server?"),
            tr("This is the first connection to %1. It presented a certificate with this SHA-256 fingerprint:\n\n%2\n\n"
               "Compare it with the fingerprint the agent logged when it started (journalctl -u vipvault-agent | grep "
               "fingerprint). Trust it only if they are the same; VIP Vault will then refuse any other certificate "
               "from this server.")
                .arg(url, spacedFingerprint(r.certificateSha256)));
        if (!trusted) {
            setBusy(false, tr("Not signed in: the server's certificate was not trusted."));
            return;
        }
        m_client->setPinnedSha256(r.certificateSha256);
        submit();
        return;
    }
    if (r.error == ApiError::CertificateChanged) {
        setBusy(false, tr("Refused: %1 presented a different certificate (SHA-256 %2) from the one you trusted before "
                          "(%3). Someone may be intercepting the connection, or the server was reinstalled. Do not "
                          "sign in until the server's administrator confirms the new fingerprint; then remove the "
                          "server from VIP Vault and add it again.")
                           .arg(url, spacedFingerprint(r.certificateSha256).replace(QLatin1Char('\n'), QString()),
                                spacedFingerprint(m_client->pinnedSha256()).replace(QLatin1Char('\n'), QString())));
        return;
    }
    if (!r.ok()) {
        QString why;
        if (r.httpStatus == 401)
            why = tr("Wrong username or password.");
        else if (r.httpStatus == 429)
            why = tr("Too many attempts: wait %1 seconds and try again.")
                      .arg(QString::fromLatin1(r.header("retry-after")));
        else if (r.error == ApiError::Network)
            why = tr("Cannot reach %1 (%2). Check the URL and that vipvault-agent is running there.")
                      .arg(url, r.errorString);
        else
            why = tr("Sign-in failed: %1").arg(r.errorString);
        setBusy(false, why);
        return;
    }
    QString error;
    const auto session = vv::net::answerAs<vv::net::Session>(r, &error);
    if (!session) {
        setBusy(false, tr("Sign-in failed: %1").arg(error));
        return;
    }
    if ((mode() == Mode::Reseller) != session->user.isReseller()) {
        setBusy(false, mode() == Mode::Reseller
                           ? tr("This is a customer login: choose \"Customer\" to see its recordings.")
                           : tr("This is a reseller login: choose \"Reseller\" to manage customers."));
        return;
    }
    m_vaultId = session->user.vaultId.value_or(0);
    m_server.url = url;
    m_server.username = m_ui->usernameEdit->text().trimmed();
    m_server.pinSha256 = m_client->pinnedSha256();
    if (auto known = m_directory->findServer(m_server.url, m_server.username))
        m_server.label = known->label;
    if (!m_directory->saveServer(&m_server)) {
        setBusy(false,
                tr("Signed in, but the server could not be saved in the directory: %1").arg(m_directory->lastError()));
        return;
    }
    const QString key = vv::app::CredentialStore::keyFor(m_server.url, m_server.username);
    if (!m_ui->rememberCheck->isChecked()) {
        m_credentials->remove(key, this, [this](const CredentialResult &) { finish(); });
        return;
    }
    setBusy(true, tr("Saving the password in the keychain…"));
    m_credentials->write(key, m_ui->passwordEdit->text(), this, [this](const CredentialResult &w) {
        if (!w.ok())
            Prompts::ask(this, Prompts::Kind::Warning, tr("Password not remembered"),
                         tr("Signed in, but the password could not be stored in the keychain (%1). VIP Vault never "
                            "stores it anywhere else, so you will be asked for it next time.")
                             .arg(w.error));
        finish();
    });
}

void SignInDialog::finish()
{
    setBusy(false);
    m_ui->passwordEdit->clear(); // no longer needed in memory here
    qCInfo(lcAppUi).noquote() << "signed in to" << m_server.url << "as" << m_server.username;
    accept();
}

} // namespace vv::ui
