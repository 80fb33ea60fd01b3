#pragma once
// [cdr] folder: call-record files dropped there are checked once they have not
// changed for two minutes (the PBX has finished writing and the calls' rows
// are in the catalogue), then renamed *.checked. Every answered call that
// should have a recording and has none becomes a health event.
#include "alerts/alertsservice.h"
#include "config/agentconfig.h"
#include "vault/vaultstore.h"

#include <chrono>

namespace vv::agent {

class CdrWatch
{
public:
    explicit CdrWatch(AlertsConfig config)
        : m_config(std::move(config))
    {}
    void poll(VaultStore &store, AlertsService &alerts, PacketTime now); // cheap when nothing is due

private:
    AlertsConfig m_config;
    std::chrono::steady_clock::time_point m_next{};
};

int cdrCheckCommand(const QStringList &args);

} // namespace vv::agent
