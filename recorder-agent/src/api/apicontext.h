#pragma once
// Everything a route handler may use. Objects owned by the pipeline thread
// (the vault store, the call recordings) are reached only through the bridge.
#include "api/metrics.h"
#include "api/pipelinebridge.h"
#include "api/throttle.h"
#include "api/userstore.h"

#include <QString>
#include <atomic>
#include <functional>
#include <mutex>

namespace vv::agent {

class VaultStore;

struct AgentStatus
{
    bool captureRunning = false;
    QString interface;
    quint64 packetsCaptured = 0;
    quint64 packetsDropped = 0;
    quint64 callsInProgress = 0;
    bool diskLow = false;
    qint64 diskFreeBytes = 0;
    qint64 startedAt = 0;
};

struct ApiContext
{
    QString dataDir;
    QString cataloguePath;
    QString certificateSha256;
    UserStore *users = nullptr;
    PipelineBridge *bridge = nullptr;
    VaultStore *store = nullptr;         // pipeline thread only
    std::function<void()> vaultsChanged; // pipeline thread only: vault rules changed, new calls follow them
    LoginThrottle throttle;
    ApiMetrics metrics;

    std::mutex statusMutex;
    AgentStatus status;
    AgentStatus statusSnapshot()
    {
        std::lock_guard lock(statusMutex);
        return status;
    }
};

} // namespace vv::agent
