#include "serveraccess.h"

#include "agentclient.h"
#include "credentialstore.h"
#include "customerdirectory.h"
#include "serverconnections.h"
#include "signindialog.h"

#include <QPointer>

namespace vv::ui {

using vv::app::CredentialResult;

ServerAccess::ServerAccess(vv::app::ServerConnections *connections, vv::app::CredentialStore *credentials,
                           QObject *parent)
    : QObject(parent)
    , m_connections(connections)
    , m_credentials(credentials)
{}

void ServerAccess::withClient(qint64 serverId, QWidget *context, bool interactive,
                              std::function<void(vv::net::AgentClient *)> ready,
                              std::function<void(const QString &)> failed)
{
    vv::net::AgentClient *client = m_connections->client(serverId);
    const auto server = m_connections->directory()->server(serverId);
    if (!client || !server) {
        failed(tr("This server is no longer registered."));
        return;
    }
    if (client->hasToken()) {
        ready(client);
        return;
    }
    const QString key = vv::app::CredentialStore::keyFor(server->url, server->username);
    m_credentials->read(key, context, [=, this](const CredentialResult &r) {
        if (!r.ok()) {
            if (interactive)
                askUser(serverId, context, ready, failed);
            else
                failed(tr("Not signed in to %1.").arg(server->url));
            return;
        }
        client->signIn(server->username, r.secret, context, [=, this](const vv::net::ApiResult &s) {
            if (s.ok())
                ready(client);
            else if (interactive && s.httpStatus == 401)
                askUser(serverId, context, ready, failed);
            else
                failed(tr("Cannot sign in to %1: %2").arg(server->url, s.errorString));
        });
    });
}

void ServerAccess::askUser(qint64 serverId, QWidget *context, std::function<void(vv::net::AgentClient *)> ready,
                           std::function<void(const QString &)> failed)
{
    const auto server = m_connections->directory()->server(serverId);
    auto *dialog = new SignInDialog(m_connections->directory(), m_credentials, context);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setServer(server->url, server->username, true);
    dialog->requireMode(SignInDialog::Mode::Reseller);
    QPointer<QWidget> guard(context);
    connect(dialog, &QDialog::finished, this, [=, this](int result) {
        if (!guard)
            return;
        if (result != QDialog::Accepted) {
            failed(tr("Not signed in to %1.").arg(server->url));
            return;
        }
        vv::net::AgentClient *client = dialog->takeClient();
        m_connections->adopt(serverId, client);
        ready(client);
    });
    dialog->open();
}

} // namespace vv::ui
