#include "common/crashpoint.h"

#include <atomic>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <string>
#include <unistd.h>

namespace vv::agent {

namespace {

struct Config
{
    bool armed = false;
    std::string point;
    long target = 0;
};

const Config &config()
{
    static const Config c = [] {
        Config cfg;
        const char *env = std::getenv("VIPVAULT_TEST_CRASH");
        if (!env)
            return cfg;
        const char *colon = std::strchr(env, ':');
        if (!colon)
            return cfg;
        cfg.point.assign(env, colon);
        cfg.target = std::strtol(colon + 1, nullptr, 10);
        cfg.armed = cfg.target > 0;
        return cfg;
    }();
    return c;
}

std::atomic<long> g_count{0};

} // namespace

void crashPoint(const char *name)
{
    const Config &c = config();
    if (!c.armed || c.point != name)
        return;
    if (g_count.fetch_add(1) + 1 == c.target)
        ::kill(::getpid(), SIGKILL);
}

} // namespace vv::agent
