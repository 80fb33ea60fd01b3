// vv-capgen: writes deterministic SIP/RTP captures for demos and benchmarks.
#include "pcapwriter.h"
#include "scenario.h"
#include "sender.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

using namespace vv::capgen;

namespace {

constexpr double kEpoch = 1795687200.0; // 2026-11-26T10:00:00Z
const char *kPbx = "192.0.2.10";
const char *kCarrier = "198.51.100.20";

Party phone(int extension)
{
    return makeParty(std::to_string(extension), kPbx, "192.0.2." + std::to_string(extension - 180), 5060,
                     uint16_t(40000 + (extension - 200) * 10));
}

Party external(const std::string &number, uint16_t mediaPort)
{
    return makeParty(number, kCarrier, kCarrier, 5060, mediaPort);
}

int usage()
{
    std::fprintf(stderr, "usage: vv-capgen demo OUT.pcap\n"
                         "       vv-capgen bench OUT.pcap [--calls N] [--seconds S]\n"
                         "       vv-capgen send-loopback\n");
    return 2;
}

bool write(const Scenario &scenario, const char *path)
{
    std::string error;
    if (!writeCapture(path, scenario.packets(), CaptureOptions{}, &error)) {
        std::fprintf(stderr, "vv-capgen: %s\n", error.c_str());
        return false;
    }
    return true;
}

int demo(const char *path)
{
    Scenario scenario;
    struct Row
    {
        const char *id;
        Party caller;
        Party callee;
        Outcome outcome;
        Codec codec;
        const char *expect;
    };
    const Row rows[] = {
        {"demo-inbound@192.0.2.10", external("07700900123", 30000), phone(201), Outcome::Answered, Codec::Pcmu,
         "inbound to 201, recorded"},
        {"demo-outbound@192.0.2.10", phone(202), external("+442079460000", 30010), Outcome::Answered, Codec::Pcma,
         "outbound from 202, recorded"},
        {"demo-internal@192.0.2.10", phone(203), phone(204), Outcome::Answered, Codec::Pcmu, "internal, not recorded"},
        {"demo-excluded@192.0.2.10", phone(205), external("07700900456", 30020), Outcome::Answered, Codec::Pcmu,
         "outbound from 205: recorded unless 205 is excluded"},
        {"demo-cancelled@192.0.2.10", external("07700900789", 30030), phone(206), Outcome::Cancelled, Codec::Pcmu,
         "cancelled, not recorded"},
        {"demo-busy@192.0.2.10", phone(207), external("07700900111", 30040), Outcome::BusyHere, Codec::Pcmu,
         "486 Busy Here, not recorded"},
    };
    double start = kEpoch;
    uint64_t seed = 100;
    for (const Row &row : rows) {
        CallSpec spec;
        spec.callId = row.id;
        spec.caller = row.caller;
        spec.callee = row.callee;
        spec.caller.displayName = row.caller.user == "202" ? "Reception" : "";
        spec.outcome = row.outcome;
        spec.codec = row.codec;
        spec.start = start;
        spec.talkMs = 6000;
        spec.seed = seed++;
        scenario.addCall(spec);
        std::printf("%-28s %s\n", row.id, row.expect);
        start += 2.5; // overlapping calls
    }
    return write(scenario, path) ? 0 : 1;
}

int bench(const char *path, int calls, double seconds)
{
    Scenario scenario;
    for (int i = 0; i < calls; ++i) {
        const int extension = 200 + i % 100;
        CallSpec spec;
        spec.callId = "bench-" + std::to_string(i) + "@192.0.2.10";
        // Distinct phone addresses and ports so every call has its own media endpoints.
        spec.caller = makeParty("0770090" + std::to_string(1000 + i), kCarrier, kCarrier, 5060,
                                uint16_t(20000 + 2 * (i % 20000)));
        spec.callee = makeParty(std::to_string(extension), kPbx, "192.0.2." + std::to_string(20 + i % 200), 5060,
                                uint16_t(40000 + 2 * (i / 200)));
        spec.codec = i % 2 ? Codec::Pcma : Codec::Pcmu;
        spec.start = kEpoch + i * 0.01;
        spec.ringMs = 500;
        spec.talkMs = int(seconds * 1000);
        spec.telephoneEvents = false;
        spec.comfortNoise = false;
        spec.seed = 1000 + uint64_t(i);
        scenario.addCall(spec);
    }
    return write(scenario, path) ? 0 : 1;
}

// Two answered external calls (inbound to 201, outbound from 202) and one internal call, sent for real over
// 127.0.0.0/8 in real time, for a live agent to capture (the install test's installed service).
int sendLoopback()
{
    const auto phoneOnLoopback = [](int extension) {
        return makeParty(std::to_string(extension), "127.0.0.1", "127.0.0." + std::to_string(extension - 180), 5060,
                         uint16_t(47000 + (extension - 200) * 10));
    };
    const auto carrierOnLoopback = [](const std::string &number, uint16_t mediaPort) {
        return makeParty(number, "127.0.0.50", "127.0.0.50", 5060, mediaPort);
    };
    Scenario scenario;
    struct Row
    {
        const char *id;
        Party caller;
        Party callee;
    };
    const Row rows[] = {
        {"loopback-inbound@127.0.0.1", carrierOnLoopback("07700900123", 47600), phoneOnLoopback(201)},
        {"loopback-outbound@127.0.0.1", phoneOnLoopback(202), carrierOnLoopback("+442079460000", 47610)},
        {"loopback-internal@127.0.0.1", phoneOnLoopback(204), phoneOnLoopback(206)},
    };
    double start = 1000.0;
    uint64_t seed = 700;
    for (const Row &row : rows) {
        CallSpec spec;
        spec.callId = row.id;
        spec.caller = row.caller;
        spec.callee = row.callee;
        spec.proxy = Endpoint{"127.0.0.1", 5060};
        spec.start = start;
        spec.ringMs = 500;
        spec.talkMs = 3000;
        spec.seed = seed++;
        scenario.addCall(spec);
        start += 0.4;
    }
    std::string error;
    if (!sendRealtime(scenario.packets(), &error)) {
        std::fprintf(stderr, "vv-capgen: %s\n", error.c_str());
        return 1;
    }
    for (const Row &row : rows)
        std::printf("%s\n", row.id);
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc == 2 && !std::strcmp(argv[1], "send-loopback"))
        return sendLoopback();
    if (argc < 3)
        return usage();
    const std::string command = argv[1];
    if (command == "demo" && argc == 3)
        return demo(argv[2]);
    if (command == "bench") {
        int calls = 10;
        double seconds = 30;
        for (int i = 3; i < argc; ++i) {
            if (!std::strcmp(argv[i], "--calls") && i + 1 < argc)
                calls = std::atoi(argv[++i]);
            else if (!std::strcmp(argv[i], "--seconds") && i + 1 < argc)
                seconds = std::atof(argv[++i]);
            else
                return usage();
        }
        if (calls <= 0 || seconds <= 0)
            return usage();
        return bench(argv[2], calls, seconds);
    }
    return usage();
}
