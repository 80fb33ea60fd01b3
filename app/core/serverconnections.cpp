#include "serverconnections.h"

#include "agentclient.h"
#include "applogging.h"
#include "customerdirectory.h"

namespace vv::app {

ServerConnections::ServerConnections(CustomerDirectory *directory, QObject *parent)
    : QObject(parent)
    , m_directory(directory)
{}

vv::net::AgentClient *ServerConnections::client(qint64 serverId)
{
    if (auto *c = m_clients.value(serverId))
        return c;
    const auto server = m_directory->server(serverId);
    if (!server)
        return nullptr;
    auto *c = new vv::net::AgentClient(this);
    QString error;
    if (!c->setBaseUrl(QUrl(server->url), &error))
        qCWarning(lcAppCore).noquote() << "server" << server->url << "unusable:" << error;
    c->setPinnedSha256(server->pinSha256);
    connect(c, &vv::net::AgentClient::authenticationRequired, this,
            [this, serverId] { Q_EMIT signInNeeded(serverId); });
    m_clients.insert(serverId, c);
    return c;
}

bool ServerConnections::isSignedIn(qint64 serverId) const
{
    const auto *c = m_clients.value(serverId);
    return c && c->hasToken();
}

void ServerConnections::adopt(qint64 serverId, vv::net::AgentClient *client)
{
    if (auto *old = m_clients.take(serverId); old && old != client)
        old->deleteLater();
    client->setParent(this);
    connect(client, &vv::net::AgentClient::authenticationRequired, this,
            [this, serverId] { Q_EMIT signInNeeded(serverId); });
    m_clients.insert(serverId, client);
}

void ServerConnections::forget(qint64 serverId)
{
    if (auto *old = m_clients.take(serverId))
        old->deleteLater();
}

} // namespace vv::app
