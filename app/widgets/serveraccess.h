#pragma once
// Gets a signed-in client for a registered server when a page needs one: the client already signed in this
// session, else the password remembered in the keychain, else the sign-in dialog (locked to that server and user).
#include <QObject>
#include <functional>

class QWidget;
namespace vv::net {
class AgentClient;
}
namespace vv::app {
class CredentialStore;
class ServerConnections;
} // namespace vv::app

namespace vv::ui {

class ServerAccess : public QObject
{
    Q_OBJECT
public:
    ServerAccess(vv::app::ServerConnections *connections, vv::app::CredentialStore *credentials,
                 QObject *parent = nullptr);

    vv::app::ServerConnections *connections() const { return m_connections; }
    vv::app::CredentialStore *credentials() const { return m_credentials; }

    // ready(client) runs once signed in; failed(reason) when the user gave up or the server is unknown.
    // Both only while context lives. interactive = false never opens a dialog (background refreshes).
    void withClient(qint64 serverId, QWidget *context, bool interactive,
                    std::function<void(vv::net::AgentClient *)> ready, std::function<void(const QString &)> failed);

private:
    void askUser(qint64 serverId, QWidget *context, std::function<void(vv::net::AgentClient *)> ready,
                 std::function<void(const QString &)> failed);

    vv::app::ServerConnections *m_connections;
    vv::app::CredentialStore *m_credentials;
};

} // namespace vv::ui
