#pragma once
// The customer's own recordings key, for a vault only they can listen to (vault encryption "customer"): making it
// (a recovery phrase shown once and typed back, the plain warning that losing both it and this computer loses the
// recordings, the secret kept in the OS keychain and only the public half sent), and bringing it to another
// computer from the recovery phrase. VaultKeyAccess decides which is needed when the customer signs in.
#include <QDialog>
#include <QJsonObject>
#include <QPointer>
#include <memory>

namespace Ui {
class CustomerKeyDialog;
}
namespace vv::net {
class AgentClient;
}
namespace vv::app {
class CredentialStore;
}

namespace vv::ui {

class CustomerKeyDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Mode { Setup, Restore };
    CustomerKeyDialog(Mode mode, vv::net::AgentClient *client, qint64 vaultId, vv::app::CredentialStore *credentials,
                      QWidget *parent = nullptr);
    ~CustomerKeyDialog() override;

    Mode mode() const { return m_mode; }
    QString phrase() const { return m_phrase; } // Setup: the phrase shown
    QString message() const;

    // Where the key is kept: one keychain entry per server and vault.
    static QString keychainKey(const QString &serverUrl, qint64 vaultId);

Q_SIGNALS:
    void keyReady(const QByteArray &publicKey, const QByteArray &secretKey);

private:
    void updateOk();
    void create();
    void restore();
    void fail(const QString &text);
    void keep(const QByteArray &publicKey, const QByteArray &secretKey, const std::function<void()> &then);

    std::unique_ptr<Ui::CustomerKeyDialog> m_ui;
    Mode m_mode;
    QPointer<vv::net::AgentClient> m_client;
    qint64 m_vaultId;
    vv::app::CredentialStore *m_credentials;
    QString m_phrase;
};

// Run once a customer has signed in: asks the agent how their vault is encrypted and, when only they hold the key,
// loads it from the keychain (emitting keyReady), or opens the dialog that makes or restores it.
class VaultKeyAccess : public QObject
{
    Q_OBJECT
public:
    VaultKeyAccess(vv::net::AgentClient *client, qint64 vaultId, vv::app::CredentialStore *credentials,
                   QWidget *parentWidget);
    void start();
    CustomerKeyDialog *dialog() const { return m_dialog; }

Q_SIGNALS:
    void keyReady(const QByteArray &publicKey, const QByteArray &secretKey);

private:
    void openDialog(CustomerKeyDialog::Mode mode);

    QPointer<vv::net::AgentClient> m_client;
    qint64 m_vaultId;
    vv::app::CredentialStore *m_credentials;
    QWidget *m_parentWidget;
    QPointer<CustomerKeyDialog> m_dialog;
};

} // namespace vv::ui
