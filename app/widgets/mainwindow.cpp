#include "mainwindow.h"

#include "agentclient.h"
#include "billingtab.h"
#include "changepassworddialog.h"
#include "credentialstore.h"
#include "customerdirectory.h"
#include "customerkeydialog.h"
#include "customerstab.h"
#include "dashboardtab.h"
#include "healthbanner.h"
#include "manageserversdialog.h"
#include "prompts.h"
#include "recordingsview.h"
#include "serverconnections.h"
#include "servicepage.h"
#include "signindialog.h"
#include "ui_mainwindow.h"

#include <QLabel>
#include <QVBoxLayout>
#include <memory>

// The icons are compiled into this static library; a static library's resources must be registered by hand.
static void initUiResources()
{
    Q_INIT_RESOURCE(resources);
}

namespace vv::ui {

using vv::recordings::RecordingsView;

using vv::app::CredentialResult;
using vv::app::CredentialStore;

MainWindow::MainWindow(const AppContext &context, QWidget *parent)
    : QMainWindow(parent)
    , m_ui(new Ui::MainWindow)
    , m_context(context)
    , m_dashboard(new DashboardTab(context, this))
    , m_customers(new CustomersTab(context, this))
    , m_billing(new BillingTab(context, this))
{
    initUiResources();
    m_ui->setupUi(this);
    setWindowIcon(QIcon(QStringLiteral(":/icons/vipvault.svg")));
    m_dashboard->setObjectName(QStringLiteral("dashboardTab"));
    m_customers->setObjectName(QStringLiteral("customersTab"));
    m_billing->setObjectName(QStringLiteral("billingTab"));
    showResellerTabs();
    connect(m_ui->actionQuit, &QAction::triggered, this, &QWidget::close);
    connect(m_ui->actionAddServer, &QAction::triggered, this, &MainWindow::addServer);
    connect(m_ui->actionManageServers, &QAction::triggered, this, &MainWindow::manageServers);
    connect(m_dashboard, &DashboardTab::serviceRequested, this, &MainWindow::openService);
    connect(m_dashboard, &DashboardTab::vaultRequested, this, &MainWindow::openUnlinkedVault);
    connect(m_ui->actionImportCsv, &QAction::triggered, m_customers, &CustomersTab::importCsv);
    connect(m_ui->actionExportCsv, &QAction::triggered, m_customers, &CustomersTab::exportCsv);
    connect(m_ui->actionChangePassword, &QAction::triggered, this, &MainWindow::changePassword);
    connect(m_ui->actionSignOut, &QAction::triggered, this, &MainWindow::signOut);
    // A click on the Customers tab while it is shown goes back to the customer list (from a customer or service).
    connect(m_ui->tabs, &QTabWidget::tabBarClicked, this, [this](int i) {
        if (m_ui->tabs->widget(i) == m_customers && m_ui->tabs->currentWidget() == m_customers)
            m_customers->showList();
    });
    connect(m_ui->tabs, &QTabWidget::currentChanged, this, [this](int i) {
        if (m_ui->tabs->widget(i) == m_billing)
            m_billing->refresh();
        else if (m_ui->tabs->widget(i) == m_dashboard)
            m_dashboard->refresh();
    });
}

MainWindow::~MainWindow()
{
    delete m_ui;
}

void MainWindow::addServer()
{
    SignInDialog dialog(m_context.directory, m_context.credentials, this);
    dialog.setServer(QString(), QString()); // another server: not the one of the last sign-in
    dialog.requireMode(SignInDialog::Mode::Reseller);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_context.connections->adopt(dialog.server().id, dialog.takeClient());
    statusBar()->showMessage(tr("Signed in to %1").arg(dialog.server().url), 5000);
    m_dashboard->refresh();
}

void MainWindow::manageServers()
{
    auto *dialog = new ManageServersDialog(m_context, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(QStringLiteral("manageServersDialog"));
    connect(dialog, &ManageServersDialog::serversChanged, m_dashboard, &DashboardTab::refresh);
    dialog->open();
}

void MainWindow::openService(const vv::app::Service &service)
{
    m_customers->viewCustomer(service.customerId);
    m_customers->viewService(service);
    m_ui->tabs->setCurrentWidget(m_customers);
}

void MainWindow::openUnlinkedVault(const vv::app::Service &service)
{
    // No customer to show it under: the service page in a window of its own, until it is linked.
    auto *page = new ServicePage(m_context, nullptr);
    page->setAttribute(Qt::WA_DeleteOnClose);
    page->setObjectName(QStringLiteral("unlinkedServicePage"));
    page->setBackVisible(false);
    page->setWindowTitle(tr("Vault %1 (not linked to a customer)").arg(service.vaultName));
    connect(this, &QObject::destroyed, page, &QWidget::close);
    page->setService(service);
    page->resize(820, 480);
    page->show();
}

void MainWindow::showResellerTabs()
{
    m_customerMode = false;
    delete m_recordings;
    m_ui->tabs->clear();
    m_ui->tabs->addTab(m_dashboard, QIcon(QStringLiteral(":/icons/dashboard.svg")), tr("&Dashboard"));
    m_ui->tabs->addTab(m_customers, QIcon(QStringLiteral(":/icons/customers.svg")), tr("&Customers"));
    m_ui->tabs->addTab(m_billing, QIcon(QStringLiteral(":/icons/billing.svg")), tr("&Billing"));
    m_ui->menuServers->menuAction()->setVisible(true);
    m_ui->actionImportCsv->setVisible(true);
    m_ui->actionExportCsv->setVisible(true);
}

void MainWindow::showCustomerRecordings(vv::net::AgentClient *client, qint64 vaultId)
{
    m_customerMode = true;
    client->setParent(this);
    m_ui->menuServers->menuAction()->setVisible(false);
    m_ui->actionImportCsv->setVisible(false);
    m_ui->actionExportCsv->setVisible(false);
    delete m_recordings; // the previous customer's, when someone signed in again after signing out
    m_ui->tabs->clear();
    // The customer's recordings under a banner that turns red while their vault is not being recorded.
    auto *page = new QWidget(this);
    auto *layout = new QVBoxLayout(page);
    auto *banner = new HealthBanner(client, vaultId, page);
    banner->setObjectName(QStringLiteral("healthBanner"));
    auto *view = new RecordingsView(client, vaultId, page);
    view->setObjectName(QStringLiteral("recordingsView"));
    // A customer's destructive actions (erasing what the vault holds about a person) are confirmed like the
    // reseller's.
    view->setConfirm([view](const QString &title, const QString &text) {
        return Prompts::ask(view, Prompts::Kind::ConfirmDestructive, title, text);
    });
    layout->addWidget(banner);
    layout->addWidget(view, 1);
    // A vault only the customer can listen to: their key from the keychain, or made / restored now.
    auto *keys = new VaultKeyAccess(client, vaultId, m_context.credentials, page);
    keys->setObjectName(QStringLiteral("vaultKeyAccess"));
    connect(keys, &VaultKeyAccess::keyReady, view, &RecordingsView::setVaultKey);
    keys->start();
    m_recordings = page;
    m_ui->tabs->addTab(m_recordings, tr("&Recordings"));
    m_dashboard->hide();
    m_customers->hide();
    m_billing->hide();
}

void MainWindow::setAccount(const vv::app::Server &server, vv::net::AgentClient *client)
{
    m_account = server;
    m_accountClient = client;
    m_signedIn = client != nullptr;
    m_ui->actionChangePassword->setEnabled(client != nullptr);
    m_ui->actionSignOut->setEnabled(client != nullptr);
    m_ui->menuAccount->setTitle(client ? tr("&Account (%1)").arg(server.username) : tr("&Account"));
}

vv::net::AgentClient *MainWindow::accountClient() const
{
    if (!m_signedIn)
        return nullptr;
    if (!m_customerMode && m_account.id > 0)
        return m_context.connections->client(m_account.id);
    return m_accountClient;
}

void MainWindow::changePassword()
{
    vv::net::AgentClient *client = accountClient();
    if (!client)
        return;
    // Not exec(): the window keeps processing answers (and tests can drive the dialog) while it is open.
    auto *dialog = new vv::recordings::ChangePasswordDialog(client, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(QStringLiteral("changePasswordDialog"));
    dialog->setWindowTitle(tr("Change password for %1").arg(m_account.username));
    connect(dialog, &vv::recordings::ChangePasswordDialog::passwordChanged, this, &MainWindow::onPasswordChanged);
    dialog->open();
}

void MainWindow::onPasswordChanged(const QString &newPassword)
{
    // The agent revoked every token of the user, this app's included. A password the user chose to remember must
    // follow, or the next start would fail with the old one; one they did not remember stays unremembered.
    const QString key = CredentialStore::keyFor(m_account.url, m_account.username);
    CredentialStore *credentials = m_context.credentials;
    credentials->read(key, this, [this, credentials, key, newPassword](const CredentialResult &r) {
        if (!r.ok())
            return;
        credentials->write(key, newPassword, this, [this](const CredentialResult &w) {
            if (!w.ok())
                Prompts::ask(this, Prompts::Kind::Warning, tr("Password not remembered"),
                             tr("The password was changed, but the keychain could not be updated (%1). You will be "
                                "asked for the new password next time.")
                                 .arg(w.error));
        });
    });
    // Signing in again at once keeps the window usable without asking for the password the user just typed.
    vv::net::AgentClient *client = accountClient();
    if (!client)
        return;
    client->signIn(m_account.username, newPassword, this, [this](const vv::net::ApiResult &r) {
        if (r.ok()) {
            statusBar()->showMessage(tr("Password changed."), 5000);
            return;
        }
        Prompts::ask(this, Prompts::Kind::Warning, tr("Sign in again"),
                     tr("The password was changed, but signing in with the new one failed (%1). Sign in again.")
                         .arg(r.errorString));
        signOut();
    });
}

void MainWindow::signOut()
{
    vv::net::AgentClient *accountClient = this->accountClient();
    if (!accountClient)
        return;
    m_ui->actionChangePassword->setEnabled(false);
    m_ui->actionSignOut->setEnabled(false);
    // A reseller may be signed in to several servers: signing out ends every session this window holds, so nothing
    // stays usable behind the sign-in dialog. A customer has only the one.
    QList<vv::app::Server> servers{m_account};
    QList<QPointer<vv::net::AgentClient>> clients{accountClient};
    if (!m_customerMode) {
        for (const vv::app::Server &s : m_context.directory->servers()) {
            if (s.id == m_account.id || !m_context.connections->isSignedIn(s.id))
                continue;
            servers.append(s);
            clients.append(m_context.connections->client(s.id));
        }
    }
    QPointer<vv::net::AgentClient> customerClient = m_customerMode ? accountClient : nullptr;
    if (m_customerMode) {
        // The recordings go at once; the client must live until the agent has revoked its token.
        delete m_recordings;
        m_ui->tabs->clear();
    }
    // The account stays known (not its client) so the sign-in dialog can offer the same server and user again.
    m_accountClient.clear();
    m_signedIn = false;
    auto pending = std::make_shared<qsizetype>(clients.size());
    for (const QPointer<vv::net::AgentClient> &client : std::as_const(clients)) {
        const auto done = [this, pending, servers, customerClient](const vv::net::ApiResult &) {
            // Whatever the agent answered, the local token is gone (AgentClient::signOut drops it first).
            if (--*pending > 0)
                return;
            if (customerClient)
                customerClient->deleteLater();
            forgetAndSignInAgain(servers);
        };
        if (client)
            client->signOut(this, done);
        else
            done({});
    }
}

void MainWindow::forgetAndSignInAgain(const QList<vv::app::Server> &servers)
{
    // Signing out also forgets the remembered password, otherwise the sign-in dialog would fill it in again and
    // anyone at this computer could sign back in.
    auto pending = std::make_shared<qsizetype>(servers.size());
    for (const vv::app::Server &s : servers)
        m_context.credentials->remove(CredentialStore::keyFor(s.url, s.username), this,
                                      [this, pending](const CredentialResult &) {
                                          if (--*pending == 0)
                                              showSignIn();
                                      });
}

void MainWindow::showSignIn()
{
    const bool wasCustomer = m_customerMode;
    hide();
    auto *dialog = new SignInDialog(m_context.directory, m_context.credentials, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setMode(wasCustomer ? SignInDialog::Mode::Customer : SignInDialog::Mode::Reseller);
    dialog->setServer(m_account.url, m_account.username);
    m_signIn = dialog;
    connect(dialog, &QDialog::finished, this, [this, dialog](int result) {
        if (result != QDialog::Accepted) {
            Q_EMIT signInAbandoned();
            return;
        }
        const vv::app::Server server = dialog->server();
        vv::net::AgentClient *client = dialog->takeClient();
        if (dialog->mode() == SignInDialog::Mode::Customer) {
            showCustomerRecordings(client, dialog->customerVaultId());
            setAccount(server, client);
        } else {
            m_context.connections->adopt(server.id, client);
            showResellerTabs();
            setAccount(server, m_context.connections->client(server.id));
        }
        show();
    });
    dialog->open();
}

SignInDialog *MainWindow::signInDialog() const
{
    return m_signIn;
}

} // namespace vv::ui
