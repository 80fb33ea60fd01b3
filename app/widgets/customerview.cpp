#include "customerview.h"

#include "addservicedialog.h"
#include "agentclient.h"
#include "customerdialog.h"
#include "customerdirectory.h"
#include "customermodel.h"
#include "format.h"
#include "prompts.h"
#include "serveraccess.h"
#include "ui_customerview.h"

#include <QJsonDocument>

namespace vv::ui {

using vv::app::Service;

CustomerView::CustomerView(const AppContext &context, QWidget *parent)
    : QWidget(parent)
    , m_ui(new Ui::CustomerView)
    , m_context(context)
{
    m_ui->setupUi(this);
    connect(m_ui->backButton, &QPushButton::clicked, this, &CustomerView::backRequested);
    connect(m_ui->serviceList, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        const int i = m_ui->serviceList->row(item);
        if (i >= 0 && i < m_services.size())
            Q_EMIT serviceActivated(m_services.at(i));
    });
    // A single click opens the record, as the reseller's walk says ("click on the VoIP service record").
    connect(m_ui->serviceList, &QListWidget::itemClicked, m_ui->serviceList, &QListWidget::itemActivated);
    connect(m_ui->addServiceButton, &QPushButton::clicked, this, &CustomerView::addService);
    connect(m_ui->removeServiceButton, &QPushButton::clicked, this, &CustomerView::removeService);
    connect(m_ui->refreshButton, &QPushButton::clicked, this, &CustomerView::refreshStatus);
    connect(m_ui->editButton, &QPushButton::clicked, this, [this] {
        const auto c = m_context.directory->customer(m_customerId);
        if (!c)
            return;
        CustomerDialog dialog(*c, this);
        if (dialog.exec() == QDialog::Accepted && m_context.customers->updateCustomer(dialog.customer()))
            reload();
    });
}

CustomerView::~CustomerView()
{
    delete m_ui;
}

void CustomerView::setCustomer(qint64 customerId)
{
    m_customerId = customerId;
    reload();
    refreshStatus();
}

void CustomerView::reload()
{
    const auto c = m_context.directory->customer(m_customerId);
    if (!c)
        return;
    m_ui->titleLabel->setText(c->name);
    m_ui->nameValue->setText(c->name);
    m_ui->accountValue->setText(c->accountNumber);
    m_ui->contactValue->setText(c->contact);
    m_ui->phoneValue->setText(c->phone);
    m_ui->emailValue->setText(c->email);
    m_ui->notesValue->setText(c->notes);
    m_services = m_context.directory->services(m_customerId);
    m_ui->serviceList->clear();
    for (const Service &s : m_services) {
        auto *item = new QListWidgetItem(m_ui->serviceList);
        const auto cached = m_context.directory->cached(s.serverId, QStringLiteral("vault/%1").arg(s.vaultId));
        showServiceStatus(item, s,
                          cached.isValid() ? vaultSummary(cached.json) + QStringLiteral(" (") +
                                                 format::fetched(cached.fetchedAt) + QLatin1Char(')')
                                           : tr("status not fetched yet"),
                          false);
    }
    m_ui->servicesStatus->setText(m_services.isEmpty() ? tr("No VoIP service yet: add one to manage its VIP Vault.")
                                                       : QString());
}

QString CustomerView::vaultSummary(const vv::net::Vault &v)
{
    if (!v.settings) // only the reseller is shown settings
        return tr("%1 held").arg(format::gb(v.bytesUsed));
    const vv::net::VaultSettings &s = *v.settings;
    const QString storage = s.capped() ? tr("%1 of %2").arg(format::gb(v.bytesUsed), format::gb(*s.capBytes))
                                       : tr("%1, no cap").arg(format::gb(v.bytesUsed));
    return tr("recording %1 · %2").arg(s.enabled ? tr("on") : tr("off"), storage);
}

QString CustomerView::vaultSummary(const QByteArray &cachedJson)
{
    vv::net::Vault v;
    QString error;
    if (!parse(QJsonDocument::fromJson(cachedJson).object(), &v, &error))
        return tr("(what was last fetched cannot be read)");
    return vaultSummary(v);
}

void CustomerView::showServiceStatus(QListWidgetItem *item, const Service &s, const QString &liveOrError, bool live)
{
    const auto server = m_context.directory->server(s.serverId);
    const QString url = server ? server->url : tr("(server removed)");
    item->setText(tr("%1 — vault %2\n%3%4").arg(url, s.vaultName, live ? tr("reachable · ") : QString(), liveOrError));
    item->setToolTip(tr("Open the VoIP service on %1").arg(url));
}

void CustomerView::refreshStatus()
{
    for (int i = 0; i < m_services.size(); ++i) {
        const Service s = m_services.at(i);
        const qint64 customer = m_customerId;
        auto apply = [this, s, customer](const QString &text, bool live) {
            if (m_customerId != customer)
                return;
            const int row = int(m_services.indexOf(s));
            if (row >= 0 && m_ui->serviceList->item(row))
                showServiceStatus(m_ui->serviceList->item(row), s, text, live);
        };
        m_context.access->withClient(
            s.serverId, this, false,
            [this, s, apply](vv::net::AgentClient *client) {
                client->vault(s.vaultId, this, [this, s, apply](const vv::net::ApiResult &r) {
                    QString error;
                    if (const auto v = vv::net::answerAs<vv::net::Vault>(r, &error)) {
                        m_context.directory->cache(s.serverId, QStringLiteral("vault/%1").arg(s.vaultId), r.data);
                        apply(vaultSummary(*v), true);
                        return;
                    }
                    const auto cached =
                        m_context.directory->cached(s.serverId, QStringLiteral("vault/%1").arg(s.vaultId));
                    apply(tr("not reachable: %1%2")
                              .arg(error, cached.isValid() ? QStringLiteral("; ") + vaultSummary(cached.json) +
                                                                 QStringLiteral(" (") +
                                                                 format::fetched(cached.fetchedAt) + QLatin1Char(')')
                                                           : QString()),
                          false);
                });
            },
            [this, s, apply](const QString &why) {
                const auto cached = m_context.directory->cached(s.serverId, QStringLiteral("vault/%1").arg(s.vaultId));
                apply(cached.isValid()
                          ? tr("%1 — %2 (%3)").arg(why, vaultSummary(cached.json), format::fetched(cached.fetchedAt))
                          : why + tr(" Open the service to sign in."),
                      false);
            });
    }
}

void CustomerView::addService()
{
    AddServiceDialog dialog(m_context, m_customerId, this);
    if (dialog.exec() == QDialog::Accepted) {
        reload();
        refreshStatus();
    }
}

void CustomerView::removeService()
{
    const int row = m_ui->serviceList->currentRow();
    if (row < 0 || row >= m_services.size())
        return;
    if (!Prompts::ask(this, Prompts::Kind::ConfirmDestructive, tr("Remove service"),
                      tr("Remove this VoIP service record from the customer? The vault and its recordings stay on "
                         "the server.")))
        return;
    m_context.directory->removeService(m_services.at(row).id);
    reload();
}

void CustomerView::focusServices()
{
    if (m_ui->serviceList->count() > 0 && m_ui->serviceList->currentRow() < 0)
        m_ui->serviceList->setCurrentRow(0);
    m_ui->serviceList->setFocus();
}

} // namespace vv::ui
