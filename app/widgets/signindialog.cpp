#include "signindialog.h"

#include "agentclient.h"
#include "apimodel.h"
#include "applogging.h"
#include "certificatepin.h"
#include "changepassworddialog.h"
#include "credentialstore.h"
#include "customerdirectory.h"
#include "prompts.h"
#include "ui_signindialog.h"

#include <QClipboard>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QGuiApplication>
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
    m_ui->buttonBox->button(QDialogButtonBox::Ok)
        ->setAccessibleDescription(tr("Connects to the server with this user name and password"));
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &SignInDialog::submit);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_ui->usernameEdit, &QLineEdit::editingFinished, this, &SignInDialog::readRememberedPassword);
    connect(m_ui->trustNewButton, &QPushButton::clicked, this, &SignInDialog::trustPresentedCertificate);
    connect(m_ui->pasteInvitationButton, &QPushButton::clicked, this,
            [this] { applyInvitationText(QGuiApplication::clipboard()->text()); });
    connect(m_ui->openInvitationButton, &QPushButton::clicked, this, [this] {
        const QString suffix = QString::fromLatin1(vv::net::Invitation::kFileSuffix);
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Open an invitation"), {}, tr("VIP Vault invitations (*.%1);;All files (*)").arg(suffix));
        if (!path.isEmpty())
            applyInvitationFile(path);
    });
    // The last sign-in is offered (server, user and the role the server gave); the caller may set others.
    if (const auto last = m_directory->lastSignIn()) {
        m_ui->urlEdit->setText(last->server.url);
        m_ui->usernameEdit->setText(last->server.username);
        setMode(last->role == u"customer" ? Mode::Customer : Mode::Reseller);
        readRememberedPassword();
    }
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

void SignInDialog::requireMode(Mode mode)
{
    m_requiredMode = mode;
    setMode(mode);
    m_ui->modeGroup->setEnabled(false);
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
    return vv::net::spacedPin(hex, 16);
}

QString SignInDialog::serverText() const
{
    // The address as the app stores it (https:// added when typed without, no trailing '/'), so the keychain
    // entry, the pinned certificate and the saved server are found however it was typed.
    const QString typed = m_ui->urlEdit->text().trimmed();
    const QUrl url = vv::net::serverUrlFromText(typed);
    return url.isValid() && !url.host().isEmpty() ? url.toString() : typed;
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
    const QString url = serverText();
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
    const QString url = serverText();
    const QString user = m_ui->usernameEdit->text().trimmed();
    const QString password = m_ui->passwordEdit->text();
    if (url.isEmpty() || user.isEmpty() || password.isEmpty()) {
        setBusy(false, tr("Enter the server URL, your username and your password."));
        return;
    }
    if (!m_client || m_client->baseUrl() != vv::net::serverUrlFromText(url)) {
        delete m_client;
        m_client = new vv::net::AgentClient(this);
        QString error;
        if (!m_client->setBaseUrl(vv::net::serverUrlFromText(url), &error)) {
            setBusy(false, tr("The server address cannot be used: %1. Type it as the reseller gave it, for example "
                              "https://pbx.example.com:8443.")
                               .arg(error));
            return;
        }
        // An invitation carries the certificate the reseller vouches for: it is trusted for its server.
        m_client->setPinnedSha256(!m_invitation.fingerprint.isEmpty() && m_invitation.serverUrl == url
                                      ? m_invitation.fingerprint
                                      : knownPin(url));
    }
    setBusy(true, tr("Signing in to %1…").arg(url));
    m_client->signIn(user, password, this, [this](const ApiResult &r) { onSignedIn(r); });
}

void SignInDialog::onSignedIn(const ApiResult &r)
{
    const QString url = serverText();
    if (r.error == ApiError::UntrustedCertificate) {
        setBusy(false);
        const bool trusted = Prompts::ask(
            this, Prompts::Kind::TrustCertificate, tr("Trust this server?"),
            (mode() == Mode::Customer
                 ? tr("This is the first connection to %1. It presented a certificate with this SHA-256 "
                      "fingerprint:\n\n%2\n\nCompare it with the fingerprint your reseller gave you (it is in the "
                      "invitation). Trust it only if they are the same; VIP Vault will then refuse any other "
                      "certificate from this server.")
                 : tr("This is the first connection to %1. It presented a certificate with this SHA-256 "
                      "fingerprint:\n\n%2\n\nCompare it with the fingerprint the agent logged when it started "
                      "(journalctl -u vipvault-agent | grep fingerprint). Trust it only if they are the same; VIP "
                      "Vault will then refuse any other certificate from this server."))
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
        showChangedCertificate(url, r.certificateSha256);
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
    // The server knows which kind of login this is: the choice in the dialog is only where to start, unless the
    // caller needs one kind (adding a server to manage needs a reseller login).
    const Mode given = session->user.isReseller() ? Mode::Reseller : Mode::Customer;
    if (m_requiredMode && *m_requiredMode != given) {
        setBusy(false, given == Mode::Customer
                           ? tr("This is a customer login. Servers are managed with the reseller's login; a customer "
                                "signs in from the start window.")
                           : tr("This is a reseller login; a customer login is needed here."));
        return;
    }
    setMode(given);
    if (session->user.mustChangePassword) {
        askForOwnPassword();
        return;
    }
    m_vaultId = session->user.vaultId.value_or(0);
    m_server.url = url;
    m_server.username = m_ui->usernameEdit->text().trimmed();
    m_server.pinSha256 = m_client->pinnedSha256();
    if (auto known = m_directory->findServer(m_server.url, m_server.username))
        m_server.label = known->label;
    if (!m_directory->saveServer(&m_server) ||
        !m_directory->noteSignIn(m_server.id, session->user.isReseller() ? QStringLiteral("reseller")
                                                                         : QStringLiteral("customer"))) {
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

void SignInDialog::showChangedCertificate(const QString &url, const QString &presented)
{
    setBusy(false, tr("Refused: %1 presented a different certificate from the one trusted before. Someone may be "
                      "intercepting the connection, or the server was reinstalled.")
                       .arg(url));
    m_presentedPin = presented;
    // Four lines of eight pairs each: the two fingerprints fit side by side, and are read out in groups.
    m_ui->oldPinLabel->setText(vv::net::spacedPin(m_client->pinnedSha256(), 8));
    m_ui->newPinLabel->setText(vv::net::spacedPin(presented, 8));
    const bool customer = mode() == Mode::Customer;
    m_ui->certificateAdvice->setText(
        customer ? tr("Ask your reseller to read you the fingerprint of the server's new certificate. Only if it is "
                      "the one under \"Presented now\" trust it; otherwise do not sign in, and tell your reseller.")
                 : tr("Check the new fingerprint on the server (the agent logs it when it starts: journalctl -u "
                      "vipvault-agent | grep fingerprint). Only if it is the one under \"Presented now\" trust it."));
    m_ui->trustNewButton->setText(customer ? tr("My reseller confirmed it: trust the new certificate")
                                           : tr("I checked it: trust the new certificate"));
    m_ui->certificateGroup->setVisible(true);
    adjustSize(); // room for the fingerprints and the advice
}

void SignInDialog::trustPresentedCertificate()
{
    if (m_presentedPin.isEmpty() || !m_client)
        return;
    const QString url = serverText();
    if (!Prompts::ask(this, Prompts::Kind::ConfirmDestructive, tr("Trust the new certificate?"),
                      tr("VIP Vault will trust only this certificate from %1 from now on:\n\n%2\n\nThe one trusted "
                         "before will be refused.")
                          .arg(url, spacedFingerprint(m_presentedPin))))
        return;
    m_client->setPinnedSha256(m_presentedPin);
    // The pin is saved with the server when the sign-in succeeds; other logins to this server follow it.
    for (vv::app::Server s : m_directory->servers())
        if (s.url == url && !s.pinSha256.isEmpty()) {
            s.pinSha256 = m_presentedPin;
            m_directory->saveServer(&s);
        }
    m_presentedPin.clear();
    m_ui->certificateGroup->setVisible(false);
    submit();
}

bool SignInDialog::applyInvitationText(const QString &text)
{
    QString error;
    const std::optional<vv::net::Invitation> invitation = vv::net::Invitation::parse(text, &error);
    if (!invitation) {
        setBusy(false, tr("That invitation cannot be used: %1. Copy all of its text, or ask your reseller for a new "
                          "one.")
                           .arg(error));
        return false;
    }
    m_invitation = *invitation;
    m_ui->urlEdit->setText(invitation->serverUrl);
    m_ui->usernameEdit->setText(invitation->username);
    m_ui->passwordEdit->setText(invitation->password);
    setMode(Mode::Customer);
    m_ui->certificateGroup->hide();
    setBusy(false, tr("Invitation for %1 on %2. Click Sign in; you will then choose your own password.")
                       .arg(invitation->username, invitation->serverUrl));
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setFocus();
    return true;
}

bool SignInDialog::applyInvitationFile(const QString &path)
{
    QFile f(path);
    // An invitation is a few hundred bytes: anything much larger is not one.
    if (!f.open(QIODevice::ReadOnly) || f.size() > 64 * 1024) {
        setBusy(false, tr("Cannot read the invitation %1: %2")
                           .arg(QDir::toNativeSeparators(path),
                                f.size() > 64 * 1024 ? tr("it is far too large") : f.errorString()));
        return false;
    }
    return applyInvitationText(QString::fromUtf8(f.readAll()));
}

void SignInDialog::askForOwnPassword()
{
    setBusy(false, tr("Signed in with the invitation's one-time password: choose your own to continue."));
    auto *change = new vv::recordings::ChangePasswordDialog(m_client, this);
    change->setAttribute(Qt::WA_DeleteOnClose);
    change->setOneTimePassword(m_ui->passwordEdit->text());
    connect(change, &vv::recordings::ChangePasswordDialog::passwordChanged, this, [this](const QString &fresh) {
        // The change ended the session: sign in again with the chosen password.
        m_ui->passwordEdit->setText(fresh);
        m_invitation.password.clear();
        submit();
    });
    connect(change, &QDialog::rejected, this, [this] {
        setBusy(false, tr("Not signed in: choose your own password to continue. The invitation's password still works "
                          "until then."));
    });
    change->open();
}

void SignInDialog::finish()
{
    setBusy(false);
    m_ui->passwordEdit->clear(); // no longer needed in memory here
    qCInfo(lcAppUi).noquote() << "signed in to" << m_server.url << "as" << m_server.username;
    accept();
}

} // namespace vv::ui
