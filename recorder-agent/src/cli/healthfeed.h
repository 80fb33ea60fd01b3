#pragma once
// What the health monitor looks at each second, gathered from the recorder's
// own objects (pipeline, vault store, capture).
#include "alerts/healthmonitor.h"
#include "cli/capturesupervisor.h"
#include "pipeline/pipeline.h"
#include "vault/vaultstore.h"

namespace vv::agent {

HealthInputs healthInputs(Pipeline &pipeline, VaultStore &store, const CaptureSupervisor *capture,
                          const QString &interface, PacketTime now);

} // namespace vv::agent
