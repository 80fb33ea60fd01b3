#pragma once
// One AgentClient per registered server, set up with the server's URL and the certificate the user trusted.
// Tokens live only in these clients (memory); signing in again after a restart uses the keychain's password.
#include "customer.h"

#include <QHash>
#include <QObject>

namespace vv::net {
class AgentClient;
}

namespace vv::app {

class CustomerDirectory;

class ServerConnections : public QObject
{
    Q_OBJECT
public:
    explicit ServerConnections(CustomerDirectory *directory, QObject *parent = nullptr);

    CustomerDirectory *directory() const { return m_directory; }
    // nullptr when the server is not in the directory.
    vv::net::AgentClient *client(qint64 serverId);
    bool isSignedIn(qint64 serverId) const;
    // A client that already signed in (the sign-in dialog's) takes over for this server.
    void adopt(qint64 serverId, vv::net::AgentClient *client);
    // The server was removed from the directory, or its certificate re-trusted: the client goes (the next
    // client(id) is made afresh from the directory, with the pin it holds now).
    void forget(qint64 serverId);

Q_SIGNALS:
    void signInNeeded(qint64 serverId);

private:
    CustomerDirectory *m_directory;
    QHash<qint64, vv::net::AgentClient *> m_clients;
};

} // namespace vv::app
