#pragma once

namespace vv::agent {

// Deterministic crash injection for the crash-safety tests: with
// VIPVAULT_TEST_CRASH=<point>:<n> in the environment, the n-th time the named
// point is reached the process sends itself SIGKILL, exactly as `kill -9`
// would. Without the variable this is one relaxed atomic load per call.
//
// Points: "page" (after an Ogg page is written: mid-call), "evict" (after the
// catalogue marked a recording overwritten, before its file is deleted),
// "finish" (after a finished file is renamed, before its row is completed),
// "begin" (after a recording's row is inserted, before its file exists).
void crashPoint(const char *name);

} // namespace vv::agent
