#pragma once
// SIGTERM/SIGINT set a flag the capture loop polls; a handler may do no more.
#include <atomic>

void installStopSignals();
bool stopRequested();
// True once per SIGHUP: reload the configuration.
bool takeReloadRequest();
