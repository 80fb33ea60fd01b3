#pragma once
// Sign-in for both uses of the app: a reseller registers (or reconnects to) an agent, a customer opens their
// recordings. The first connection to a server shows the certificate's SHA-256 fingerprint for the user to trust
// (as SSH does); later a different certificate is refused with an explanation. "Remember me" puts the password
// in the OS keychain; without a keychain the dialog says so and the password is asked each time.
#include "customer.h"
#include "invitation.h"

#include <QDialog>
#include <QPointer>
#include <optional>

namespace Ui {
class SignInDialog;
}
namespace vv::net {
class AgentClient;
struct ApiResult;
} // namespace vv::net
namespace vv::app {
class CredentialStore;
class CustomerDirectory;
} // namespace vv::app

namespace vv::ui {

class SignInDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Mode { Reseller, Customer };

    SignInDialog(vv::app::CustomerDirectory *directory, vv::app::CredentialStore *credentials,
                 QWidget *parent = nullptr);
    ~SignInDialog() override;

    void setMode(Mode mode);
    Mode mode() const;
    // Only this kind of login is accepted (the choice is fixed); otherwise the server's answer decides.
    void requireMode(Mode mode);
    // Prefills URL and user (and the password from the keychain, when one is stored); locked = not editable, for
    // signing in again to a registered server.
    void setServer(const QString &url, const QString &username, bool locked = false);
    void setPassword(const QString &password);

    // After accept(): the signed-in client (ownership passes to the caller), the server as saved in the
    // directory with its pin, and for a customer the vault they may see.
    vv::net::AgentClient *takeClient();
    vv::app::Server server() const { return m_server; }
    qint64 customerVaultId() const { return m_vaultId; }

    // Formats "ABCD..." as "AB:CD:..." in rows, as the agent's log prints it.
    static QString spacedFingerprint(const QString &hex);

    // Fills in the server, user and one-time password of a reseller's invitation and trusts its certificate;
    // false (with the reason shown) when it is not a usable invitation.
    bool applyInvitationText(const QString &text);
    bool applyInvitationFile(const QString &path);

public Q_SLOTS:
    void submit();

private:
    void setBusy(bool busy, const QString &message = {});
    void onSignedIn(const vv::net::ApiResult &result);
    void finish();
    void askForOwnPassword();
    void showChangedCertificate(const QString &url, const QString &presented);
    void trustPresentedCertificate();
    QString serverText() const;
    QString knownPin(const QString &url) const;
    void readRememberedPassword();

    Ui::SignInDialog *m_ui;
    vv::app::CustomerDirectory *m_directory;
    vv::app::CredentialStore *m_credentials;
    QPointer<vv::net::AgentClient> m_client;
    QString m_presentedPin;           // a changed certificate the user may choose to trust
    vv::net::Invitation m_invitation; // the one applied, if any
    std::optional<Mode> m_requiredMode;
    vv::app::Server m_server;
    qint64 m_vaultId = 0;
};

} // namespace vv::ui
