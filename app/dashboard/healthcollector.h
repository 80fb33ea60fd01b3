#pragma once
// Gathers the dashboard's rows from every server in the directory: the agent's status, its vaults, its open
// health events and each vault's assurance over seven days. One server's trouble never hides another's: each
// server reports on its own (serverCollected), an unreachable one as a single failing row that says why.
#include "vaulthealth.h"

#include <QObject>
#include <functional>

namespace vv::net {
class AgentClient;
}
namespace vv::app {
class CustomerDirectory;
}

namespace vv::dashboard {

class HealthCollector : public QObject
{
    Q_OBJECT
public:
    // How a signed-in client is obtained (the app's ServerAccess, never interactive here).
    using ClientProvider =
        std::function<void(qint64 serverId, QObject *context, std::function<void(vv::net::AgentClient *)> ready,
                           std::function<void(const QString &)> failed)>;

    HealthCollector(vv::app::CustomerDirectory *directory, ClientProvider provider, QObject *parent = nullptr);

    void refresh();
    bool busy() const { return m_pending > 0; }

Q_SIGNALS:
    void serverCollected(qint64 serverId, const QList<vv::dashboard::VaultHealthRow> &rows);
    void finished();

private:
    struct Gather;
    void collect(qint64 serverId, const QString &serverName);
    void done(const std::shared_ptr<Gather> &g);

    vv::app::CustomerDirectory *m_directory;
    ClientProvider m_provider;
    int m_pending = 0;
    quint64 m_generation = 0; // a refresh supersedes answers still on their way from the previous one
};

} // namespace vv::dashboard
