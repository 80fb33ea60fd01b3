#pragma once
// SIGTERM/SIGINT set a flag the capture loop polls; a handler may do no more.
#include <atomic>

namespace vv::agent {

void installStopSignals();
bool stopRequested();
// True once per SIGHUP: reload the configuration.
bool takeReloadRequest();

} // namespace vv::agent
