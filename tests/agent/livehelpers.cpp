#include "livehelpers.h"

#include <QElapsedTimer>
#include <QFile>
#include <unistd.h>

using namespace vv::capgen;

namespace vv::testing {

namespace {
constexpr int kNetRawBit = 13; // CAP_NET_RAW
} // namespace

bool canCapture(QString *why)
{
    if (::geteuid() == 0)
        return true;
    QFile status("/proc/self/status");
    if (status.open(QIODevice::ReadOnly)) {
        for (const QByteArray &line : status.readAll().split('\n')) {
            if (line.startsWith("CapEff:") && (line.mid(7).trimmed().toULongLong(nullptr, 16) >> kNetRawBit) & 1)
                return true;
        }
    }
    *why = "live capture needs root or CAP_NET_RAW (run as root, or setcap cap_net_raw+ep on the test binary)";
    return false;
}

Party livePhone(int extension)
{
    return makeParty(std::to_string(extension), "127.0.0.1", "127.0.0." + std::to_string(extension - 180), 5060,
                     uint16_t(47000 + (extension - 200) * 10));
}

Party liveCarrier(const std::string &number, uint16_t mediaPort)
{
    return makeParty(number, "127.0.0.50", "127.0.0.50", 5060, mediaPort);
}

void readLines(QProcess &process, AgentRun &run, QByteArray &pending, int timeoutMs,
               const std::function<bool(const AgentRun &)> &done)
{
    QElapsedTimer timer;
    timer.start();
    while (!done(run) && timer.elapsed() < timeoutMs && process.state() == QProcess::Running) {
        process.waitForReadyRead(200);
        pending += process.readAllStandardOutput();
        const int end = pending.lastIndexOf('\n');
        if (end < 0)
            continue;
        parseAgentOutput(pending.left(end + 1), run);
        pending.remove(0, end + 1);
    }
}

QString startLiveAgent(QProcess &process, AgentRun &run, QByteArray &pending, const QString &agent,
                       const QString &config)
{
    process.start(agent, {"run", "--config", config});
    if (!process.waitForStarted(10000))
        return process.errorString();
    run.started = true;
    auto isReady = [](const AgentRun &r) {
        return std::any_of(r.events.begin(), r.events.end(),
                           [](const QJsonObject &e) { return e.value("event").toString() == "ready"; });
    };
    readLines(process, run, pending, 20000, isReady);
    if (isReady(run))
        return {};
    process.kill();
    process.waitForFinished(5000);
    return "no ready line; stderr: " + QString::fromUtf8(process.readAllStandardError());
}

void stopLiveAgent(QProcess &process, AgentRun &run, QByteArray &pending)
{
    process.terminate(); // SIGTERM: the agent finalises and exits
    const bool finished = process.waitForFinished(60000);
    if (!finished) {
        process.kill();
        process.waitForFinished(5000);
    }
    pending += process.readAllStandardOutput();
    parseAgentOutput(pending, run);
    run.finished = finished;
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.standardError = QString::fromUtf8(process.readAllStandardError());
}

} // namespace vv::testing
