#include "customerkeydialog.h"

#include "agentclient.h"
#include "applogging.h"
#include "credentialstore.h"
#include "ui_customerkeydialog.h"
#include "vaultcrypto/recoveryphrase.h"
#include "vaultcrypto/vaultkeys.h"

#include <QFontDatabase>
#include <QGuiApplication>
#include <QPushButton>

namespace vv::ui {

using vv::app::CredentialResult;

CustomerKeyDialog::CustomerKeyDialog(Mode mode, vv::net::AgentClient *client, qint64 vaultId,
                                     vv::app::CredentialStore *credentials, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::CustomerKeyDialog>())
    , m_mode(mode)
    , m_client(client)
    , m_vaultId(vaultId)
    , m_credentials(credentials)
{
    m_ui->setupUi(this);
    m_ui->pages->setCurrentWidget(mode == Mode::Setup ? m_ui->setupPage : m_ui->restorePage);
    if (mode == Mode::Setup) {
        m_phrase = vv::crypto::newRecoveryPhrase();
        QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
        mono.setPointSizeF(mono.pointSizeF() * 1.4);
        m_ui->phraseLabel->setFont(mono);
        m_ui->phraseLabel->setText(m_phrase);
    } else {
        setWindowTitle(tr("Open your recordings on this computer"));
        m_ui->okButton->setText(tr("&Restore my key"));
        m_ui->okButton->setAccessibleDescription(tr("Opens the key backup with the phrase and keeps the key in this "
                                                    "computer's keychain"));
    }
    connect(m_ui->confirmEdit, &QLineEdit::textChanged, this, &CustomerKeyDialog::updateOk);
    connect(m_ui->understoodCheck, &QCheckBox::toggled, this, &CustomerKeyDialog::updateOk);
    connect(m_ui->restoreEdit, &QLineEdit::textChanged, this, &CustomerKeyDialog::updateOk);
    connect(m_ui->laterButton, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_ui->okButton, &QPushButton::clicked, this, [this] { m_mode == Mode::Setup ? create() : restore(); });
}

CustomerKeyDialog::~CustomerKeyDialog() = default;

QString CustomerKeyDialog::keychainKey(const QString &serverUrl, qint64 vaultId)
{
    return QStringLiteral("vault-key:%1@%2").arg(vaultId).arg(serverUrl);
}

QString CustomerKeyDialog::message() const
{
    return m_ui->messageLabel->text();
}

void CustomerKeyDialog::updateOk()
{
    if (m_mode == Mode::Setup)
        m_ui->okButton->setEnabled(m_ui->understoodCheck->isChecked() &&
                                   vv::crypto::normaliseRecoveryPhrase(m_ui->confirmEdit->text()) ==
                                       vv::crypto::normaliseRecoveryPhrase(m_phrase));
    else
        m_ui->okButton->setEnabled(vv::crypto::isWellFormedRecoveryPhrase(m_ui->restoreEdit->text()));
}

void CustomerKeyDialog::fail(const QString &text)
{
    m_ui->messageLabel->setText(text);
    m_ui->okButton->setEnabled(true);
    qCWarning(lcAppUi).noquote() << "vault key:" << text;
}

// The secret goes to the keychain first: a key the agent knows about but this computer lost would lock the
// customer out, while a stored key the agent never heard of is only asked again.
void CustomerKeyDialog::keep(const QByteArray &publicKey, const QByteArray &secretKey,
                             const std::function<void()> &then)
{
    const QString key = keychainKey(m_client->baseUrl().toString(), m_vaultId);
    m_credentials->write(key, QString::fromLatin1(secretKey.toBase64()), this, [this, then](const CredentialResult &r) {
        if (r.status == CredentialResult::Status::Ok)
            return then();
        fail(r.status == CredentialResult::Status::NoKeychain
                 ? tr("This computer has no keychain to keep your key in, so it cannot be made "
                      "here. Use a computer with a keychain (on Linux, GNOME Keyring or KWallet).")
                 : tr("The keychain did not keep your key: %1").arg(r.error));
    });
}

void CustomerKeyDialog::create()
{
    if (!m_client)
        return;
    m_ui->okButton->setEnabled(false);
    m_ui->messageLabel->setText(tr("Making your key…"));
    QGuiApplication::setOverrideCursor(Qt::WaitCursor);
    const vv::crypto::VaultKeyPair pair = vv::crypto::VaultKeyPair::generate();
    QString error;
    const QJsonObject backup = vv::crypto::wrapForRecovery(pair.secretKey, m_phrase, &error);
    QGuiApplication::restoreOverrideCursor();
    if (backup.isEmpty())
        return fail(tr("The key could not be made: %1").arg(error));
    keep(pair.publicKey, pair.secretKey, [this, pair, backup] {
        m_client->setCustomerKey(m_vaultId, pair.publicKey, backup, this, [this, pair](const vv::net::ApiResult &r) {
            if (!r.ok())
                return fail(tr("The recorder did not take your key: %1").arg(r.errorString));
            m_ui->messageLabel->setText(tr("Your key is made. Only you can listen to your recordings from now on."));
            Q_EMIT keyReady(pair.publicKey, pair.secretKey);
            accept();
        });
    });
}

void CustomerKeyDialog::restore()
{
    if (!m_client)
        return;
    m_ui->okButton->setEnabled(false);
    m_ui->messageLabel->setText(tr("Opening your key backup…"));
    const QString phrase = m_ui->restoreEdit->text();
    m_client->keyBackup(m_vaultId, this, [this, phrase](const vv::net::ApiResult &r) {
        if (!r.ok())
            return fail(tr("The key backup could not be fetched: %1").arg(r.errorString));
        const QJsonObject o = r.json.object();
        const QByteArray publicKey =
            QByteArray::fromBase64(o.value(QStringLiteral("public_key")).toString().toLatin1());
        QString error;
        QGuiApplication::setOverrideCursor(Qt::WaitCursor);
        const QByteArray secret =
            vv::crypto::unwrapRecovery(o.value(QStringLiteral("recovery")).toObject(), phrase, &error);
        QGuiApplication::restoreOverrideCursor();
        if (secret.isEmpty() || vv::crypto::publicKeyOf(secret) != publicKey)
            return fail(tr("That phrase does not open your key backup. Check it against what you wrote down."));
        keep(publicKey, secret, [this, publicKey, secret] {
            m_ui->messageLabel->setText(tr("Your key is on this computer now."));
            Q_EMIT keyReady(publicKey, secret);
            accept();
        });
    });
}

VaultKeyAccess::VaultKeyAccess(vv::net::AgentClient *client, qint64 vaultId, vv::app::CredentialStore *credentials,
                               QWidget *parentWidget)
    : QObject(parentWidget)
    , m_client(client)
    , m_vaultId(vaultId)
    , m_credentials(credentials)
    , m_parentWidget(parentWidget)
{}

void VaultKeyAccess::start()
{
    if (!m_client || !m_credentials)
        return;
    m_client->encryption(m_vaultId, this, [this](const vv::net::ApiResult &r) {
        if (!r.ok()) {
            // An agent from before encryption at rest answers 404: nothing is sealed to a customer key there.
            if (r.httpStatus != 404)
                qCWarning(lcAppUi).noquote() << "vault encryption unknown:" << r.errorString;
            return;
        }
        const QJsonObject e = r.json.object();
        if (e.value(QStringLiteral("awaiting_customer_key")).toBool())
            return openDialog(CustomerKeyDialog::Mode::Setup);
        if (e.value(QStringLiteral("holder")).toString() != u"customer")
            return;
        const QByteArray publicKey =
            QByteArray::fromBase64(e.value(QStringLiteral("public_key")).toString().toLatin1());
        const QString key = CustomerKeyDialog::keychainKey(m_client->baseUrl().toString(), m_vaultId);
        m_credentials->read(key, this, [this, publicKey](const vv::app::CredentialResult &k) {
            const QByteArray secret = QByteArray::fromBase64(k.secret.toLatin1());
            if (k.ok() && vv::crypto::publicKeyOf(secret) == publicKey)
                return Q_EMIT keyReady(publicKey, secret);
            openDialog(CustomerKeyDialog::Mode::Restore);
        });
    });
}

void VaultKeyAccess::openDialog(CustomerKeyDialog::Mode mode)
{
    if (m_dialog)
        return;
    m_dialog = new CustomerKeyDialog(mode, m_client, m_vaultId, m_credentials, m_parentWidget);
    m_dialog->setObjectName(QStringLiteral("customerKeyDialog"));
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_dialog, &CustomerKeyDialog::keyReady, this, &VaultKeyAccess::keyReady);
    m_dialog->open();
}

} // namespace vv::ui
