#include "cli/agentcontext.h"

namespace vv::agent {

QString cataloguePath(const QString &dataDir)
{
    return dataDir + QStringLiteral("/catalogue.sqlite");
}

bool AgentContext::open(const AgentConfig &config, PacketTime now, QString *error)
{
    m_lock = std::make_unique<QLockFile>(config.dataDir + QStringLiteral("/agent.lock"));
    m_lock->setStaleLockTime(0); // a lock whose process is gone (kill -9) is stale
    if (!m_lock->tryLock(0)) {
        qint64 pid = 0;
        QString host;
        QString app;
        m_lock->getLockInfo(&pid, &host, &app);
        *error = QStringLiteral("another agent (pid %1) is using the data folder %2").arg(pid).arg(config.dataDir);
        return false;
    }
    if (!m_catalogue.open(cataloguePath(config.dataDir), error))
        return false;
    m_store = std::make_unique<VaultStore>(&m_catalogue, config.dataDir, config.reserveFreeBytes);
    if (!m_store->open(config, now, error))
        return false;
    m_writer = std::make_unique<CatalogueWriter>(cataloguePath(config.dataDir));
    if (!m_writer->start(error))
        return false;
    m_store->setWriter(m_writer.get());
    return true;
}

} // namespace vv::agent
