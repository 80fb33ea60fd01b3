#pragma once
// The agent's recording assurance, put together: the health monitor fed once
// a second from the recorder's thread, its decisions written to the health log
// and queued for every subscriber (through the catalogue writer, off the
// packet path), the notifier that delivers them, the daily digest, and the
// marker that tells a clean stop from a crash.
#include "alerts/healthmonitor.h"
#include "alerts/notifier.h"
#include "config/agentconfig.h"
#include "vault/cataloguewriter.h"

#include <QHash>
#include <memory>
#include <mutex>

namespace vv::agent {

class AlertsService
{
public:
    AlertsService(const AgentConfig &config, QString cataloguePath);
    ~AlertsService();

    // After the vault store is open: restores what was open, notes the start (and whether the last run
    // ended cleanly), starts the notifier. `certificatePath` may be empty.
    bool start(Catalogue &catalogue, CatalogueWriter &writer, PacketTime now, const QString &certificatePath,
               QString *error);
    // Once a second, on the recorder's thread. The vaults' growth is filled in here (refreshed hourly).
    void tick(HealthInputs inputs, const std::vector<VaultRecord> &vaults);
    void cdrMissed(PacketTime now, const QString &key, qint64 vaultId, const QString &detail);
    // A clean stop removes the marker; without it the next start reports an unclean stop.
    void stop(bool clean);

    const Notifier &notifier() const { return *m_notifier; }
    void wake() { m_notifier->wake(); } // any thread, also before start()
    int openEvents() const { return m_monitor.openCount(); }

private:
    void record(const HealthEntry &e);
    void queueDigests(const std::vector<VaultRecord> &vaults, PacketTime now);
    void refreshGrowth(const std::vector<VaultRecord> &vaults, PacketTime now);

    AgentConfig m_config;
    QString m_cataloguePath;
    QString m_markerPath;
    CatalogueWriter *m_writer = nullptr;
    std::unique_ptr<Notifier> m_notifier;
    HealthMonitor m_monitor;
    PacketTime m_certificateExpiresAt = 0;
    PacketTime m_lastGrowthRefresh = 0;
    qint64 m_lastDigestDay = -1;
    std::mutex m_growthMutex;
    QHash<qint64, double> m_growth; // vault id -> bytes a day (written by the writer thread)
};

} // namespace vv::agent
