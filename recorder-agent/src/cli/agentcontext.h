#pragma once
// What replay and run share: the data folder's lock (one agent per folder),
// the catalogue and the vault store, opened and reconciled in that order.
#include "config/agentconfig.h"
#include "vault/catalogue.h"
#include "vault/vaultstore.h"

#include <QLockFile>
#include <memory>

namespace vv::agent {

class AgentContext
{
public:
    bool open(const AgentConfig &config, PacketTime now, QString *error);
    Catalogue &catalogue() { return m_catalogue; }
    VaultStore &store() { return *m_store; }

private:
    std::unique_ptr<QLockFile> m_lock;
    Catalogue m_catalogue;
    std::unique_ptr<VaultStore> m_store;
};

QString cataloguePath(const QString &dataDir);

} // namespace vv::agent
