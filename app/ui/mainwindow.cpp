#include "mainwindow.h"

#include "agentclient.h"
#include "billingtab.h"
#include "customerstab.h"
#include "serverconnections.h"
#include "signindialog.h"
#include "ui_mainwindow.h"

#include <QLabel>

#if defined(VIPVAULT_HAVE_RECORDINGS) && __has_include("recordingsview.h")
#include "recordingsview.h"
#define VV_RECORDINGS 1
#endif

// The icons are compiled into this static library; a static library's resources must be registered by hand.
static void initUiResources()
{
    Q_INIT_RESOURCE(resources);
}

namespace vv::ui {

MainWindow::MainWindow(const AppContext &context, QWidget *parent)
    : QMainWindow(parent)
    , m_ui(new Ui::MainWindow)
    , m_context(context)
    , m_customers(new CustomersTab(context, this))
    , m_billing(new BillingTab(context, this))
{
    initUiResources();
    m_ui->setupUi(this);
    setWindowIcon(QIcon(QStringLiteral(":/icons/vipvault.svg")));
    m_customers->setObjectName(QStringLiteral("customersTab"));
    m_billing->setObjectName(QStringLiteral("billingTab"));
    m_ui->tabs->addTab(m_customers, QIcon(QStringLiteral(":/icons/customers.svg")), tr("&Customers"));
    m_ui->tabs->addTab(m_billing, QIcon(QStringLiteral(":/icons/billing.svg")), tr("&Billing"));
    connect(m_ui->actionQuit, &QAction::triggered, this, &QWidget::close);
    connect(m_ui->actionAddServer, &QAction::triggered, this, &MainWindow::addServer);
    connect(m_ui->actionImportCsv, &QAction::triggered, m_customers, &CustomersTab::importCsv);
    connect(m_ui->actionExportCsv, &QAction::triggered, m_customers, &CustomersTab::exportCsv);
    connect(m_ui->tabs, &QTabWidget::currentChanged, this, [this](int i) {
        if (m_ui->tabs->widget(i) == m_billing)
            m_billing->refresh();
    });
}

MainWindow::~MainWindow()
{
    delete m_ui;
}

void MainWindow::addServer()
{
    SignInDialog dialog(m_context.directory, m_context.credentials, this);
    dialog.setMode(SignInDialog::Mode::Reseller);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_context.connections->adopt(dialog.server().id, dialog.takeClient());
    statusBar()->showMessage(tr("Signed in to %1").arg(dialog.server().url), 5000);
}

void MainWindow::showCustomerRecordings(vv::net::AgentClient *client, qint64 vaultId)
{
    client->setParent(this);
    m_ui->menuServers->menuAction()->setVisible(false);
    m_ui->actionImportCsv->setVisible(false);
    m_ui->actionExportCsv->setVisible(false);
    m_ui->tabs->clear();
#ifdef VV_RECORDINGS
    auto *view = new RecordingsView(client, vaultId, this);
    view->setObjectName(QStringLiteral("recordingsView"));
    m_ui->tabs->addTab(view, tr("&Recordings"));
#else
    auto *label = new QLabel(tr("This build of VIP Vault has no recordings view."), this);
    label->setAlignment(Qt::AlignCenter);
    m_ui->tabs->addTab(label, tr("&Recordings"));
#endif
    m_customers->hide();
    m_billing->hide();
}

} // namespace vv::ui
