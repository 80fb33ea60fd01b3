#include "manageserversdialog.h"

#include "agentclient.h"
#include "credentialstore.h"
#include "customerdirectory.h"
#include "prompts.h"
#include "serverconnections.h"
#include "signindialog.h"
#include "ui_manageserversdialog.h"

#include <QHeaderView>
#include <QPushButton>

namespace vv::ui {

ManageServersDialog::ManageServersDialog(const AppContext &context, QWidget *parent)
    : QDialog(parent)
    , m_ui(new Ui::ManageServersDialog)
    , m_context(context)
{
    m_ui->setupUi(this);
    m_ui->serversTable->setColumnCount(ColumnCount);
    m_ui->serversTable->setHorizontalHeaderLabels(
        {tr("Name"), tr("Address"), tr("User"), tr("Certificate (SHA-256)"), tr("State")});
    m_ui->serversTable->horizontalHeader()->setStretchLastSection(true);
    m_ui->serversTable->verticalHeader()->hide();
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_ui->renameButton, &QPushButton::clicked, this, &ManageServersDialog::renameSelected);
    connect(m_ui->removeButton, &QPushButton::clicked, this, &ManageServersDialog::removeSelected);
    connect(m_ui->recheckButton, &QPushButton::clicked, this, &ManageServersDialog::recheckSelected);
    connect(m_ui->serversTable, &QTableWidget::cellChanged, this, &ManageServersDialog::onNameEdited);
    reload();
}

ManageServersDialog::~ManageServersDialog()
{
    delete m_ui;
}

void ManageServersDialog::reload()
{
    m_loading = true;
    const QList<vv::app::Server> servers = m_context.directory->servers();
    m_ui->serversTable->setRowCount(int(servers.size()));
    for (int i = 0; i < servers.size(); ++i) {
        const vv::app::Server &s = servers[i];
        auto *name = new QTableWidgetItem(s.displayName());
        name->setData(Qt::UserRole, s.id);
        m_ui->serversTable->setItem(i, Name, name);
        for (auto [column, text] : {std::pair{Url, s.url}, std::pair{User, s.username},
                                    std::pair{Certificate, SignInDialog::spacedFingerprint(s.pinSha256)}}) {
            auto *item = new QTableWidgetItem(text);
            item->setFlags(item->flags() & ~Qt::ItemIsEditable);
            m_ui->serversTable->setItem(i, column, item);
        }
        auto *state =
            new QTableWidgetItem(m_context.connections->isSignedIn(s.id) ? tr("session open") : tr("not checked"));
        state->setFlags(state->flags() & ~Qt::ItemIsEditable);
        m_ui->serversTable->setItem(i, State, state);
    }
    m_ui->serversTable->resizeColumnsToContents();
    if (!servers.isEmpty() && m_ui->serversTable->currentRow() < 0)
        m_ui->serversTable->selectRow(0);
    for (QPushButton *b : {m_ui->renameButton, m_ui->removeButton, m_ui->recheckButton})
        b->setEnabled(!servers.isEmpty());
    m_loading = false;
}

qint64 ManageServersDialog::serverAt(int row) const
{
    const QTableWidgetItem *item = m_ui->serversTable->item(row, Name);
    return item ? item->data(Qt::UserRole).toLongLong() : 0;
}

void ManageServersDialog::selectServer(qint64 serverId)
{
    for (int i = 0; i < m_ui->serversTable->rowCount(); ++i)
        if (serverAt(i) == serverId)
            m_ui->serversTable->selectRow(i);
}

void ManageServersDialog::setState(qint64 serverId, const QString &text, bool bad)
{
    for (int i = 0; i < m_ui->serversTable->rowCount(); ++i) {
        if (serverAt(i) != serverId)
            continue;
        QTableWidgetItem *item = m_ui->serversTable->item(i, State);
        item->setText(text);
        item->setToolTip(text);
        item->setForeground(bad ? QColor(0xa0, 0x00, 0x00) : palette().color(QPalette::Text));
    }
    m_ui->serversTable->resizeColumnToContents(State);
    Q_EMIT rechecked(serverId, text);
}

void ManageServersDialog::renameSelected()
{
    const int row = m_ui->serversTable->currentRow();
    if (row >= 0)
        m_ui->serversTable->editItem(m_ui->serversTable->item(row, Name));
}

void ManageServersDialog::onNameEdited(int row, int column)
{
    if (m_loading || column != Name)
        return;
    auto server = m_context.directory->server(serverAt(row));
    if (!server)
        return;
    const QString label = m_ui->serversTable->item(row, Name)->text().trimmed();
    // An empty name, or the address itself, means "no name": the address is shown.
    server->label = label == server->url ? QString() : label;
    if (!m_context.directory->saveServer(&*server)) {
        m_ui->statusLabel->setText(tr("The name was not saved: %1").arg(m_context.directory->lastError()));
        reload();
        return;
    }
    m_ui->statusLabel->setText(tr("Renamed %1 to %2.").arg(server->url, server->displayName()));
    Q_EMIT serversChanged();
}

void ManageServersDialog::removeSelected()
{
    const int row = m_ui->serversTable->currentRow();
    const auto server = m_context.directory->server(serverAt(row));
    if (!server)
        return;
    int linked = 0;
    for (const vv::app::Service &s : m_context.directory->allServices())
        linked += s.serverId == server->id;
    const QString text =
        tr("Remove %1 (%2, user %3) from this app?\n\n%4The agent keeps running and keeps every recording; only "
           "this app forgets it, its remembered password and its certificate.")
            .arg(server->displayName(), server->url, server->username,
                 linked ? tr("%n VoIP service(s) of your customers are linked to it and will be unlinked. ", nullptr,
                             linked)
                        : QString());
    if (!Prompts::ask(this, Prompts::Kind::ConfirmDestructive, tr("Remove server"), text))
        return;
    if (!m_context.directory->removeServer(server->id)) {
        m_ui->statusLabel->setText(tr("Not removed: %1").arg(m_context.directory->lastError()));
        return;
    }
    m_context.connections->forget(server->id);
    m_context.credentials->remove(vv::app::CredentialStore::keyFor(server->url, server->username), this,
                                  [](const vv::app::CredentialResult &) {});
    m_ui->statusLabel->setText(tr("Removed %1.").arg(server->displayName()));
    reload();
    Q_EMIT serversChanged();
}

void ManageServersDialog::recheckSelected()
{
    const auto server = m_context.directory->server(serverAt(m_ui->serversTable->currentRow()));
    if (!server)
        return;
    setState(server->id, tr("checking…"), false);
    // A client of its own: the check must see the certificate itself, not reuse a session's connection.
    auto *probe = new vv::net::AgentClient(this);
    QString error;
    if (!probe->setBaseUrl(QUrl(server->url), &error)) {
        setState(server->id, tr("unusable address: %1").arg(error), true);
        probe->deleteLater();
        return;
    }
    probe->setPinnedSha256(server->pinSha256);
    const vv::app::Server s = *server;
    probe->health(this, [this, probe, s](const vv::net::ApiResult &r) {
        probe->deleteLater();
        if (r.ok()) {
            setState(s.id, tr("reachable; certificate as trusted"), false);
            return;
        }
        if (r.error != vv::net::ApiError::CertificateChanged) {
            setState(s.id, tr("unreachable: %1").arg(r.errorString), true);
            return;
        }
        setState(s.id, tr("CERTIFICATE CHANGED"), true);
        const QString text =
            tr("%1 now presents a different certificate.\n\nTrusted before:\n%2\n\nPresented now:\n%3\n\nTrust the new "
               "one only if the server's administrator confirms this fingerprint (the agent logs it at start). "
               "Otherwise someone may be intercepting the connection: do not trust it.")
                .arg(s.displayName(), SignInDialog::spacedFingerprint(s.pinSha256),
                     SignInDialog::spacedFingerprint(r.certificateSha256));
        if (!Prompts::ask(this, Prompts::Kind::TrustCertificate, tr("Certificate changed"), text)) {
            setState(s.id, tr("CERTIFICATE CHANGED: not trusted; the app refuses to connect"), true);
            return;
        }
        vv::app::Server updated = s;
        updated.pinSha256 = r.certificateSha256;
        if (!m_context.directory->saveServer(&updated)) {
            setState(s.id, tr("not saved: %1").arg(m_context.directory->lastError()), true);
            return;
        }
        // The session's client follows the new pin (its sign-in is with the same agent).
        if (vv::net::AgentClient *client = m_context.connections->client(s.id))
            client->setPinnedSha256(updated.pinSha256);
        reload();
        setState(s.id, tr("new certificate trusted"), false);
        Q_EMIT serversChanged();
    });
}

} // namespace vv::ui
