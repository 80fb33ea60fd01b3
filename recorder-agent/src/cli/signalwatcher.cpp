#include "cli/signalwatcher.h"

#include <csignal>

namespace vv::agent {

namespace {
volatile std::sig_atomic_t g_stop = 0;
volatile std::sig_atomic_t g_reload = 0;
void onSignal(int)
{
    g_stop = 1;
}
void onHangup(int)
{
    g_reload = 1;
}
} // namespace

void installStopSignals()
{
    struct sigaction sa = {};
    sa.sa_handler = onSignal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, nullptr);
    sigaction(SIGINT, &sa, nullptr);
    struct sigaction hup = {};
    hup.sa_handler = onHangup;
    sigemptyset(&hup.sa_mask);
    sigaction(SIGHUP, &hup, nullptr);
    std::signal(SIGPIPE, SIG_IGN); // a closed stdout must not kill a recorder
}

bool stopRequested()
{
    return g_stop != 0;
}

bool takeReloadRequest()
{
    if (!g_reload)
        return false;
    g_reload = 0;
    return true;
}

} // namespace vv::agent
