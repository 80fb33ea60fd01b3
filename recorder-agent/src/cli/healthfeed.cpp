#include "cli/healthfeed.h"

namespace vv::agent {

HealthInputs healthInputs(Pipeline &pipeline, VaultStore &store, const CaptureSupervisor *capture,
                          const QString &interface, PacketTime now)
{
    HealthInputs in;
    in.now = now;
    in.interface = capture ? interface : QStringLiteral("none");
    in.captureRunning = capture && capture->running();
    in.captureError = capture ? capture->error() : QString();
    in.captureDrops = capture ? capture->drops() : 0;
    in.lastSipAt = pipeline.calls().lastSipAt();
    const StoreStatus status = store.status();
    in.diskLow = status.diskLow;
    in.diskFreeBytes = status.freeBytes;
    for (const VaultRecord &v : store.vaults())
        in.vaults.push_back({v.id, v.name, v.capBytes, store.heldBytes(v.id), std::nullopt});
    for (const CallRecordings::Missed &m : pipeline.calls().takeMissed())
        in.missed.push_back({m.rowId, m.vaultId, m.vault, m.sipCallId, m.caller, m.callee, m.reason});
    in.vaultsRecorded = pipeline.calls().takeRecordingVaults();
    return in;
}

} // namespace vv::agent
