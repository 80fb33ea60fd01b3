#pragma once
// What replay and run share: the data folder's lock (one agent per folder),
// the catalogue and the vault store, opened and reconciled in that order, and
// the catalogue writer that takes the store's writes off the recorder's thread.
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
    CatalogueWriter &writer() { return *m_writer; }

private:
    std::unique_ptr<QLockFile> m_lock;
    Catalogue m_catalogue;
    std::unique_ptr<VaultStore> m_store;
    std::unique_ptr<CatalogueWriter> m_writer; // after the store: stopped (queue written) first
};

QString cataloguePath(const QString &dataDir);

} // namespace vv::agent
