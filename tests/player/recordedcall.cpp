#include "recordedcall.h"

#include "agentharness.h"
#include "pcapwriter.h"
#include "speech.h"
#include "topology.h"

#include <QFile>

namespace vv::playertest {

using namespace vv::capgen;

bool RecordedCall::make(double talkSeconds, uint64_t seed)
{
    Scenario scenario;
    CallSpec spec =
        topology::call("player-call@pbx", topology::phone(201), topology::external("07700900555", 30002), 0, seed);
    spec.talkMs = int(talkSeconds * 1000);
    spec.telephoneEvents = false;
    spec.comfortNoise = false;
    truth = scenario.addCall(spec);
    const QString capture = dir.filePath("call.pcap");
    std::string e;
    if (!writeCapture(capture.toStdString(), scenario.packets(), CaptureOptions{}, &e))
        return error = QString::fromStdString(e), false;
    const QString data = dir.filePath("data");
    const QString config = vv::testing::writeConfig(dir.path(), vv::testing::standardConfig(data));
    const auto run =
        vv::testing::runReplay(vv::testing::agentBinary(VIPVAULT_AGENT_BIN), config, {capture}, data, 600000);
    if (!run.finished || run.exitCode != 0 || run.calls.size() != 1)
        return error = "replay: " + run.describe(), false;
    file = run.calls.first().value("file").toString();
    durationMs = run.calls.first().value("duration_ms").toInteger();
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return error = "cannot read " + file, false;
    ogg = f.readAll();
    return true;
}

std::vector<double> envelope8k(const std::vector<int16_t> &samples, qint64 fromMs)
{
    const size_t from = std::min(samples.size(), size_t(fromMs * 8));
    return envelope(std::span<const int16_t>(samples.data() + from, samples.size() - from), 8000, 20);
}

std::vector<double> envelope48k(const std::vector<float> &mono)
{
    return envelope(std::span<const float>(mono.data(), mono.size()), 48000, 20);
}

double correlate(const std::vector<double> &a, const std::vector<double> &b, int maxLagWindows)
{
    return bestLagCorrelation(a, b, maxLagWindows).correlation;
}

} // namespace vv::playertest
