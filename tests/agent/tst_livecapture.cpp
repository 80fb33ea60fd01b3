// `vipvault-agent run` on the loopback interface: real UDP packets from the generator, judged like a replay.
#include "agentharness.h"
#include "scenario.h"
#include "sender.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <unistd.h>

using namespace vv::capgen;
using vv::testing::AgentRun;
using vv::testing::ExpectedCall;

namespace {

constexpr int kNetRawBit = 13; // CAP_NET_RAW

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

// Phones on distinct 127.0.0.x addresses, the PBX at 127.0.0.1:5060 relaying all SIP, a carrier at 127.0.0.50.
Party livePhone(int extension)
{
    return makeParty(std::to_string(extension), "127.0.0.1", "127.0.0." + std::to_string(extension - 180), 5060,
                     uint16_t(47000 + (extension - 200) * 10));
}

Party liveCarrier(const std::string &number, uint16_t mediaPort)
{
    return makeParty(number, "127.0.0.50", "127.0.0.50", 5060, mediaPort);
}

// Reads stdout lines as they come, until `done` says enough or the timeout passes.
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
        vv::testing::parseAgentOutput(pending.left(end + 1), run);
        pending.remove(0, end + 1);
    }
}

} // namespace

class TestLiveCapture : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void threeCallsOnLoopback();
};

void TestLiveCapture::threeCallsOnLoopback()
{
    QString why;
    if (!canCapture(&why))
        QSKIP(qPrintable(why));
    const QString agent = vv::testing::agentBinary(VIPVAULT_AGENT_BIN);
    QVERIFY2(QFileInfo(agent).isExecutable(), qPrintable("agent binary not found: " + agent));

    // Timestamps are rebased to the wall clock after sending, so the base here is arbitrary.
    Scenario scenario;
    const Endpoint pbx{"127.0.0.1", 5060};
    auto spec = [&](const std::string &id, Party caller, Party callee, double offset, uint64_t seed) {
        CallSpec s;
        s.callId = id;
        s.caller = std::move(caller);
        s.callee = std::move(callee);
        s.start = 1000.0 + offset;
        s.ringMs = 600;
        s.talkMs = 3500;
        s.proxy = pbx;
        s.seed = seed;
        return s;
    };
    scenario.addCall(spec("live-in@127.0.0.1", liveCarrier("07700900123", 47600), livePhone(201), 0.0, 901));
    CallSpec out = spec("live-out@127.0.0.1", livePhone(202), liveCarrier("+442079460000", 47610), 0.4, 902);
    out.codec = Codec::Pcma;
    scenario.addCall(out);
    scenario.addCall(spec("live-int@127.0.0.1", livePhone(204), livePhone(206), 0.8, 903));

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString dataDir = dir.filePath("data");
    QDir().mkpath(dataDir);
    const QString config = vv::testing::writeConfig(dir.path(), vv::testing::standardConfig(dataDir, {}, "lo"));

    QProcess process;
    process.start(agent, {"run", "--config", config});
    QVERIFY2(process.waitForStarted(10000), qPrintable(process.errorString()));
    AgentRun run;
    run.started = true;
    QByteArray pending;
    readLines(process, run, pending, 20000, [](const AgentRun &r) {
        return std::any_of(r.events.begin(), r.events.end(),
                           [](const QJsonObject &e) { return e.value("event").toString() == "ready"; });
    });
    const auto ready = std::find_if(run.events.begin(), run.events.end(),
                                    [](const QJsonObject &e) { return e.value("event").toString() == "ready"; });
    if (ready == run.events.end()) {
        process.kill();
        process.waitForFinished(5000);
        QFAIL(qPrintable("no ready line; stderr: " + QString::fromUtf8(process.readAllStandardError())));
    }
    QCOMPARE(ready->value("interface").toString(), QString("lo"));

    const std::vector<GenPacket> packets = scenario.packets();
    std::string error;
    double firstSent = 0.0;
    const bool sent = sendRealtime(packets, &error, nullptr, &firstSent);
    if (!sent) {
        process.kill();
        process.waitForFinished(5000);
        QFAIL(error.c_str());
    }

    // Rebase the truth from the scenario's clock to the moment the first packet left.
    const double shift = firstSent - packets.front().ts;
    std::vector<CallTruth> truths = scenario.truths();
    for (CallTruth &t : truths) {
        t.inviteTime += shift;
        t.answerTime += shift;
        t.endTime += shift;
    }
    auto truthOf = [&](const char *id) {
        return &*std::find_if(truths.begin(), truths.end(), [&](const CallTruth &t) { return t.callId == id; });
    };

    readLines(process, run, pending, 20000, [](const AgentRun &r) { return r.calls.size() >= 3; });
    process.terminate(); // SIGTERM: the agent finalises and exits
    const bool finished = process.waitForFinished(20000);
    if (!finished) {
        process.kill();
        process.waitForFinished(5000);
    }
    pending += process.readAllStandardOutput();
    vv::testing::parseAgentOutput(pending, run);
    run.finished = finished;
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.standardError = QString::fromUtf8(process.readAllStandardError());
    QVERIFY2(run.finished && run.exitCode == 0, qPrintable(run.describe()));

    ExpectedCall in;
    in.callId = "live-in@127.0.0.1";
    in.direction = "inbound";
    in.extension = "201";
    in.caller = "07700900123";
    in.extensionIsCaller = false;
    in.truth = truthOf("live-in@127.0.0.1");
    ExpectedCall outCall;
    outCall.callId = "live-out@127.0.0.1";
    outCall.direction = "outbound";
    outCall.extension = "202";
    outCall.callee = "+442079460000";
    outCall.codec = "PCMA";
    outCall.truth = truthOf("live-out@127.0.0.1");
    ExpectedCall internal;
    internal.callId = "live-int@127.0.0.1";
    internal.recorded = false;
    internal.reason = "internal";
    internal.direction = "internal";
    internal.checkExtension = false;
    internal.truth = truthOf("live-int@127.0.0.1");
    const QString failures = vv::testing::checkCalls(run, {in, outCall, internal});
    QVERIFY2(failures.isEmpty(), qPrintable(failures + "\n" + run.describe()));
}

QTEST_GUILESS_MAIN(TestLiveCapture)
#include "tst_livecapture.moc"
